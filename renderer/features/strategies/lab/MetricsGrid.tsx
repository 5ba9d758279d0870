import { useId } from 'react';
import type { BacktestMetrics } from '../../../../shared/strategy/backtest-schema';
import { metricCells } from './lab-format';

/** The run's metrics as labelled cells (a description list: each value is named by its term). */
export function MetricsGrid({ metrics }: { metrics: BacktestMetrics }) {
  const titleId = useId();
  return (
    <section className="metrics" aria-labelledby={titleId}>
      <h4 className="lab-subtitle" id={titleId}>
        Metrics
      </h4>
      <dl className="metrics-grid" data-testid="backtest-metrics">
        {metricCells(metrics).map((cell) => (
          <div key={cell.key} className="metric">
            <dt className="metric-label">{cell.label}</dt>
            <dd
              className={`metric-value num${cell.tone > 0 ? ' is-up' : cell.tone < 0 ? ' is-down' : ''}`}
              data-testid={`metric-${cell.key}`}
            >
              {cell.value}
            </dd>
          </div>
        ))}
      </dl>
      {metrics.skippedEntries > 0 ? (
        <p className="field-hint">
          {metrics.skippedEntries} entry signal{metrics.skippedEntries === 1 ? '' : 's'} could not buy one amount step and were skipped.
        </p>
      ) : null}
    </section>
  );
}
