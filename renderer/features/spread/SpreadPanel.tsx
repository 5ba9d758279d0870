import { useMemo, useState } from 'react';
import type { SpreadRow, SpreadVenueQuote } from '../../../shared/ipc/schemas/spread';
import { formatPercent, formatPrice } from '../../lib/format/numbers';
import { parseDecimal } from '../../lib/number-format/number-format';
import { PanelMessage } from '../../ui/PanelMessage';
import { ageText, visibleRows, type SpreadSort, type SpreadSortKey } from './spread-rows';
import { SpreadTradeCard } from './SpreadTradeCard';
import { TwoLegTicket, type TicketSelection } from './TwoLegTicket';
import { useSpreadMonitor } from './use-spread-monitor';
import '../../ui/controls.css';
import '../../ui/chips.css';
import '../../ui/data-table.css';
import '../../ui/panel.css';
import '../../ui/workspace.css';
import './spread.css';

const COLUMNS: Array<{ key: SpreadSortKey | null; label: string }> = [
  { key: 'asset', label: 'Asset' },
  { key: null, label: 'Buy at (ask)' },
  { key: null, label: 'Sell at (bid)' },
  { key: 'gross', label: 'Gross' },
  { key: 'net', label: 'Net of fees' },
  { key: 'venues', label: 'Venues' },
];

function venueName(row: SpreadRow, accountId: string): string {
  return row.venues.find((v) => v.accountId === accountId)?.accountLabel ?? accountId;
}

function VenueQuote({ venue, now }: { venue: SpreadVenueQuote; now: number }) {
  return (
    <span
      className={`spread-venue${venue.stale ? ' spread-venue--stale' : ''}`}
      title={`${venue.exchangeName} ${venue.symbol}: ${ageText(venue.receivedAt, now)}`}
    >
      {venue.accountLabel} <span className="num">{formatPrice(venue.bid, null)}</span>/
      <span className="num">{formatPrice(venue.ask, null)}</span>
      {venue.stale ? <span className="chip chip--warn">stale</span> : null}
    </span>
  );
}

function ThresholdField({ value, onChange }: { value: number; onChange: (pct: number) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const parsed = parseDecimal(text);
    if (!parsed.ok || parsed.value < 0 || parsed.value > 100) {
      setProblem(parsed.ok ? 'The threshold is a % between 0 and 100.' : `Threshold: ${parsed.message}`);
      return;
    }
    setProblem(null);
    setText(null);
    onChange(parsed.value);
  };
  return (
    <label className="field spread-threshold">
      <span className="field-label">Highlight at net ≥ %</span>
      <input
        className="input input--narrow"
        inputMode="decimal"
        value={text ?? String(value)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        aria-invalid={problem !== null}
      />
      {problem ? (
        <span className="field-hint note--error" role="alert">
          {problem}
        </span>
      ) : null}
    </label>
  );
}

/**
 * The cross-exchange spread monitor: one row per asset tradable on two or more connected accounts,
 * the best ask to buy and bid to sell on different accounts, spread before and after both taker
 * fees, highlighted at the person's threshold; a row opens the two-leg ticket.
 */
export function SpreadPanel() {
  const { rows, snapshot, error, trades, setPreferences, upsertTrade } = useSpreadMonitor();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SpreadSort>({ key: 'net', direction: 'desc' });
  const [selection, setSelection] = useState<TicketSelection | null>(null);
  const shown = useMemo(() => visibleRows(rows.values(), filter, sort), [rows, filter, sort]);
  const selectedRow = selection ? rows.get(selection.rowKey) : undefined;
  const preferences = snapshot?.preferences;

  const toggleSort = (key: SpreadSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'asset' ? 'asc' : 'desc' },
    );

  const openTicket = (row: SpreadRow) => {
    const buy = row.best?.buyAccountId ?? row.venues[0]?.accountId ?? '';
    const sell = row.best?.sellAccountId ?? row.venues.find((v) => v.accountId !== buy)?.accountId ?? '';
    setSelection({ rowKey: row.key, buyAccountId: buy, sellAccountId: sell });
  };

  return (
    <section className="spread-workspace" aria-labelledby="spread-title">
      <header className="workspace-header">
        <h2 className="workspace-title" id="spread-title">
          Spread monitor
        </h2>
        <label className="field spread-filter">
          <span className="visually-hidden">Filter assets</span>
          <input
            className="input"
            type="search"
            placeholder="Filter: asset, venue…"
            aria-label="Filter assets"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        {preferences ? (
          <>
            <ThresholdField value={preferences.thresholdPct} onChange={(thresholdPct) => void setPreferences({ thresholdPct })} />
            <label className="choice">
              <input
                type="checkbox"
                checked={preferences.stableQuotesComparable}
                onChange={(e) => void setPreferences({ stableQuotesComparable: e.target.checked })}
              />
              Compare USDT, USDC and USD quotes (taken 1:1)
            </label>
          </>
        ) : null}
        {snapshot ? (
          <span className="workspace-meta">
            {snapshot.accounts} accounts · quotes older than {Math.round(snapshot.staleAfterMs / 1000)} s are stale and never “best” · fees:
            each venue’s published taker rate
          </span>
        ) : null}
      </header>
      {error ? (
        <PanelMessage tone="error">{error}</PanelMessage>
      ) : !snapshot ? (
        <PanelMessage>Reading the markets of your connected accounts…</PanelMessage>
      ) : null}
      {snapshot?.notes.map((note) => (
        <p key={note} className="note note--warn">
          {note}
        </p>
      ))}
      <div className="spread-layout">
        <section className="panel spread-table-panel" aria-label="Spreads">
          {snapshot && rows.size === 0 && snapshot.accounts >= 2 ? (
            <PanelMessage>
              No asset trades on two of your accounts with a comparable quote. Allow USD stablecoin quotes to be compared, or connect
              another exchange.
            </PanelMessage>
          ) : null}
          {rows.size > 0 ? (
            <table className="data-table spread-table">
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th
                      key={column.label}
                      scope="col"
                      aria-sort={
                        column.key && sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                      }
                    >
                      {column.key ? (
                        <button type="button" className="spread-sort" onClick={() => toggleSort(column.key as SpreadSortKey)}>
                          {column.label}
                        </button>
                      ) : (
                        column.label
                      )}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Trade</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr
                    key={row.key}
                    className={`${row.aboveThreshold ? 'spread-row--above' : ''}${selection?.rowKey === row.key ? ' spread-row--selected' : ''}`}
                    aria-label={`${row.base}/${row.quote}`}
                    data-above={row.aboveThreshold ? 'true' : undefined}
                  >
                    <th scope="row">
                      {row.base}/{row.quote}
                    </th>
                    <td>
                      {row.best ? (
                        <>
                          <span className="num">{formatPrice(row.best.ask, null)}</span> {venueName(row, row.best.buyAccountId)}
                        </>
                      ) : (
                        <span className="workspace-meta">{row.reason}</span>
                      )}
                    </td>
                    <td>
                      {row.best ? (
                        <>
                          <span className="num">{formatPrice(row.best.bid, null)}</span> {venueName(row, row.best.sellAccountId)}
                        </>
                      ) : null}
                    </td>
                    <td className="num">{formatPercent(row.best?.grossPct)}</td>
                    <td className={`num ${row.best && row.best.netPct >= 0 ? 'is-up' : 'is-down'}`} data-testid="spread-net">
                      {formatPercent(row.best?.netPct)}
                      {row.best?.feeAssumed ? (
                        <span title="A venue published no taker fee for this market; 0.1 % was assumed."> *</span>
                      ) : null}
                    </td>
                    <td className="spread-venues">
                      {row.venues.map((venue) => (
                        <VenueQuote key={`${venue.accountId}|${venue.symbol}`} venue={venue} now={row.updatedAt} />
                      ))}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Trade ${row.base}/${row.quote}`}
                        onClick={() => openTicket(row)}
                      >
                        Trade
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {rows.size > 0 && shown.length === 0 ? (
            <PanelMessage>No row matches “{filter}”. Clear the filter to see every asset.</PanelMessage>
          ) : null}
        </section>
        <aside className="spread-side">
          {selectedRow && selection ? (
            <TwoLegTicket row={selectedRow} selection={selection} onSelection={setSelection} onTrade={upsertTrade} />
          ) : (
            <PanelMessage>Pick a row’s Trade button to buy on one account and sell on the other in one action.</PanelMessage>
          )}
          <section className="panel spread-trades" aria-label="Two-leg trades">
            {trades.length === 0 ? (
              <p className="workspace-meta">No two-leg trade yet.</p>
            ) : (
              trades.map((trade) => <SpreadTradeCard key={trade.id} trade={trade} onChanged={upsertTrade} />)
            )}
          </section>
        </aside>
      </div>
    </section>
  );
}
