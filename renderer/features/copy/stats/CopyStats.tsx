import { useId, useMemo, useState } from 'react';
import type { CopyLinkView } from '../../../../shared/ipc/schemas/copy';
import { STATS_PERIODS, type CopyStats as Stats, type Performance, type StatsPeriod } from '../../../../shared/ipc/schemas/copy-stats';
import { PanelMessage } from '../../../ui/PanelMessage';
import { formatDuration } from '../../bots/bot-format';
import { FOLLOWER_COLOR, LEADER_COLOR, type ChartLine, type CreateCopyChartView } from './copy-chart-view';
import { CopyStatsChart } from './CopyStatsChart';
import { createLightweightCopyChartView } from './lightweight-copy-chart-view';
import { useCopyStats } from './use-copy-stats';

const PERIOD_LABELS: Record<StatsPeriod, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days', all: 'All time' };
const PERIOD_SHORT: Record<StatsPeriod, string> = { '7d': '7D', '30d': '30D', '90d': '90D', all: 'All' };

const pct = (value: number | null, signed = true) => (value === null ? '—' : `${signed && value > 0 ? '+' : ''}${value.toFixed(2)} %`);
const money = (value: number, quote: string | null) => `${value > 0 ? '+' : ''}${value.toFixed(2)}${quote ? ` ${quote}` : ''}`;
const plain = (value: number, quote: string | null) => `${value.toFixed(2)}${quote ? ` ${quote}` : ''}`;
const tone = (value: number | null) => (value === null || value === 0 ? '' : value > 0 ? ' copy-better' : ' copy-worse');

interface Row {
  label: string;
  /** Why the figure is what it is, for a trader checking it. */
  hint: string;
  cell(p: Performance): { text: string; className?: string };
}

const ROWS: Row[] = [
  {
    label: 'ROI',
    hint: 'PnL over the most the positions cost at once in the period',
    cell: (p) => ({ text: pct(p.roiPct), className: tone(p.roiPct) }),
  },
  {
    label: 'PnL (net of fees)',
    hint: 'Realised + unrealised, fees taken off',
    cell: (p) => ({ text: money(p.pnl, p.quote), className: tone(p.pnl) }),
  },
  { label: 'Fees paid', hint: 'Valued at the fill price', cell: (p) => ({ text: plain(p.fees, p.quote) }) },
  { label: 'Capital deployed', hint: 'The most held at cost at once', cell: (p) => ({ text: plain(p.capital, p.quote) }) },
  { label: 'Trades', hint: 'Round trips (flat → position → flat) that ended in the period', cell: (p) => ({ text: String(p.trades) }) },
  { label: 'Win rate', hint: 'Trades that made money after fees', cell: (p) => ({ text: pct(p.winRatePct, false) }) },
  {
    label: 'Avg hold',
    hint: 'From the first buy to flat again',
    cell: (p) => ({ text: p.avgHoldMs === null ? '—' : formatDuration(p.avgHoldMs) }),
  },
  {
    label: 'Max drawdown',
    hint: 'Deepest fall of capital + PnL below its peak',
    cell: (p) => ({ text: pct(p.maxDrawdownPct === 0 ? 0 : -p.maxDrawdownPct, false), className: tone(-p.maxDrawdownPct) }),
  },
  {
    label: 'Sharpe',
    hint: 'Of daily returns, annualised; needs two days',
    cell: (p) => ({ text: p.sharpe === null ? '—' : p.sharpe.toFixed(2) }),
  },
  { label: 'Fills', hint: 'Orders filled in the period', cell: (p) => ({ text: String(p.fills) }) },
];

function PerformanceTable({ stats }: { stats: Stats }) {
  return (
    <table className="data-table copy-table copy-stats-table" aria-label={`Performance over ${PERIOD_LABELS[stats.period]}`}>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">
            <span className="copy-legend-swatch" style={{ background: LEADER_COLOR }} aria-hidden="true" /> Leader
          </th>
          <th scope="col">
            <span className="copy-legend-swatch" style={{ background: FOLLOWER_COLOR }} aria-hidden="true" /> Follower
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => {
          const leader = row.cell(stats.leader);
          const follower = row.cell(stats.follower);
          return (
            <tr key={row.label}>
              <th scope="row" title={row.hint}>
                {row.label}
              </th>
              <td className={`num${leader.className ?? ''}`}>{leader.text}</td>
              <td className={`num${follower.className ?? ''}`}>{follower.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function TrackingTable({ stats }: { stats: Stats }) {
  const t = stats.tracking;
  const rows: Array<[string, string, string?]> = [
    [
      'Return gap (follower − leader)',
      t.returnGapPct === null ? '—' : `${t.returnGapPct > 0 ? '+' : ''}${t.returnGapPct.toFixed(2)} pp`,
      tone(t.returnGapPct),
    ],
    ['Copied', String(t.copied)],
    ['Skipped', String(t.skipped)],
    ['Ignored', String(t.ignored)],
    ['Failed', String(t.failed), t.failed > 0 ? ' copy-worse' : ''],
    ['Slippage avg / worst', `${pct(t.avgSlippagePct)} / ${pct(t.worstSlippagePct)}`],
    ['Delay avg / max', t.avgDelayMs === null ? '—' : `${Math.round(t.avgDelayMs)} ms / ${Math.round(t.maxDelayMs ?? 0)} ms`],
  ];
  return (
    <div className="copy-tracking">
      <table className="data-table copy-table" aria-label={`Tracking over ${PERIOD_LABELS[stats.period]}`}>
        <tbody>
          {rows.map(([label, value, className]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className={`num${className ?? ''}`}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {t.reasons.length > 0 ? (
        <table className="data-table copy-table" aria-label="Skipped and ignored leader fills by reason">
          <thead>
            <tr>
              <th scope="col">Not copied because</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {t.reasons.map((r) => (
              <tr key={r.reason}>
                <td>{r.reason}</td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function describeLines(what: string, period: StatsPeriod, lines: readonly ChartLine[]): string {
  const ends = lines.map((l) => `${l.label} ${l.points.length > 0 ? `${l.points.at(-1)!.value.toFixed(2)} %` : 'no fills'}`);
  return `${what} over ${PERIOD_LABELS[period]}, leader vs follower: ${ends.join(', ')}`;
}

interface CopyStatsProps {
  links: readonly CopyLinkView[];
  createView?: CreateCopyChartView;
}

/** A link's leader vs follower: the figures for a period, how closely the copies tracked, return and drawdown charts. */
export function CopyStats({ links, createView = createLightweightCopyChartView }: CopyStatsProps) {
  const titleId = useId();
  const selectId = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const [period, setPeriod] = useState<StatsPeriod>('30d');
  const linkId = links.some((l) => l.id === picked) ? picked : (links[0]?.id ?? null);
  const { stats, error } = useCopyStats(linkId, period);

  const returns = useMemo<ChartLine[]>(
    () =>
      stats
        ? [
            { label: 'Leader', color: LEADER_COLOR, points: stats.curves.leader.map((p) => ({ at: p.at, value: p.returnPct })) },
            { label: 'Follower', color: FOLLOWER_COLOR, points: stats.curves.follower.map((p) => ({ at: p.at, value: p.returnPct })) },
          ]
        : [],
    [stats],
  );
  const drawdowns = useMemo<ChartLine[]>(
    () =>
      stats
        ? [
            { label: 'Leader', color: LEADER_COLOR, points: stats.curves.leader.map((p) => ({ at: p.at, value: -p.drawdownPct })) },
            { label: 'Follower', color: FOLLOWER_COLOR, points: stats.curves.follower.map((p) => ({ at: p.at, value: -p.drawdownPct })) },
          ]
        : [],
    [stats],
  );
  if (linkId === null) return null;
  const noFills = stats !== null && stats.leader.fills === 0 && stats.follower.fills === 0;
  const otherQuotes = stats ? [...new Set([...stats.leader.otherQuoteMarkets, ...stats.follower.otherQuoteMarkets])] : [];
  const converted = stats
    ? ([stats.leader, stats.follower] as const).flatMap((p) =>
        (p.convertedQuotes ?? []).length > 0 ? [`${(p.convertedQuotes ?? []).join(', ')} → ${p.quote}`] : [],
      )
    : [];

  return (
    <section className="copy-stats" aria-labelledby={titleId}>
      <header className="copy-header">
        <h3 className="copy-title" id={titleId}>
          Performance
        </h3>
        <div className="copy-stats-controls">
          <label htmlFor={selectId}>Link</label>
          <select id={selectId} value={linkId} onChange={(event) => setPicked(event.target.value)}>
            {links.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          <div className="copy-periods" role="group" aria-label="Statistics period">
            {STATS_PERIODS.map((p) => (
              <button key={p} type="button" aria-pressed={period === p} aria-label={PERIOD_LABELS[p]} onClick={() => setPeriod(p)}>
                {PERIOD_SHORT[p]}
              </button>
            ))}
          </div>
        </div>
      </header>
      {error ? (
        <p className="note note--error" role="alert">
          Could not load the statistics: {error}
        </p>
      ) : null}
      {stats === null ? (
        error ? null : (
          <PanelMessage>Loading the statistics…</PanelMessage>
        )
      ) : (
        <>
          {noFills ? (
            <PanelMessage>
              No fills in the last {PERIOD_LABELS[stats.period].toLowerCase()}: once the leader trades, its performance and the
              follower&apos;s appear here. Pick a longer period to see older trades.
            </PanelMessage>
          ) : null}
          {otherQuotes.length > 0 ? (
            <p className="field-hint">Left out (quoted in a currency with no known rate): {otherQuotes.join(', ')}.</p>
          ) : null}
          {converted.length > 0 ? (
            <p className="field-hint">
              Markets in other quotes converted at today&apos;s rate (the portfolio&apos;s): {[...new Set(converted)].join('; ')}.
            </p>
          ) : null}
          <div className="copy-stats-grid">
            <PerformanceTable stats={stats} />
            <TrackingTable stats={stats} />
          </div>
          <div className="copy-stats-charts">
            <CopyStatsChart
              title="Return on capital"
              description={describeLines('Return on capital', stats.period, returns)}
              lines={returns}
              empty="The return chart starts after the first fill."
              createView={createView}
              testId="copy-return-chart"
            />
            <CopyStatsChart
              title="Drawdown"
              description={describeLines('Drawdown', stats.period, drawdowns)}
              lines={drawdowns}
              empty="The drawdown chart starts after the first fill."
              createView={createView}
              testId="copy-drawdown-chart"
            />
          </div>
        </>
      )}
    </section>
  );
}
