import { useState } from 'react';
import type { DockLayout } from '../../../shared/ipc/schemas/layouts';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { panelDefinitions } from './panel-registry';
import { PRESETS } from './presets';
import { SaveLayoutDialog } from './SaveLayoutDialog';

/** A layout choice in the Layout list: `preset:trade` or `named:<name>`. */
export type LayoutChoice = `preset:${string}` | `named:${string}`;

interface DockToolbarProps {
  /** The layout last applied or saved ('' after the person changed it by hand: "Custom"). */
  active: LayoutChoice | '';
  onApply(choice: LayoutChoice): void;
  onAddPanel(component: string): void;
  onSaved(name: string): void;
  /** The dock's layout right now, to save under a name. */
  snapshot(): DockLayout;
}

/** Above the dock: pick a preset or a saved layout, save the current one, add a panel. */
export function DockToolbar({ active, onApply, onAddPanel, onSaved, snapshot }: DockToolbarProps) {
  const client = useRpcClient();
  const named = useStore((state) => state.namedLayouts);
  const setNamed = useStore((state) => state.setNamedLayouts);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const activeNamed = active.startsWith('named:') ? active.slice('named:'.length) : null;

  const remove = (name: string) => {
    client.call('layouts.deleteNamed', { name }).then(
      (list) => {
        setNamed(list);
        setError(null);
      },
      (failure: unknown) => setError(`The layout was not deleted: ${describeError(failure)}`),
    );
  };

  return (
    <div className="dock-toolbar" role="toolbar" aria-label="Workspace layout">
      <label className="dock-toolbar-field">
        <span className="dock-toolbar-label">Layout</span>
        <select
          className="select"
          aria-label="Layout"
          value={active}
          onChange={(event) => event.target.value && onApply(event.target.value as LayoutChoice)}
        >
          {active === '' ? <option value="">Custom (changed)</option> : null}
          <optgroup label="Presets">
            {PRESETS.map((preset) => (
              <option key={preset.id} value={`preset:${preset.id}`} title={preset.description}>
                {preset.label}
              </option>
            ))}
          </optgroup>
          {named && named.length > 0 ? (
            <optgroup label="Saved">
              {named.map((layout) => (
                <option key={layout.name} value={`named:${layout.name}`}>
                  {layout.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <button type="button" className="button" onClick={() => setSaving(true)}>
        Save layout…
      </button>
      {activeNamed ? (
        <button type="button" className="button" aria-label={`Delete saved layout ${activeNamed}`} onClick={() => remove(activeNamed)}>
          Delete
        </button>
      ) : null}
      <label className="dock-toolbar-field">
        <span className="dock-toolbar-label">Add panel</span>
        <select
          className="select"
          aria-label="Add panel"
          value=""
          onChange={(event) => {
            if (event.target.value) onAddPanel(event.target.value);
          }}
        >
          <option value="">Choose…</option>
          {panelDefinitions().map((panel) => (
            <option key={panel.id} value={panel.id} title={panel.description}>
              {panel.title}
            </option>
          ))}
        </select>
      </label>
      <span className="dock-toolbar-hint">Drag a tab to dock it anywhere · Alt+Shift+arrows move between panels</span>
      {error ? (
        <span className="dock-toolbar-error" role="alert">
          {error}
        </span>
      ) : null}
      {saving ? (
        <SaveLayoutDialog
          initialName={activeNamed ?? ''}
          onClose={() => setSaving(false)}
          onSave={async (name) => {
            const list = await client.call('layouts.saveNamed', { name, layout: snapshot() });
            setNamed(list);
            onSaved(name);
          }}
        />
      ) : null}
    </div>
  );
}
