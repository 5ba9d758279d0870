import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import { JobRegistry } from './job-registry';

const registries: JobRegistry[] = [];
afterEach(() => {
  for (const r of registries.splice(0)) r.close();
});

function registry(events: JobProgress[]) {
  const r = new JobRegistry({
    emit: (p) => events.push(p),
    flushMs: 60_000, // flushed by hand below
    describeError: (error) =>
      error instanceof TradewindError
        ? { cancelled: false, code: error.code, message: error.message }
        : { cancelled: false, code: 'internal', message: 'boom' },
  });
  registries.push(r);
  return r;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('JobRegistry', () => {
  it('conflates progress to the latest per job per flush, and ends with one final event', async () => {
    const events: JobProgress[] = [];
    const jobs = registry(events);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const id = jobs.start(
      'backtest',
      async (job) => {
        for (let i = 1; i <= 100; i++) job.progress(i, 100, `${i}`);
        await gate;
        job.progress(100, 100, 'last');
        return { answer: 42 };
      },
      { summarise: (r) => `answer ${r.answer}` },
    );
    await tick();
    jobs.flush();
    expect(events).toEqual([{ jobId: id, kind: 'backtest', state: 'running', done: 100, total: 100, message: '100' }]);
    release();
    await tick();
    await tick();
    // The pending "last" progress is superseded by the end event; nothing arrives after it.
    jobs.flush();
    expect(events.slice(1)).toEqual([{ jobId: id, kind: 'backtest', state: 'done', done: 100, total: 100, message: 'answer 42' }]);
    expect(jobs.result(id, 'backtest')).toEqual({ answer: 42 });
    expect(() => jobs.result(id, 'optimise')).toThrow(/No optimisation job/);
  });

  it('cancels through the signal and reports failures with their code', async () => {
    const events: JobProgress[] = [];
    const jobs = registry(events);
    const cancelled = jobs.start(
      'download',
      (job) => new Promise((_, reject) => job.signal.addEventListener('abort', () => reject(new Error('aborted')))),
      {
        datasetId: 'cache:1',
      },
    );
    const failed = jobs.start('optimise', async () => {
      throw new TradewindError('invalid_input', 'bad axis');
    });
    await tick();
    expect(jobs.isRunning((p) => p.datasetId === 'cache:1')).toBe(true);
    expect(jobs.cancel(cancelled)).toBe(true);
    await tick();
    expect(jobs.cancel(cancelled)).toBe(false);
    // Told in the person's words, not the contract's kind name.
    expect(() => jobs.result(cancelled, 'download')).toThrow('The history download was cancelled.');
    const ends = events.filter((e) => e.state !== 'running');
    expect(ends).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ jobId: cancelled, state: 'cancelled', datasetId: 'cache:1' }),
        expect.objectContaining({ jobId: failed, state: 'failed', error: { code: 'invalid_input', message: 'bad axis' } }),
      ]),
    );
    expect(() => jobs.result(cancelled, 'download')).toThrow(/cancelled/);
    expect(() => jobs.result(failed, 'optimise')).toThrow(/bad axis/);
  });

  it('lists running jobs first, then the finished ones newest first, with their titles; tells the owner when one has ended', async () => {
    const jobs = registry([]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ended: string[] = [];
    const first = jobs.start('download', async () => 1, { onEnd: () => ended.push('first') });
    const second = jobs.start('backtest', async () => 2, { onEnd: () => ended.push('second') });
    const running = jobs.start(
      'retrain',
      async (job) => {
        job.progress(40, 100, 'Training walk-forward… 37 %');
        await gate;
        job.signal.throwIfAborted();
      },
      { title: 'Retrain "Up next" — bot "BTC"', botId: 'bot_1', onEnd: () => ended.push('running') },
    );
    await tick();
    expect(ended).toEqual(['first', 'second']);
    expect(jobs.list().map((j) => [j.jobId, j.state])).toEqual([
      [running, 'running'],
      [second, 'done'],
      [first, 'done'],
    ]);
    expect(jobs.list()[0]).toMatchObject({
      title: 'Retrain "Up next" — bot "BTC"',
      botId: 'bot_1',
      done: 40,
      message: 'Training walk-forward… 37 %',
    });
    jobs.cancel(running);
    release();
    await tick();
    expect(ended).toEqual(['first', 'second', 'running']);
    expect(jobs.list()[0]).toMatchObject({ jobId: running, state: 'cancelled' });
  });
});
