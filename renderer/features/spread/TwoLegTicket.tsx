import { useId, useState } from 'react';
import type { LegPlan, SpreadRow, SpreadTradeView, TwoLegInput, TwoLegPreview } from '../../../shared/ipc/schemas/spread';
import { formatAmount, formatPercent, formatPrice } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { parseDecimal } from '../../lib/number-format/number-format';

export interface TicketSelection {
  rowKey: string;
  buyAccountId: string;
  sellAccountId: string;
}

function LegLines({ plan, title }: { plan: LegPlan; title: string }) {
  const base = plan.symbol.split('/')[0];
  return (
    <div className="spread-leg" aria-label={title}>
      <h4 className="spread-leg-title">{title}</h4>
      <p>
        {plan.side === 'buy' ? 'Buy' : 'Sell'} <span className="num">{formatAmount(plan.amount)}</span> {base} on {plan.accountLabel} (
        {plan.exchangeName}) at <span className="num">{formatPrice(plan.price, null)}</span> or better (limit).
      </p>
      <p className="workspace-meta">
        Fee ≈ <span className="num">{formatPrice(plan.fee, 0.0001)}</span>
        {plan.feeAssumed ? ' (assumed: the venue publishes none)' : ''} · {plan.spends} free{' '}
        <span className="num">{formatAmount(plan.free)}</span>
        {plan.needed !== null ? (
          <>
            , needs <span className="num">{formatAmount(plan.needed)}</span>
          </>
        ) : null}
      </p>
    </div>
  );
}

/**
 * Buy on one account and sell on another in one action. "Review" sizes both legs in core (both
 * venues' steps and minimums, both balances); the send button then names both legs and is the
 * confirmation (live accounts need it).
 */
export function TwoLegTicket({
  row,
  selection,
  onSelection,
  onTrade,
}: {
  row: SpreadRow;
  selection: TicketSelection;
  onSelection: (selection: TicketSelection) => void;
  onTrade: (trade: SpreadTradeView) => void;
}) {
  const client = useRpcClient();
  const ids = useId();
  const [amountText, setAmountText] = useState('');
  const [reviewed, setReviewed] = useState<{ key: string; preview: TwoLegPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const buyVenue = row.venues.find((v) => v.accountId === selection.buyAccountId);
  const sellVenue = row.venues.find((v) => v.accountId === selection.sellAccountId);

  // A review holds only for the legs and amount it was made for.
  const reviewKey = `${selection.rowKey}|${selection.buyAccountId}|${selection.sellAccountId}|${amountText}`;
  const preview = reviewed?.key === reviewKey ? reviewed.preview : null;

  const input = (): TwoLegInput | null => {
    const parsed = parseDecimal(amountText);
    if (!parsed.ok) {
      setError(parsed.empty ? `Enter the amount of ${row.base} to buy and sell.` : `Amount: ${parsed.message}`);
      return null;
    }
    if (!buyVenue || !sellVenue) {
      setError('Pick the account to buy on and the account to sell on.');
      return null;
    }
    return {
      buyAccountId: buyVenue.accountId,
      buySymbol: buyVenue.symbol,
      sellAccountId: sellVenue.accountId,
      sellSymbol: sellVenue.symbol,
      amount: parsed.value,
    };
  };

  const review = async () => {
    const legs = input();
    if (!legs) return;
    setBusy(true);
    setError(null);
    try {
      setReviewed({ key: reviewKey, preview: await client.call('spread.preview', legs) });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    const legs = input();
    if (!legs || !preview?.valid || preview.amount === null) return;
    setBusy(true);
    setError(null);
    try {
      onTrade(await client.call('spread.trade', { ...legs, amount: preview.amount, confirmed: true }));
      setReviewed(null);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const accountOptions = row.venues.map((v) => (
    <option key={v.accountId} value={v.accountId}>
      {v.accountLabel} ({v.exchangeName}) · {v.symbol}
    </option>
  ));

  return (
    <section className="panel spread-ticket" aria-labelledby={`${ids}-title`}>
      <header className="panel-header">
        <h3 className="panel-title" id={`${ids}-title`}>
          Two-leg trade · {row.base}/{row.quote}
        </h3>
      </header>
      <form
        className="spread-ticket-form"
        onSubmit={(event) => {
          event.preventDefault();
          void review();
        }}
      >
        <label className="field">
          <span className="field-label">Buy on</span>
          <select
            className="select"
            value={selection.buyAccountId}
            onChange={(e) => onSelection({ ...selection, buyAccountId: e.target.value })}
          >
            {accountOptions}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Sell on</span>
          <select
            className="select"
            value={selection.sellAccountId}
            onChange={(e) => onSelection({ ...selection, sellAccountId: e.target.value })}
          >
            {accountOptions}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Amount ({row.base})</span>
          <input
            className="input"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={busy}>
          Review legs
        </button>
      </form>
      {preview ? (
        <div className="spread-preview" data-testid="spread-preview">
          {preview.buy ? <LegLines plan={preview.buy} title="Buy leg" /> : null}
          {preview.sell ? <LegLines plan={preview.sell} title="Sell leg" /> : null}
          {preview.issues.length > 0 ? (
            <ul className="note note--error spread-issues" role="alert">
              {preview.issues.map((issue) => (
                <li key={issue.message}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
          {preview.expectedNet !== null ? (
            <p className="workspace-meta">
              Expected after both fees at current quotes:{' '}
              <span className={`num ${preview.expectedNet >= 0 ? 'is-up' : 'is-down'}`}>
                {formatPrice(preview.expectedNet, 0.0001)} ({formatPercent(preview.expectedNetPct)})
              </span>
            </p>
          ) : null}
          {preview.valid && preview.amount !== null ? (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void send()}>
              {busy
                ? 'Sending both legs…'
                : `Send both legs: buy ${formatAmount(preview.amount)} ${row.base} on ${preview.buy?.accountLabel ?? ''}, sell on ${preview.sell?.accountLabel ?? ''}`}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
