import { useCallback, useEffect, useState } from 'react';
import type { OrderPreview, OrderTicket } from '../../../shared/ipc/schemas/orders';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

export const PREVIEW_DEBOUNCE_MS = 200;

export interface PreviewState {
  /** The preview of the ticket as it is now, or null while none has answered for it. */
  preview: OrderPreview | null;
  error: string | null;
  pending: boolean;
  /** Asks again for the same ticket (after a settings change). */
  refresh: () => void;
}

/**
 * Asks core to size, round, validate and price `ticket` (debounced while the person types).
 * An answer for an older ticket is dropped; fills and balance changes re-run the preview.
 */
export function useOrderPreview(ticket: OrderTicket | null): PreviewState {
  const client = useRpcClient();
  const key = ticket ? JSON.stringify(ticket) : null;
  const [result, setResult] = useState<{ key: string; preview: OrderPreview | null; error: string | null } | null>(null);
  const [revision, setRevision] = useState(0);

  useRpcEvent('fills', () => setRevision((value) => value + 1));
  useRpcEvent('portfolio.changed', () => setRevision((value) => value + 1));

  useEffect(() => {
    if (key === null) return;
    const input = JSON.parse(key) as OrderTicket;
    let cancelled = false;
    const timer = setTimeout(() => {
      client.call('orders.preview', input).then(
        (preview) => {
          if (!cancelled) setResult({ key, preview, error: null });
        },
        (error: unknown) => {
          if (!cancelled) setResult({ key, preview: null, error: describeError(error) });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, key, revision]);

  const refresh = useCallback(() => setRevision((value) => value + 1), []);
  if (key === null) return { preview: null, error: null, pending: false, refresh };
  if (result?.key !== key) return { preview: null, error: null, pending: true, refresh };
  return { preview: result.preview, error: result.error, pending: false, refresh };
}
