import { useId } from 'react';
import type { JobProgress } from '../../../../shared/ipc/schemas/strategies';
import { JobProgressBar } from './JobProgressBar';

interface BacktestRunControlsProps {
  onRun(): void;
  /** Why Run is disabled (shown under it and linked to it); null: it can run. */
  blocked: string | null;
  /** A job is under way: its progress bar with Cancel is shown. */
  showProgress: boolean;
  progressLabel: string;
  progress: JobProgress | null;
  onCancel(): void;
  error: string | null;
  /** Test ids on the button and the reason (the lab's e2e specs find them by these). */
  testIds?: boolean;
}

/**
 * Run backtest with the reason it cannot run yet, then the job's progress and Cancel, a
 * cancellation and an error: the same controls in the strategy lab and the bot form.
 */
export function BacktestRunControls({
  onRun,
  blocked,
  showProgress,
  progressLabel,
  progress,
  onCancel,
  error,
  testIds = false,
}: BacktestRunControlsProps) {
  const reasonId = useId();
  return (
    <>
      <div className="lab-run">
        <button
          type="button"
          className="button button--primary"
          onClick={onRun}
          disabled={blocked !== null}
          aria-describedby={blocked ? reasonId : undefined}
          data-testid={testIds ? 'run-backtest' : undefined}
        >
          Run backtest
        </button>
        {blocked ? (
          <p className="lab-run-reason" id={reasonId} data-testid={testIds ? 'run-blocked-reason' : undefined}>
            {blocked}
          </p>
        ) : null}
      </div>
      {showProgress ? <JobProgressBar label={progressLabel} progress={progress} onCancel={onCancel} /> : null}
      {progress?.state === 'cancelled' ? <p className="note">The backtest was cancelled.</p> : null}
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
