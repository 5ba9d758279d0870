import type { SaveState } from './use-save-settings';

/** "Saving…", "Saved" or core's reason, announced politely next to the section's controls. */
export function SaveStatus({ state }: { state: SaveState }) {
  if (state.error) {
    return (
      <p className="settings-status settings-status--error" role="alert">
        {state.error}
      </p>
    );
  }
  return (
    <p className="settings-status" role="status">
      {state.saving ? 'Saving…' : state.savedAt !== null ? 'Saved' : ''}
    </p>
  );
}
