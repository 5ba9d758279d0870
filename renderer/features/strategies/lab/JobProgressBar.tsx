import type { JobProgress } from '../../../../shared/ipc/schemas/strategies';

interface JobProgressBarProps {
  label: string;
  progress: JobProgress | null;
  onCancel?: () => void;
  cancelLabel?: string;
  /** The Cancel button's accessible name where several bars share a view ("Cancel Backtest"). */
  cancelName?: string;
}

/** A running job's progress (role="progressbar" with its numbers) and, while it runs, Cancel. */
export function JobProgressBar({ label, progress, onCancel, cancelLabel = 'Cancel', cancelName }: JobProgressBarProps) {
  const total = progress && progress.total > 0 ? progress.total : 1;
  const done = Math.min(progress?.done ?? 0, total);
  const percent = Math.round((done / total) * 100);
  return (
    <div className="job-progress">
      <div
        className="job-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${percent} %${progress?.message ? `: ${progress.message}` : ''}`}
        data-testid="job-progress"
      >
        <div className="job-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="job-progress-text num">{progress?.message ?? 'Starting…'}</span>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel} aria-label={cancelName}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  );
}
