import { useId, type FormEvent, type ReactNode } from 'react';
import { CHANNEL_LEVELS, EMAIL_TLS_MODES, MAX_RATE_PER_MINUTE } from '../../../shared/ipc/schemas/channels';
import { KIND_LABELS, SECRET_LABELS, type ChannelDraft, type DraftField, type DraftProblems } from './channel-draft';

const LEVEL_LABELS = { info: 'Everything (info and up)', warning: 'Warnings and critical', critical: 'Critical only' } as const;
const TLS_LABELS = { tls: 'TLS (usually port 465)', starttls: 'STARTTLS (usually port 587)', none: 'None (local relay only)' } as const;

interface ChannelFormProps {
  draft: ChannelDraft;
  onChange: (draft: ChannelDraft) => void;
  problems: DraftProblems;
  /** Editing a channel that already has its secret stored. */
  hasSecret: boolean;
  editing: boolean;
  saving: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/** Add or edit one channel: its kind's settings, the secret (write-only), level, rate limit and quiet hours. */
export function ChannelForm({ draft, onChange, problems, hasSecret, editing, saving, onSubmit, onCancel }: ChannelFormProps) {
  const baseId = useId();
  const set = <K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]) => onChange({ ...draft, [key]: value });

  /** A labelled input with its problem (if any) announced and tied to it. */
  const field = (
    key: DraftField,
    label: string,
    input: (props: { id: string; invalid: boolean; describedBy?: string }) => ReactNode,
    hint?: string,
  ) => {
    const id = `${baseId}-${key}`;
    const problem = problems[key];
    const described = [problem ? `${id}-problem` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {input({ id, invalid: problem !== undefined, describedBy: described })}
        {hint ? (
          <span className="field-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {problem ? (
          <span className="field-problem" id={`${id}-problem`}>
            {problem}
          </span>
        ) : null}
      </div>
    );
  };

  const text = (
    key: DraftField & keyof ChannelDraft,
    label: string,
    options: { type?: string; placeholder?: string; hint?: string } = {},
  ) =>
    field(
      key,
      label,
      ({ id, invalid, describedBy }) => (
        <input
          id={id}
          className="input"
          type={options.type ?? 'text'}
          autoComplete={options.type === 'password' ? 'new-password' : 'off'}
          placeholder={options.placeholder}
          value={String(draft[key])}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => set(key, event.target.value)}
        />
      ),
      options.hint,
    );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form
      className="channel-form"
      aria-label={`${editing ? 'Edit' : 'Add'} ${KIND_LABELS[draft.kind]} channel`}
      onSubmit={submit}
      noValidate
    >
      <fieldset className="fieldset" disabled={saving}>
        <legend className="fieldset-legend">
          {editing ? 'Edit' : 'New'} {KIND_LABELS[draft.kind]} channel
        </legend>
        <div className="channel-form-grid">
          {text('name', 'Name', { placeholder: 'My phone' })}
          {draft.kind === 'telegram'
            ? text('chatId', 'Chat id', {
                placeholder: '123456789',
                hint: 'Your user id, a group id (-100…) or @channelname; send the bot a message first.',
              })
            : null}
          {draft.kind === 'webhook'
            ? text('url', 'URL', {
                type: 'url',
                placeholder: draft.storedUrl ? `${draft.storedUrl} — leave empty to keep it` : 'https://example.com/tradewind',
                hint: 'Kept in the keychain: its path often carries the receiver’s own token.',
              })
            : null}
          {draft.kind === 'email' ? (
            <>
              {text('host', 'SMTP host', { placeholder: 'smtp.example.com' })}
              {text('port', 'Port', { type: 'number' })}
              {field('tls', 'Encryption', ({ id, describedBy }) => (
                <select
                  id={id}
                  className="select"
                  value={draft.tls}
                  aria-describedby={describedBy}
                  onChange={(event) => set('tls', event.target.value as ChannelDraft['tls'])}
                >
                  {EMAIL_TLS_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {TLS_LABELS[mode]}
                    </option>
                  ))}
                </select>
              ))}
              {text('user', 'User name', { hint: 'Leave empty when the server takes mail without a login.' })}
              {text('from', 'From', { type: 'email', placeholder: 'tradewind@example.com' })}
              {text('to', 'To', { type: 'email', placeholder: 'me@example.com' })}
            </>
          ) : null}
          {text('secret', SECRET_LABELS[draft.kind], {
            type: 'password',
            placeholder: hasSecret ? 'Stored — leave empty to keep it' : '',
            hint:
              draft.kind === 'webhook'
                ? 'Signs each request: X-Tradewind-Signature is sha256=HMAC-SHA256(secret, "<timestamp>.<body>"). Kept in the keychain.'
                : 'Kept in the keychain; never shown again.',
          })}
          {field('minLevel', 'Send', ({ id, describedBy }) => (
            <select
              id={id}
              className="select"
              value={draft.minLevel}
              aria-describedby={describedBy}
              onChange={(event) => set('minLevel', event.target.value as ChannelDraft['minLevel'])}
            >
              {CHANNEL_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {LEVEL_LABELS[level]}
                </option>
              ))}
            </select>
          ))}
          {field(
            'ratePerMinute',
            'At most per minute',
            ({ id, invalid, describedBy }) => (
              <input
                id={id}
                className="input input--narrow num"
                type="number"
                min={1}
                max={MAX_RATE_PER_MINUTE}
                value={draft.ratePerMinute}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set('ratePerMinute', event.target.value)}
              />
            ),
            'More than this in a minute are summarised in one later message.',
          )}
        </div>
        <label className="choice">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} />
          Enabled
        </label>
        <label className="choice">
          <input type="checkbox" checked={draft.quietEnabled} onChange={(event) => set('quietEnabled', event.target.checked)} />
          Quiet hours
        </label>
        {draft.quietEnabled ? (
          <div className="channel-form-grid">
            {text('quietStart', 'Quiet from', { type: 'time' })}
            {text('quietEnd', 'Quiet until', { type: 'time' })}
            {text('quietTimeZone', 'Time zone', { placeholder: 'Europe/London' })}
            <label className="choice">
              <input
                type="checkbox"
                checked={draft.criticalOverrides}
                onChange={(event) => set('criticalOverrides', event.target.checked)}
              />
              Critical still goes out
            </label>
          </div>
        ) : null}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : editing ? 'Save channel' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
