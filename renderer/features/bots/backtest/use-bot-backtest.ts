import { useCallback, useRef, useState } from 'react';
import type { BotBacktestRunResult, BotBacktestSettingsInput } from '../../../../shared/ipc/schemas/bot-backtests';
import type { BotInput } from '../../../../shared/ipc/schemas/bots';
import type { JobProgress } from '../../../../shared/ipc/schemas/strategies';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';

export interface BotBacktestRun {
  jobId: string | null;
  progress: JobProgress | null;
  result: BotBacktestRunResult | null;
  error: string | null;
  starting: boolean;
}

const IDLE: BotBacktestRun = { jobId: null, progress: null, result: null, error: null, starting: false };

/**
 * One bot backtest at a time for the form: starts it, follows its `jobs.progress` events, reads
 * the result when it is done. Events of a job whose id has not come back yet are kept, so an end
 * that arrives before the call's answer is not missed.
 */
export function useBotBacktest() {
  const client = useRpcClient();
  const [run, setRun] = useState<BotBacktestRun>(IDLE);
  const current = useRef<string | null>(null);
  const early = useRef(new Map<string, JobProgress>());

  const apply = useCallback(
    (progress: JobProgress) => {
      if (progress.jobId !== current.current) return;
      setRun((state) => ({
        ...state,
        progress,
        ...(progress.state === 'failed' ? { error: progress.error?.message ?? 'The backtest failed.' } : {}),
      }));
      if (progress.state !== 'done') return;
      client.call('bots.backtestResult', { jobId: progress.jobId }).then(
        (result) => {
          if (current.current === progress.jobId) setRun((state) => ({ ...state, result }));
        },
        (error: unknown) => {
          if (current.current === progress.jobId) setRun((state) => ({ ...state, error: describeError(error) }));
        },
      );
    },
    [client],
  );

  useRpcEvent('jobs.progress', (progress) => {
    if (progress.kind !== 'botBacktest') return;
    if (current.current === null) early.current.set(progress.jobId, progress);
    else apply(progress);
  });

  const start = useCallback(
    async (input: BotInput, dataset: string, settings: BotBacktestSettingsInput) => {
      current.current = null;
      early.current.clear();
      setRun({ ...IDLE, starting: true });
      try {
        const { jobId } = await client.call('bots.backtest', { input, dataset, settings });
        current.current = jobId;
        setRun({ ...IDLE, jobId });
        const seen = early.current.get(jobId);
        early.current.clear();
        if (seen) apply(seen);
      } catch (error) {
        setRun({ ...IDLE, error: describeError(error) });
      }
    },
    [client, apply],
  );

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (!jobId) return;
    client.call('jobs.cancel', { jobId }).catch((error: unknown) => setRun((state) => ({ ...state, error: describeError(error) })));
  }, [client]);

  const running = run.starting || (run.jobId !== null && (run.progress === null || run.progress.state === 'running'));
  return { run, start, cancel, running };
}
