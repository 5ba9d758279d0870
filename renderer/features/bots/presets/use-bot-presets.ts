import { useCallback, useEffect, useState } from 'react';
import type { BotPresetView, PresetSettings } from '../../../../shared/ipc/schemas/bot-presets';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';

/** The saved bot presets, read when the form opens, and the calls that change them (each re-reads the list). */
export function useBotPresets() {
  const client = useRpcClient();
  const [presets, setPresets] = useState<BotPresetView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    client.call('botPresets.list').then(
      (list) => {
        setPresets(list);
        setError(null);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client]);

  useEffect(reload, [reload]);

  /** Runs a change; resolves to the error message, or null when it went through. */
  const change = useCallback(
    async (call: () => Promise<unknown>): Promise<string | null> => {
      try {
        await call();
        reload();
        return null;
      } catch (failure) {
        return describeError(failure);
      }
    },
    [reload],
  );

  return {
    presets,
    error,
    save: (name: string, settings: PresetSettings) => change(() => client.call('botPresets.save', { name, settings })),
    rename: (id: string, name: string) => change(() => client.call('botPresets.rename', { id, name })),
    remove: (id: string) => change(() => client.call('botPresets.delete', { id })),
  };
}
