import { useId } from 'react';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { useRpcClient } from '../../lib/ipc/client-context';
import { setParam } from '../strategies/editor/graph-edit';
import { JobProgressBar } from '../strategies/lab/JobProgressBar';
import { MetricsGrid } from '../strategies/lab/MetricsGrid';
import { EquityChart } from '../strategies/lab/ResultCharts';
import { formatQuote } from '../strategies/lab/lab-format';
import { useJob } from './use-job';

interface ModelBacktestProps {
  graph: StrategyGraph | null;
  nodeId: string | null;
  datasetId: string | null;
  version: { id: string; version: number; name: string } | null;
}

/** The strategy's graph with its Model block pinned to `version` (the saved strategy is not changed). */
export function pinVersion(graph: StrategyGraph, nodeId: string, id: string, version: number): StrategyGraph {
  return setParam(setParam(graph, nodeId, 'model', id), nodeId, 'version', version);
}

/**
 * Backtests the picked strategy with its Model block running the chosen version, with the same
 * fill model and metrics as every strategy, and draws its equity beside buy-and-hold.
 */
export function ModelBacktest({ graph, nodeId, datasetId, version }: ModelBacktestProps) {
  const client = useRpcClient();
  const headingId = useId();
  const job = useJob('backtest', (jobId) => client.call('backtest.result', { jobId }));
  const blocked =
    !graph || !nodeId
      ? 'Pick a strategy and its Model block above.'
      : !version
        ? 'Train a model or open a version from the registry.'
        : !datasetId
          ? 'Pick a data set.'
          : null;
  const run = () => {
    if (blocked || !graph || !nodeId || !version || !datasetId) return;
    void job.start(() =>
      client.call('backtest.run', { strategy: { graph: pinVersion(graph, nodeId, version.id, version.version) }, dataset: datasetId }),
    );
  };
  const result = job.result;
  const held = result?.buyAndHold.at(-1);
  return (
    <section className="models-backtest" aria-labelledby={headingId}>
      <h3 className="lab-subtitle" id={headingId}>
        Backtest beside buy and hold
      </h3>
      <div className="lab-run">
        <button type="button" className="button button--primary" onClick={run} disabled={blocked !== null || job.running}>
          {version ? `Backtest with ${version.name} v${version.version}` : 'Backtest with this model'}
        </button>
        {blocked ? <p className="lab-run-reason">{blocked}</p> : null}
      </div>
      {job.running ? <JobProgressBar label="Backtest progress" progress={job.progress} onCancel={job.cancel} /> : null}
      {job.cancelled ? <p className="note">The backtest was cancelled.</p> : null}
      {job.error ? (
        <p className="note note--error" role="alert">
          {job.error}
        </p>
      ) : null}
      {result ? (
        <div className="backtest-results" data-testid="model-backtest-results">
          <p className="lab-result-title">
            {result.strategyName} on {result.dataset.label}: equity {formatQuote(result.curve.equity.at(-1))}, buy and hold{' '}
            {formatQuote(held)}
          </p>
          {result.warnings.map((w, i) => (
            <p key={i} className="note note--warn">
              {w}
            </p>
          ))}
          <EquityChart curve={result.curve} buyAndHold={result.buyAndHold} />
          <MetricsGrid metrics={result.metrics} />
        </div>
      ) : null}
    </section>
  );
}
