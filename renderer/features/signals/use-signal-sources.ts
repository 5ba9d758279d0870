import { useCallback, useEffect, useState } from 'react';
import type { SignalSourceView } from '../../../shared/ipc/schemas/signals';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

/** The signal sources (`signals.sources.list`), with a reload after a create, rotate or delete. */
export function useSignalSources(): { sources: SignalSourceView[]; error: string | null; reload(): void } {
  const client = useRpcClient();
  const [state, setState] = useState<{ sources: SignalSourceView[]; error: string | null }>({ sources: [], error: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    client.call('signals.sources.list').then(
      (sources) => {
        if (!cancelled) setState({ sources, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ sources: [], error: describeError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
