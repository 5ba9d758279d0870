import { useEffect, useState } from 'react';
import type { CopyStats, StatsPeriod } from '../../../../shared/ipc/schemas/copy-stats';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';

/** One link's statistics for a period, read again when its links change (a copy filled, a status changed). */
export function useCopyStats(linkId: string | null, period: StatsPeriod): { stats: CopyStats | null; error: string | null } {
  const client = useRpcClient();
  const [stats, setStats] = useState<CopyStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(
    () => client.on('copy.links.changed', ({ ids }) => linkId !== null && ids.includes(linkId) && setGeneration((n) => n + 1)),
    [client, linkId],
  );

  useEffect(() => {
    if (linkId === null) return;
    let cancelled = false;
    client.call('copy.stats', { id: linkId, period }).then(
      (next) => {
        if (cancelled) return;
        setStats(next);
        setError(null);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, linkId, period, generation]);

  // Another period of the same link keeps the last figures up until the new ones arrive (no flicker).
  return { stats: stats?.linkId === linkId ? stats : null, error };
}
