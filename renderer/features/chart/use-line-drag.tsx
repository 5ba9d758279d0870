import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BracketView } from '../../../shared/ipc/schemas/orders';
import { formatPrice } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { ChartView } from './chart-view';
import { describeDrag, dragRequest, type DragRequest } from './line-drag';

/**
 * Amends what a dragged line stands for: at once on the paper account, after a confirmation on a
 * live one. Returns the confirmation dialog and the last refusal, for the chart to show.
 */
export function useLineDrag(
  view: ChartView | null,
  accountId: string | null,
  brackets: () => readonly BracketView[],
  priceStep: number | null,
): ReactNode {
  const client = useRpcClient();
  const live = useStore((state) => state.accounts.find((account) => account.id === accountId)?.kind === 'live');
  const [pending, setPending] = useState<{ request: DragRequest; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Orders whose amend is on its way: a drag of the same line meanwhile is ignored (core refuses a second amend anyway).
  const amending = useRef(new Set<string>());

  const send = (request: DragRequest, confirmed: boolean) => {
    const key = request.method === 'orders.amend' ? `${request.input.accountId}|${request.input.clientOrderId}` : null;
    if (key !== null) {
      if (amending.current.has(key)) return;
      amending.current.add(key);
    }
    setBusy(true);
    setError(null);
    const call =
      request.method === 'orders.amend'
        ? client.call('orders.amend', confirmed ? { ...request.input, confirmed: true } : request.input)
        : client.call('brackets.update', request.input);
    call.then(
      () => {
        if (key !== null) amending.current.delete(key);
        setBusy(false);
        setPending(null);
      },
      (failure: unknown) => {
        if (key !== null) amending.current.delete(key);
        setBusy(false);
        setError(describeError(failure));
      },
    );
  };

  useEffect(() => {
    if (!view) return;
    view.onLineDrag((line, price) => {
      if (!line.drag) return;
      const request = dragRequest(line.drag, price, brackets());
      if (typeof request === 'string') {
        setError(request);
        return;
      }
      if (live) setPending({ request, text: `${describeDrag(line.drag, formatPrice(price, priceStep))} on the live account?` });
      else send(request, false);
    });
    return () => view.onLineDrag(null);
  });

  return (
    <>
      {error && !pending ? (
        <p className="chart-note is-down" role="alert" data-testid="chart-drag-error">
          Could not move the line: {error}
        </p>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={pending.text}
          confirmLabel="Move it"
          busyLabel="Moving…"
          busy={busy}
          error={error}
          onConfirm={() => send(pending.request, true)}
          onCancel={() => {
            setPending(null);
            setError(null);
          }}
        >
          The order is amended on the exchange (cancelled and replaced where it has no native amend).
        </ConfirmDialog>
      ) : null}
    </>
  );
}
