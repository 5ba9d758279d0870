import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobKind, JobProgress } from '../../../shared/ipc/schemas/strategies';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

export interface JobState<R> {
  jobId: string | null;
  /** Between Start and the job's end (or the call's failure). */
  running: boolean;
  progress: JobProgress | null;
  result: R | null;
  error: string | null;
  cancelled: boolean;
}

const IDLE: JobState<never> = { jobId: null, running: false, progress: null, result: null, error: null, cancelled: false };

/**
 * One core job the panel follows: started by `start` (which returns the job id), its progress
 * from `jobs.progress`, its result read once the end event says done. An event can arrive
 * before the starting call has returned the id, so events of unknown jobs of this kind are kept
 * until then.
 */
export function useJob<R>(kind: JobKind, readResult: (jobId: string) => Promise<R>, onResult?: (result: R) => void) {
  const client = useRpcClient();
  const [state, setState] = useState<JobState<R>>(IDLE);
  const current = useRef<string | null>(null);
  const early = useRef(new Map<string, JobProgress>());
  const read = useRef({ readResult, onResult });
  useEffect(() => {
    read.current = { readResult, onResult };
  });

  const apply = useCallback((progress: JobProgress) => {
    const jobId = progress.jobId;
    setState((s) => ({ ...s, progress, running: progress.state === 'running', cancelled: progress.state === 'cancelled' }));
    if (progress.state === 'failed') setState((s) => ({ ...s, error: progress.error?.message ?? progress.message }));
    if (progress.state !== 'done') return;
    read.current.readResult(jobId).then(
      (result) => {
        if (current.current !== jobId) return;
        setState((s) => ({ ...s, result, running: false }));
        read.current.onResult?.(result);
      },
      (failure: unknown) => {
        if (current.current === jobId) setState((s) => ({ ...s, error: describeError(failure), running: false }));
      },
    );
  }, []);

  useRpcEvent('jobs.progress', (progress) => {
    if (progress.kind !== kind) return;
    if (current.current === progress.jobId) apply(progress);
    else if (current.current === null) early.current.set(progress.jobId, progress);
  });

  const start = useCallback(
    async (begin: () => Promise<{ jobId: string }>) => {
      early.current.clear();
      current.current = null;
      setState({ ...IDLE, running: true });
      try {
        const { jobId } = await begin();
        current.current = jobId;
        setState((s) => ({ ...s, jobId }));
        const seen = early.current.get(jobId);
        early.current.clear();
        if (seen) apply(seen);
      } catch (failure) {
        setState({ ...IDLE, error: describeError(failure) });
      }
    },
    [apply],
  );

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (jobId)
      client.call('jobs.cancel', { jobId }).catch((failure: unknown) => setState((s) => ({ ...s, error: describeError(failure) })));
  }, [client]);

  const reset = useCallback(() => {
    current.current = null;
    setState(IDLE);
  }, []);

  return { ...state, start, cancel, reset };
}
