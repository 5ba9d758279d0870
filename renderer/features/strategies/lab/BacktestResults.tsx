import type { ReactNode } from 'react';
import type { BacktestRunResult } from '../../../../shared/ipc/schemas/strategies';
import { MetricsGrid } from './MetricsGrid';
import { EquityChart, TradesChart } from './ResultCharts';
import { TradesTable } from './TradesTable';

interface BacktestResultsProps {
  result: BacktestRunResult;
  /** The section's accessible name ("Backtest results"). */
  label: string;
  testId: string;
  /** Heading over the price chart with the trades ("Trades on the price chart"). */
  tradesTitle: string;
  /** Draw buy-and-hold beside the equity (a strategy's backtest; a bot's shows its own curve only). */
  buyAndHold?: boolean;
  /** Lines between the title and the warnings (a bot's one-sentence summary). */
  children?: ReactNode;
}

/**
 * One backtest's results as the strategy lab and the bot form both show them: what ran on which
 * data, the warnings, the metrics, equity with drawdown, the trades on the price chart and listed.
 */
export function BacktestResults({ result, label, testId, tradesTitle, buyAndHold = false, children }: BacktestResultsProps) {
  return (
    <section className="backtest-results" aria-label={label} data-testid={testId}>
      <p className="lab-result-title">
        {result.strategyName} on {result.dataset.label}
      </p>
      {children}
      {result.warnings.map((w, i) => (
        <p key={i} className="note note--warn">
          {w}
        </p>
      ))}
      <MetricsGrid metrics={result.metrics} />
      <h4 className="lab-subtitle">Equity and drawdown</h4>
      <EquityChart curve={result.curve} {...(buyAndHold ? { buyAndHold: result.buyAndHold } : {})} />
      <h4 className="lab-subtitle">{tradesTitle}</h4>
      <TradesChart candles={result.candles} trades={result.trades} />
      <TradesTable result={result} />
    </section>
  );
}
