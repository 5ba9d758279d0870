import { useState } from 'react';
import type { SpreadTradeView } from '../../../shared/ipc/schemas/spread';
import { formatAmount, formatPercent, formatPrice } from '../../lib/format/numbers';
import { formatUtcClock } from '../../lib/format/time';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

const STATE_TEXT: Record<SpreadTradeView['state'], { label: string; tone: 'ok' | 'warn' | 'error' | 'pending' }> = {
  sending: { label: 'Sending', tone: 'pending' },
  complete: { label: 'Both legs filled', tone: 'ok' },
  open: { label: 'A leg is open', tone: 'warn' },
  unbalanced: { label: 'Unbalanced', tone: 'error' },
  unwinding: { label: 'Unwinding', tone: 'pending' },
  unwound: { label: 'Unwound', tone: 'ok' },
  failed: { label: 'Nothing filled', tone: 'error' },
};

/** One two-leg trade: what is filled and open on each venue, the realised spread, and the unwind when unbalanced. */
export function SpreadTradeCard({ trade, onChanged }: { trade: SpreadTradeView; onChanged: (trade: SpreadTradeView) => void }) {
  const client = useRpcClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = STATE_TEXT[trade.state];
  const quote = trade.legs[0]?.symbol.split('/')[1] ?? '';
  const base = trade.legs[0]?.symbol.split('/')[0] ?? '';
  const unwind = trade.unwind;
  const unwindText = unwind
    ? `${unwind.side === 'sell' ? 'Sell' : 'Buy back'} ${formatAmount(unwind.amount)} ${base} at market on ${unwind.accountLabel}`
    : '';

  const sendUnwind = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await client.call('spread.unwind', { id: trade.id, confirmed: true }));
      setConfirming(false);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="spread-trade" aria-label={`Two-leg trade ${formatUtcClock(trade.createdAt)}`} data-testid="spread-trade">
      <header className="spread-trade-header">
        <span className={`state-badge state-badge--${state.tone}`}>
          <span className="state-badge-dot" aria-hidden="true" />
          {state.label}
        </span>
        <span className="workspace-meta num">{formatUtcClock(trade.createdAt)}</span>
      </header>
      <ul className="spread-trade-summary">
        {trade.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {trade.realised ? (
        <dl className="spread-trade-realised" aria-label="Realised spread">
          <div>
            <dt>Matched</dt>
            <dd className="num">
              {formatAmount(trade.realised.amount)} {base}
            </dd>
          </div>
          <div>
            <dt>Bought for</dt>
            <dd className="num">{formatPrice(trade.realised.buyCost, 0.01)}</dd>
          </div>
          <div>
            <dt>Sold for</dt>
            <dd className="num">{formatPrice(trade.realised.sellProceeds, 0.01)}</dd>
          </div>
          <div>
            <dt>Fees{trade.realised.final ? '' : ' (still being read)'}</dt>
            <dd className="num">{formatPrice(trade.realised.fees, 0.0001)}</dd>
          </div>
          <div>
            <dt>Realised spread</dt>
            <dd className={`num ${trade.realised.net >= 0 ? 'is-up' : 'is-down'}`} data-testid="spread-realised">
              {formatPrice(trade.realised.net, 0.0001)} {quote} ({formatPercent(trade.realised.netPct)})
            </dd>
          </div>
        </dl>
      ) : null}
      {unwind && trade.state === 'unbalanced' ? (
        <div className="spread-trade-unwind">
          <p className="note note--warn">
            The legs did not match: {formatAmount(unwind.amount)} {base} {unwind.side === 'sell' ? 'was bought' : 'was sold'} on{' '}
            {unwind.accountLabel} without its other leg.
          </p>
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            Unwind: {unwindText}
          </button>
        </div>
      ) : null}
      {error && !confirming ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming && unwind ? (
        <ConfirmDialog
          title="Unwind the filled leg"
          confirmLabel="Send the unwind order"
          busyLabel="Sending…"
          busy={busy}
          error={error}
          onConfirm={() => void sendUnwind()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {unwindText}. It is a market order: it fills at the book&apos;s price
            {unwind.side === 'sell' ? ' (around the bid)' : ' (around the ask)'}, and is recorded before it is sent.
          </p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}
