import { useEffect, useRef } from 'react';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { describeError, RpcCallError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import type { JobView } from '../store/lab-slice';

/** Core answers `unavailable` while a job runs (and for a cancelled one): the end event will tell. */
function stillPending(error: unknown): boolean {
  return error instanceof RpcCallError && error.code === 'unavailable';
}

/**
 * Whether to read a followed job's result now: once when its end event says done, and once when
 * it is first seen running (it may have ended while this workspace was closed). Returns the key
 * that marks the read as made, or null.
 */
function readKey(job: JobView<unknown>, made: ReadonlySet<string>): string | null {
  const { jobId, progress, result, error } = job;
  if (!jobId || result || error || made.has(jobId)) return null;
  if (progress?.state === 'done') return jobId;
  const running = progress === null || progress.state === 'running';
  return running && !made.has(`check:${jobId}`) ? `check:${jobId}` : null;
}

/**
 * Follows the lab's backtest and sweep jobs: every `jobs.progress` event is recorded, and once a
 * followed job is done its result is read. Events are missed while the workspace is closed, so
 * on mount a job still marked running is asked for its result once.
 */
export function useLabJobs(): void {
  const client = useRpcClient();
  const backtest = useStore((state) => state.backtestJob);
  const sweep = useStore((state) => state.optimiseJob);
  const requested = useRef(new Set<string>());

  useRpcEvent('jobs.progress', (progress) => useStore.getState().recordJobProgress(progress));

  useEffect(() => {
    const key = readKey(backtest, requested.current);
    const jobId = backtest.jobId;
    if (!key || !jobId) return;
    requested.current.add(key);
    client.call('backtest.result', { jobId }).then(
      (value) => {
        if (useStore.getState().backtestJob.jobId === jobId) useStore.getState().setBacktestJob({ result: value, error: null });
      },
      (failure: unknown) => {
        if (useStore.getState().backtestJob.jobId === jobId && !stillPending(failure))
          useStore.getState().setBacktestJob({ error: describeError(failure) });
      },
    );
  }, [client, backtest]);

  useEffect(() => {
    const key = readKey(sweep, requested.current);
    const jobId = sweep.jobId;
    if (!key || !jobId) return;
    requested.current.add(key);
    client.call('optimise.result', { jobId }).then(
      (value) => {
        if (useStore.getState().optimiseJob.jobId === jobId) useStore.getState().setOptimiseJob({ result: value, error: null });
      },
      (failure: unknown) => {
        if (useStore.getState().optimiseJob.jobId === jobId && !stillPending(failure))
          useStore.getState().setOptimiseJob({ error: describeError(failure) });
      },
    );
  }, [client, sweep]);
}
