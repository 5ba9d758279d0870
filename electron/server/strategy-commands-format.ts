/** How the strategy commands print: the `--json` shape and the readable tables. */
import type { BacktestResult } from '../core/backtest/run-backtest';
import type { StrategyIssue } from '../../shared/strategy/issues';

/** The stable `--json` contract of `tradewind backtest` (times in ms). */
export function backtestJson(result: BacktestResult): object {
  const m = result.metrics;
  return {
    metrics: {
      finalEquity: m.finalEquity,
      returnPct: m.returnPct,
      maxDrawdownPct: m.maxDrawdownPct,
      trades: m.trades,
      winRatePct: m.winRatePct,
      sharpe: m.sharpe,
      profitFactor: m.profitFactor,
      exposurePct: m.exposurePct,
    },
    trades: result.trades.map((t) => ({
      entryTime: t.entryTime,
      entryPrice: t.entryPrice,
      exitTime: t.exitTime,
      exitPrice: t.exitPrice,
      amount: t.amount,
      pnl: t.pnl,
    })),
  };
}

const MAX_TRADE_ROWS = 50;

export function backtestReport(result: BacktestResult, title: string): string {
  const m = result.metrics;
  const rows: [string, string][] = [
    ['Period', `${time(m.firstBarTime)} → ${time(m.lastBarTime)} (${m.bars} bars of ${duration(m.barIntervalMs)})`],
    ['Starting cash', money(m.startingCash)],
    ['Final equity', money(m.finalEquity)],
    ['Net profit', `${money(m.netProfit)} (${pct(m.returnPct)})`],
    ['CAGR', pct(m.cagrPct)],
    ['Buy & hold', pct(m.buyAndHoldReturnPct)],
    [
      'Max drawdown',
      `${pct(m.maxDrawdownPct)} over ${duration(m.maxDrawdownDurationMs)}${m.maxDrawdownRecovered ? '' : ' (not recovered)'}`,
    ],
    ['Sharpe', num(m.sharpe)],
    ['Sortino', num(m.sortino)],
    ['Trades', String(m.trades)],
    ['Win rate', pct(m.winRatePct)],
    ['Profit factor', num(m.profitFactor)],
    ['Expectancy', m.expectancy === null ? 'n/a' : `${money(m.expectancy)} per trade`],
    ['Avg holding', m.avgHoldingMs === null ? 'n/a' : duration(m.avgHoldingMs)],
    ['Exposure', pct(m.exposurePct)],
    ['Fees paid', money(m.feesPaid)],
  ];
  if (m.skippedEntries > 0) rows.push(['Skipped entries', `${m.skippedEntries} (not enough cash for one amount step)`]);
  const open = result.openPosition;
  if (open) rows.push(['Open position', `${open.amount} since ${time(open.entryTime)}, unrealised ${money(open.unrealisedPnl)}`]);
  const out = [`Backtest: ${title}`, '', table(['Metric', 'Value'], rows)];
  if (result.trades.length > 0) {
    const shown = result.trades.slice(0, MAX_TRADE_ROWS);
    out.push(
      '',
      table(
        ['#', 'Entry', 'Entry price', 'Exit', 'Exit price', 'Amount', 'PnL', 'Exit by'],
        shown.map((t, i) => [
          String(i + 1),
          time(t.entryTime),
          num(t.entryPrice),
          time(t.exitTime),
          num(t.exitPrice),
          String(t.amount),
          money(t.pnl),
          t.exitReason,
        ]),
      ),
    );
    if (result.trades.length > shown.length) out.push(`… ${result.trades.length - shown.length} more trades (use --json for all)`);
  }
  return `${out.join('\n')}\n`;
}

export function issueLines(issues: readonly StrategyIssue[]): string {
  return issues.map((i) => `${i.severity}: ${i.message}`).join('\n');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

function money(x: number): string {
  return x.toFixed(2);
}

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${x.toFixed(2)} %`;
}

function num(x: number | null): string {
  if (x === null) return 'n/a';
  return Math.abs(x) >= 1000 ? x.toFixed(2) : Number(x.toPrecision(6)).toString();
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} d`;
}
