import { useCallback, useEffect, useState } from 'react';
import type { OrderPreview, OrderTicketRequest } from '../../../shared/ipc/schemas/orders';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { useThrottledTrigger } from '../../lib/hooks/use-throttled-trigger';
import { describeError } from '../../lib/ipc/rpc-error';

export const PREVIEW_DEBOUNCE_MS = 200;
/**
 * Fills and balance changes can stream several times a second; each re-run restarts the
 * debounce, so unthrottled they would keep the preview from ever answering. At most one re-run
 * per second leaves the debounce room to finish (the last change of a burst is never lost).
 */
export const PREVIEW_EVENT_THROTTLE_MS = 1_000;

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
export function useOrderPreview(ticket: OrderTicketRequest | null): PreviewState {
  const client = useRpcClient();
  const key = ticket ? JSON.stringify(ticket) : null;
  const [result, setResult] = useState<{ key: string; preview: OrderPreview | null; error: string | null } | null>(null);
  const [revision, setRevision] = useState(0);

  const rerun = useThrottledTrigger(() => setRevision((value) => value + 1), PREVIEW_EVENT_THROTTLE_MS);
  useRpcEvent('fills', rerun);
  useRpcEvent('portfolio.changed', rerun);

  useEffect(() => {
    if (key === null) return;
    const input = JSON.parse(key) as OrderTicketRequest;
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
