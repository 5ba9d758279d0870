import { useId } from 'react';
import type { BacktestRunResult } from '../../../../shared/ipc/schemas/strategies';
import { formatPercent, formatPrice } from '../../../lib/format/numbers';
import { formatDuration, formatQuote } from './lab-format';
import '../../../ui/data-table.css';
import { formatUtcMinute } from '../../../lib/format/time';

const REASONS: Record<string, string> = {
  signal: 'Exit signal',
  stopLoss: 'Stop-loss',
  takeProfit: 'Take-profit',
  trailingStop: 'Trailing stop',
  partialTakeProfit: 'Partial take-profit',
  breakEven: 'Break-even stop',
};

/** Every closed trade of the run (up to what core sends; the total is said when there are more). */
export function TradesTable({ result }: { result: BacktestRunResult }) {
  const titleId = useId();
  const { trades, tradesTotal, openPosition } = result;
  return (
    <section className="trades" aria-labelledby={titleId}>
      <h4 className="lab-subtitle" id={titleId}>
        Trades{' '}
        <span className="lab-meta num">{tradesTotal > trades.length ? `first ${trades.length} of ${tradesTotal}` : tradesTotal}</span>
      </h4>
      {trades.length === 0 ? <p className="field-hint">No trade closed in this run.</p> : null}
      {trades.length > 0 ? (
        <div className="trades-scroll">
          <table className="data-table" data-testid="trades-table">
            <thead>
              <tr>
                <th scope="col" className="cell-text">
                  Side
                </th>
                <th scope="col">Entry (UTC)</th>
                <th scope="col">Entry price</th>
                <th scope="col">Exit (UTC)</th>
                <th scope="col">Exit price</th>
                <th scope="col">Amount</th>
                <th scope="col">P&amp;L</th>
                <th scope="col">P&amp;L %</th>
                <th scope="col">Held</th>
                <th scope="col" className="cell-text">
                  Exit
                </th>
              </tr>
            </thead>
            <tbody>
              {trades.map((t, i) => (
                <tr key={i}>
                  <td className="cell-text">{t.side === 'short' ? 'Short' : 'Long'}</td>
                  <td className="num">{formatUtcMinute(t.entryTime).replace(' UTC', '')}</td>
                  <td className="num">{formatPrice(t.entryPrice, null)}</td>
                  <td className="num">{formatUtcMinute(t.exitTime).replace(' UTC', '')}</td>
                  <td className="num">{formatPrice(t.exitPrice, null)}</td>
                  <td className="num">{t.amount}</td>
                  <td className={`num ${t.pnl >= 0 ? 'is-up' : 'is-down'}`}>{formatQuote(t.pnl)}</td>
                  <td className={`num ${t.pnl >= 0 ? 'is-up' : 'is-down'}`}>{formatPercent(t.pnlPct)}</td>
                  <td className="num">{formatDuration(t.exitTime - t.entryTime)}</td>
                  <td className="cell-text">{REASONS[t.exitReason] ?? t.exitReason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {openPosition ? (
        <p className="field-hint">
          Still open at the end: {openPosition.side === 'short' ? 'sold short' : 'bought'} {openPosition.amount} at{' '}
          {formatPrice(openPosition.entryPrice, null)} on {formatUtcMinute(openPosition.entryTime)}, valued at the last close (
          {formatQuote(openPosition.unrealisedPnl)} unrealised).
        </p>
      ) : null}
    </section>
  );
}
