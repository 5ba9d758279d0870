import type { BacktestMetrics } from '../../../../shared/strategy/backtest-schema';
import { formatPercent } from '../../../lib/format/numbers';

const DASH = '—';
const ratio = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "3 d 4 h", "45 min": holding times and drawdown durations. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : ratio.format(value);
}

export function formatQuote(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : money.format(value);
}

export function formatUtcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface MetricCell {
  key: keyof BacktestMetrics | 'maxDrawdownDuration';
  label: string;
  value: string;
  /** Sign for colouring; 0 for neutral. */
  tone: -1 | 0 | 1;
}

const sign = (x: number | null): -1 | 0 | 1 => (x === null || x === 0 ? 0 : x > 0 ? 1 : -1);

/** The metrics of the issue, in reading order, formatted for the grid. */
export function metricCells(m: BacktestMetrics): MetricCell[] {
  return [
    { key: 'finalEquity', label: 'Final equity', value: formatQuote(m.finalEquity), tone: 0 },
    { key: 'netProfit', label: 'Net profit', value: formatQuote(m.netProfit), tone: sign(m.netProfit) },
    { key: 'returnPct', label: 'Return', value: formatPercent(m.returnPct), tone: sign(m.returnPct) },
    { key: 'cagrPct', label: 'CAGR', value: formatPercent(m.cagrPct), tone: sign(m.cagrPct) },
    {
      key: 'maxDrawdownPct',
      label: 'Max drawdown',
      value: formatPercent(m.maxDrawdownPct === 0 ? 0 : -m.maxDrawdownPct),
      tone: m.maxDrawdownPct > 0 ? -1 : 0,
    },
    {
      key: 'maxDrawdownDuration',
      label: 'Drawdown duration',
      value: `${formatDuration(m.maxDrawdownDurationMs)}${m.maxDrawdownPct > 0 && !m.maxDrawdownRecovered ? ' (not recovered)' : ''}`,
      tone: 0,
    },
    { key: 'sharpe', label: 'Sharpe', value: formatRatio(m.sharpe), tone: sign(m.sharpe) },
    { key: 'sortino', label: 'Sortino', value: formatRatio(m.sortino), tone: sign(m.sortino) },
    { key: 'winRatePct', label: 'Win rate', value: m.winRatePct === null ? DASH : `${ratio.format(m.winRatePct)}%`, tone: 0 },
    {
      key: 'profitFactor',
      label: 'Profit factor',
      value: formatRatio(m.profitFactor),
      tone: m.profitFactor === null ? 0 : m.profitFactor >= 1 ? 1 : -1,
    },
    { key: 'expectancy', label: 'Expectancy', value: formatQuote(m.expectancy), tone: sign(m.expectancy) },
    { key: 'trades', label: 'Trades', value: String(m.trades), tone: 0 },
    { key: 'avgHoldingMs', label: 'Avg holding time', value: formatDuration(m.avgHoldingMs), tone: 0 },
    { key: 'exposurePct', label: 'Exposure', value: `${ratio.format(m.exposurePct)}%`, tone: 0 },
    { key: 'buyAndHoldReturnPct', label: 'Buy and hold', value: formatPercent(m.buyAndHoldReturnPct), tone: sign(m.buyAndHoldReturnPct) },
    { key: 'feesPaid', label: 'Fees paid', value: formatQuote(m.feesPaid), tone: 0 },
  ];
}
