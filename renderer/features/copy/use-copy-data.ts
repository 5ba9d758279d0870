import { useCallback, useEffect, useState } from 'react';
import type { CopyLinkView, CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

const LOG_ROWS = 200;

/** Follow links (re-read on `copy.links.changed`) and the copy log (rows from `copy.log` events applied in place). */
export function useCopyData(): {
  links: CopyLinkView[] | null;
  log: CopyLogEntry[];
  error: string | null;
  reload(): void;
} {
  const client = useRpcClient();
  const [links, setLinks] = useState<CopyLinkView[] | null>(null);
  const [log, setLog] = useState<CopyLogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    client.call('copy.links.list').then(
      (rows) => {
        if (!cancelled) {
          setLinks(rows);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, generation]);

  useEffect(() => {
    let cancelled = false;
    client.call('copy.log', { limit: LOG_ROWS }).then(
      (rows) => {
        if (!cancelled) setLog(rows);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    // A row comes again when its order fills (follower price, slippage): replace it where it is.
    const offLog = client.on('copy.log', (entry) =>
      setLog((rows) => {
        const at = rows.findIndex((r) => r.seq === entry.seq);
        if (at >= 0) return rows.map((r, i) => (i === at ? entry : r));
        return [entry, ...rows].slice(0, LOG_ROWS);
      }),
    );
    const offLinks = client.on('copy.links.changed', () => setGeneration((n) => n + 1));
    return () => {
      cancelled = true;
      offLog();
      offLinks();
    };
  }, [client]);

  return { links, log, error, reload };
}
