import { useCallback, useState } from 'react';
import type { SettingsPatch } from '../../../shared/ipc/schemas/settings';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

export interface SaveState {
  saving: boolean;
  error: string | null;
  /** When the last change was saved (shown as "Saved"). */
  savedAt: number | null;
}

/** Sends a settings change to core and puts the answer in the store; the error is core's message (what was wrong, what is valid). */
export function useSaveSettings(): { save: (patch: SettingsPatch) => Promise<boolean>; state: SaveState } {
  const client = useRpcClient();
  const [state, setState] = useState<SaveState>({ saving: false, error: null, savedAt: null });
  const save = useCallback(
    async (patch: SettingsPatch) => {
      setState((current) => ({ ...current, saving: true, error: null }));
      try {
        const next = await client.call('settings.update', patch);
        useStore.getState().setSettings(next);
        setState({ saving: false, error: null, savedAt: Date.now() });
        return true;
      } catch (failure) {
        setState((current) => ({ ...current, saving: false, error: describeError(failure) }));
        return false;
      }
    },
    [client],
  );
  return { save, state };
}
