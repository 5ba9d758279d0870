import { useId, useState, type FormEvent } from 'react';
import type { BotPresetView, PresetSettings } from '../../../../shared/ipc/schemas/bot-presets';
import type { BotInput, BotKind } from '../../../../shared/ipc/schemas/bots';
import { KIND_NAMES } from '../bot-format';
import { useBotPresets } from './use-bot-presets';

interface BotPresetsBarProps {
  /** The form's settings when they check out (what "Save as preset" saves); null while they do not. */
  current: BotInput | null;
  /** Fills the form from a preset whose settings check out. */
  onApply(settings: PresetSettings, presetName: string): void;
  /** The form is read-only (a running bot): presets can be saved from it, not applied to it. */
  readOnly: boolean;
}

const kindName = (kind: string) => KIND_NAMES[kind as BotKind] ?? kind;

/**
 * Bot presets in the bot form: start from one (the form is filled from it; account, market and
 * every setting stay editable), save the form's settings as one, and rename or delete them. A
 * preset whose settings no longer fit this version is listed with the reason and cannot be applied.
 */
export function BotPresetsBar({ current, onApply, readOnly }: BotPresetsBarProps) {
  const { presets, error, save, rename, remove } = useBotPresets();
  const selectId = useId();
  const nameId = useId();
  const manageId = useId();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [managing, setManaging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const apply = (id: string) => {
    const preset = presets?.find((p) => p.id === id);
    if (!preset?.settings) return;
    onApply(preset.settings, preset.name);
    setNotice(`Filled from preset “${preset.name}”: check the account and market before creating the bot.`);
  };

  const submitSave = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || name.trim() === '') return;
    // The preset keeps every setting but the bot's own name.
    const { name: _botName, ...settings } = current;
    const failure = await save(name.trim(), settings);
    setProblem(failure);
    if (!failure) {
      setNotice(`Saved as preset “${name.trim()}”.`);
      setSaving(false);
      setName('');
    }
  };

  return (
    <div className="bot-presets" data-testid="bot-presets">
      <div className="bot-presets-row">
        <div className="field bot-presets-field">
          <label className="field-label" htmlFor={selectId}>
            Start from preset
          </label>
          <select
            id={selectId}
            className="select"
            value=""
            disabled={readOnly || !presets || presets.length === 0}
            onChange={(event) => apply(event.target.value)}
          >
            <option value="">{presets && presets.length === 0 ? 'No presets yet' : 'Choose a preset…'}</option>
            {(presets ?? []).map((p) => (
              <option key={p.id} value={p.id} disabled={p.settings === null}>
                {p.name} · {kindName(p.kind)}
                {p.settings === null ? ' (cannot be used: see Manage presets)' : ''}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          aria-expanded={saving}
          disabled={current === null}
          title={current === null ? 'Fix the highlighted settings first: only settings that check out are saved.' : undefined}
          onClick={() => setSaving((open) => !open)}
        >
          Save as preset…
        </button>
        <button type="button" className="button" aria-expanded={managing} aria-controls={manageId} onClick={() => setManaging((o) => !o)}>
          Manage presets
        </button>
      </div>
      {saving && current ? (
        <form className="bot-presets-row" onSubmit={(event) => void submitSave(event)}>
          <div className="field bot-presets-field">
            <label className="field-label" htmlFor={nameId}>
              Preset name
            </label>
            <input
              id={nameId}
              className="input"
              autoComplete="off"
              value={name}
              maxLength={80}
              placeholder="e.g. Tight BTC grid"
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={name.trim() === ''}>
            Save preset
          </button>
        </form>
      ) : null}
      {error ? <p className="note note--error">Could not read the presets: {error}</p> : null}
      {problem ? (
        <p className="note note--error" role="alert">
          {problem}
        </p>
      ) : null}
      {notice ? (
        <p className="field-hint" role="status">
          {notice}
        </p>
      ) : null}
      {managing ? (
        <PresetList
          id={manageId}
          presets={presets ?? []}
          rename={async (id, newName) => {
            const failure = await rename(id, newName);
            setProblem(failure);
            return failure === null;
          }}
          remove={async (id) => setProblem(await remove(id))}
        />
      ) : null}
    </div>
  );
}

function PresetList({
  id,
  presets,
  rename,
  remove,
}: {
  id: string;
  presets: readonly BotPresetView[];
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}) {
  if (presets.length === 0) {
    return (
      <p className="note" id={id}>
        No presets yet: fill in a bot's settings and use “Save as preset…”.
      </p>
    );
  }
  return (
    <ul className="bot-preset-list" id={id} aria-label="Bot presets">
      {presets.map((preset) => (
        <PresetRow key={preset.id} preset={preset} rename={rename} remove={remove} />
      ))}
    </ul>
  );
}

function PresetRow({
  preset,
  rename,
  remove,
}: {
  preset: BotPresetView;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(preset.name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    if (await rename(preset.id, name.trim())) setEditing(false);
  };
  return (
    <li className="bot-preset-row" data-testid="preset-row">
      {editing ? (
        <form className="bot-presets-row" onSubmit={(event) => void submit(event)}>
          <input
            className="input"
            aria-label={`New name for ${preset.name}`}
            value={name}
            maxLength={80}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={name.trim() === ''}>
            Save name
          </button>
          <button type="button" className="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="bot-preset-name">
          {preset.name} <span className="bot-field-unit">· {kindName(preset.kind)}</span>
        </span>
      )}
      {preset.invalid ? <p className="note note--warn bot-preset-invalid">{preset.invalid}</p> : null}
      {!editing ? (
        <span className="bot-preset-actions">
          <button type="button" className="button" aria-label={`Rename ${preset.name}`} onClick={() => setEditing(true)}>
            Rename
          </button>
          {confirming ? (
            <button type="button" className="button button--danger" onClick={() => void remove(preset.id)}>
              Delete “{preset.name}”
            </button>
          ) : (
            <button type="button" className="button" aria-label={`Delete ${preset.name}`} onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </span>
      ) : null}
    </li>
  );
}
