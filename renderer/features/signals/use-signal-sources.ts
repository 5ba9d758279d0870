import { useCallback, useEffect, useState } from 'react';
import type { SignalSourceView } from '../../../shared/ipc/schemas/signals';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

/** The signal sources (`signals.sources.list`), with a reload after a create, rotate or delete. */
export function useSignalSources(): { sources: SignalSourceView[]; error: string | null; loaded: boolean; reload(): void } {
  const client = useRpcClient();
  const [state, setState] = useState<{ sources: SignalSourceView[]; error: string | null; loaded: boolean }>({
    sources: [],
    error: null,
    loaded: false,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    client.call('signals.sources.list').then(
      (sources) => {
        if (!cancelled) setState({ sources, error: null, loaded: true });
      },
      (error: unknown) => {
        if (!cancelled) setState({ sources: [], error: describeError(error), loaded: false });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
