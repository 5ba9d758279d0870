import { useCallback, useEffect, useId, useState } from 'react';
import { JOB_KIND_TITLES, type JobProgress } from '../../../shared/ipc/schemas/strategies';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { JobProgressBar } from '../strategies/lab/JobProgressBar';
import { mergeListed, upsertJob } from './job-list';
import './jobs.css';

const STATE_TITLES: Record<JobProgress['state'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const jobName = (job: JobProgress): string => job.title ?? JOB_KIND_TITLES[job.kind] ?? job.kind;

/**
 * Every job core runs — backtests, sweeps, downloads, model trainings and bots' scheduled model
 * retrains — with its progress and Cancel, whoever started it. Opened late, it reads the running
 * ones (`jobs.list`) and follows `jobs.progress` from then on; an event that beats the list keeps
 * its newer state (`mergeListed`).
 */
export function JobsPanel() {
  const client = useRpcClient();
  const titleId = useId();
  const [jobs, setJobs] = useState<JobProgress[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useRpcEvent('jobs.progress', (progress) => setJobs((current) => upsertJob(current ?? [], progress)));

  const fetchList = useCallback(
    () =>
      client.call('jobs.list', {}).then(
        ({ jobs: listed }) => setJobs((current) => mergeListed(current, listed)),
        (failure: unknown) => setError(describeError(failure)),
      ),
    [client],
  );
  useEffect(() => {
    void fetchList();
  }, [fetchList]);
  const retry = () => {
    setError(null);
    void fetchList();
  };

  const cancel = (job: JobProgress) => {
    client.call('jobs.cancel', { jobId: job.jobId }).then(
      ({ cancelled }) => {
        if (!cancelled) setError(`${jobName(job)} had already ended.`);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  };

  const running = jobs?.filter((job) => job.state === 'running').length ?? 0;
  return (
    <section className="panel jobs-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 className="panel-title" id={titleId}>
          Jobs
        </h2>
        {jobs !== null ? <span className="panel-meta">{running === 0 ? 'none running' : `${running} running`}</span> : null}
      </header>
      {error ? (
        <div className="panel-message panel-message--error" role="alert">
          <p>{error}</p>
          {jobs === null ? (
            <button type="button" className="button" onClick={retry}>
              Retry
            </button>
          ) : null}
        </div>
      ) : null}
      {jobs === null ? (
        error ? null : (
          <p className="panel-message">Loading jobs…</p>
        )
      ) : jobs.length === 0 ? (
        <div className="panel-message">
          <p>No jobs yet.</p>
          <p>
            Backtests and sweeps (Backtest &amp; results), history downloads (Data), model trainings (Models), index backtests (Index) and
            bots&apos; scheduled model retrains show here with their progress, and can be cancelled here.
          </p>
        </div>
      ) : (
        <ul className="jobs-list" aria-label="Jobs">
          {jobs.map((job) => (
            <li key={job.jobId} className={`jobs-row jobs-row--${job.state}`} aria-label={jobName(job)}>
              <div className="jobs-row-head">
                <span className="jobs-row-name">{jobName(job)}</span>
                <span className={`jobs-row-state jobs-row-state--${job.state}`}>{STATE_TITLES[job.state]}</span>
              </div>
              {job.state === 'running' ? (
                <JobProgressBar
                  label={`${jobName(job)} progress`}
                  progress={job}
                  onCancel={() => cancel(job)}
                  cancelName={`Cancel ${jobName(job)}`}
                />
              ) : (
                <p className="jobs-row-message">{job.state === 'failed' ? (job.error?.message ?? job.message) : job.message}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
