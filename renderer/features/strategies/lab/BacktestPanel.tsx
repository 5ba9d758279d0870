import { useMemo, useState } from 'react';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { graphTooLarge } from '../list/strategy-files';
import { isRunning } from '../store/lab-slice';
import { BacktestResults } from './BacktestResults';
import { BacktestRunControls } from './BacktestRunControls';
import { parseLabSettings, runBlockedReason } from './run-settings';
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
      <BacktestRunControls
        onRun={() => void run()}
        blocked={blocked}
        showProgress={running}
        progressLabel="Backtest progress"
        progress={job.progress}
        onCancel={cancel}
        error={job.error}
        testIds
      />
      {result ? (
        <BacktestResults
          result={result}
          label="Backtest results"
          testId="backtest-results"
          tradesTitle="Trades on the price chart"
          buyAndHold
        />
      ) : null}
    </div>
  );
}
