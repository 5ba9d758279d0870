import { useId, useMemo, useState } from 'react';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { graphTooLarge } from '../list/strategy-files';
import { isRunning } from '../store/lab-slice';
import { JobProgressBar } from './JobProgressBar';
import { MetricsGrid } from './MetricsGrid';
import { EquityChart, TradesChart } from './ResultCharts';
import { parseLabSettings, runBlockedReason } from './run-settings';
import { TradesTable } from './TradesTable';
import { SettingsFields } from './SettingsFields';

/**
 * Backtest of what is on the canvas (saved or not) on the chosen data set. The Run button says
 * why it is disabled; the run happens in a core worker with progress and Cancel.
 */
export function BacktestPanel({ issues }: { issues: readonly StrategyIssue[] }) {
  const client = useRpcClient();
  const open = useStore((state) => state.openStrategy);
  const datasetId = useStore((state) => state.labDatasetId);
  const form = useStore((state) => state.labSettings);
  const job = useStore((state) => state.backtestJob);
  const reasonId = useId();
  const settings = useMemo(() => parseLabSettings(form), [form]);
  const [starting, setStarting] = useState(false);
  const running = starting || isRunning(job);
  const blocked = runBlockedReason({ hasStrategy: open !== null, issues, datasetId, settings, running });

  const run = async () => {
    const state = useStore.getState();
    const current = state.openStrategy;
    if (blocked || !current || !datasetId || !settings.ok) return;
    const tooLarge = graphTooLarge(current.history.present);
    state.setBacktestJob({ jobId: null, progress: null, result: null, error: tooLarge });
    if (tooLarge) return;
    setStarting(true);
    try {
      const graph = { ...current.history.present, name: current.name };
      const { jobId } = await client.call('backtest.run', { strategy: { graph }, dataset: datasetId, settings: settings.settings });
      useStore.getState().trackJob('backtest', jobId);
    } catch (error) {
      useStore.getState().setBacktestJob({ error: describeError(error) });
    } finally {
      setStarting(false);
    }
  };
  const cancel = () => {
    if (job.jobId)
      void client
        .call('jobs.cancel', { jobId: job.jobId })
        .catch((error: unknown) => useStore.getState().setBacktestJob({ error: describeError(error) }));
  };

  const result = job.result;
  return (
    <div className="lab-pane">
      <SettingsFields disabled={running} />
      <div className="lab-run">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run()}
          disabled={blocked !== null}
          aria-describedby={blocked ? reasonId : undefined}
          data-testid="run-backtest"
        >
          Run backtest
        </button>
        {blocked ? (
          <p className="lab-run-reason" id={reasonId} data-testid="run-blocked-reason">
            {blocked}
          </p>
        ) : null}
      </div>
      {running ? <JobProgressBar label="Backtest progress" progress={job.progress} onCancel={cancel} /> : null}
      {job.progress?.state === 'cancelled' ? <p className="note">The backtest was cancelled.</p> : null}
      {job.error ? (
        <p className="note note--error" role="alert">
          {job.error}
        </p>
      ) : null}
      {result ? (
        <section className="backtest-results" aria-label="Backtest results" data-testid="backtest-results">
          <p className="lab-result-title">
            {result.strategyName} on {result.dataset.label}
          </p>
          {result.warnings.map((w, i) => (
            <p key={i} className="note note--warn">
              {w}
            </p>
          ))}
          <MetricsGrid metrics={result.metrics} />
          <h4 className="lab-subtitle">Equity and drawdown</h4>
          <EquityChart curve={result.curve} buyAndHold={result.buyAndHold} />
          <h4 className="lab-subtitle">Trades on the price chart</h4>
          <TradesChart candles={result.candles} trades={result.trades} />
          <TradesTable result={result} />
        </section>
      ) : null}
    </div>
  );
}
