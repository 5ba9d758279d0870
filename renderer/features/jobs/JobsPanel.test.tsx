// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/ipc/schemas/strategies';
import { createRpcClient } from '../../lib/ipc/client';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { act } from 'react';
import { click, flush, render, type Rendered } from '../../test-utils/render';
import { mergeListed, upsertJob } from './job-list';
import { JobsPanel } from './JobsPanel';

const RETRAIN: JobProgress = {
  jobId: 'job-7',
  kind: 'retrain',
  state: 'running',
  done: 53,
  total: 100,
  message: 'Training walk-forward… 50 %',
  title: 'Retrain "Up next bars" — bot "BTC model"',
  botId: 'bot_1',
};
const DOWNLOAD: JobProgress = { jobId: 'job-3', kind: 'download', state: 'done', done: 10, total: 10, message: 'Done: 5,000 bars.' };

let bridge: MemoryBridge;
let view: Rendered | null = null;
let listed: JobProgress[];

beforeEach(() => {
  listed = [RETRAIN, DOWNLOAD];
  bridge = new MemoryBridge({
    'jobs.list': () => ({ jobs: listed }),
    'jobs.cancel': () => ({ cancelled: true }),
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
});

async function mount() {
  view = render(<JobsPanel />, createRpcClient(bridge));
  await flush();
}

const panel = () => byRole(document, 'region', 'Jobs');
const rows = () => [...panel().querySelectorAll('li')].map((li) => li.getAttribute('aria-label'));

describe('Jobs panel', () => {
  it('lists a bot retrain that was running before it opened, with its progress, and cancels it there', async () => {
    await mount();
    expect(rows()).toEqual(['Retrain "Up next bars" — bot "BTC model"', 'History download']);
    const bar = byRole(panel(), 'progressbar', 'Retrain "Up next bars" — bot "BTC model" progress');
    expect(bar.getAttribute('aria-valuenow')).toBe('53');
    expect(bar.getAttribute('aria-valuetext')).toBe('53 %: Training walk-forward… 50 %');
    expect(panel().textContent).toContain('Done: 5,000 bars.');
    expect(panel().textContent).toContain('1 running');

    click(byRole(panel(), 'button', 'Cancel Retrain "Up next bars" — bot "BTC model"'));
    await flush();
    expect(bridge.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-7' }]);
    act(() => bridge.emit('jobs.progress', { ...RETRAIN, state: 'cancelled', message: 'Cancelled.' }));
    expect(panel().querySelector('[role="progressbar"]')).toBeNull();
    expect(panel().querySelector('li')!.textContent).toContain('Cancelled.');
    expect(panel().textContent).toContain('none running');
  });

  it('adds jobs started after it opened, from their progress events, and shows a failure’s reason', async () => {
    listed = [];
    await mount();
    expect(panel().textContent).toContain('No jobs yet.');
    act(() => bridge.emit('jobs.progress', { jobId: 'job-9', kind: 'backtest', state: 'running', done: 20, total: 100, message: '20 %' }));
    expect(rows()).toEqual(['Backtest']);
    expect(byRole(panel(), 'progressbar', 'Backtest progress').getAttribute('aria-valuenow')).toBe('20');
    act(() =>
      bridge.emit('jobs.progress', {
        jobId: 'job-9',
        kind: 'backtest',
        state: 'failed',
        done: 20,
        total: 100,
        message: 'No bars in range.',
        error: { code: 'invalid_input', message: 'No bars in range: pick a range inside the data set.' },
      }),
    );
    expect(panel().querySelector('li')!.textContent).toContain('No bars in range: pick a range inside the data set.');
  });

  it("keeps a job's end that arrived before the jobs list answered, instead of showing it running again", async () => {
    // The list was read while the retrain still ran; its end event overtakes the answer.
    let answer!: () => void;
    bridge.setHandler('jobs.list', () => new Promise((resolve) => (answer = () => resolve({ jobs: [RETRAIN, DOWNLOAD] }))));
    view = render(<JobsPanel />, createRpcClient(bridge));
    await flush();
    const started: JobProgress = { jobId: 'job-8', kind: 'backtest', state: 'running', done: 5, total: 100, message: '5 %' };
    act(() => {
      bridge.emit('jobs.progress', { ...RETRAIN, state: 'done', done: 100, message: 'Retrained: accuracy 0.61.' });
      bridge.emit('jobs.progress', started);
    });
    answer();
    await flush();
    expect(rows()).toEqual(['Backtest', 'Retrain "Up next bars" — bot "BTC model"', 'History download']);
    expect(panel().textContent).toContain('Retrained: accuracy 0.61.');
    expect(byRole(panel(), 'progressbar', 'Backtest progress').getAttribute('aria-valuenow')).toBe('5');
    expect(panel().textContent).toContain('1 running');
  });

  it('says when a job had already ended by the time Cancel reached core', async () => {
    bridge.setHandler('jobs.cancel', () => ({ cancelled: false }));
    await mount();
    click(byRole(panel(), 'button', 'Cancel Retrain "Up next bars" — bot "BTC model"'));
    await flush();
    expect(byRole(panel(), 'alert').textContent).toBe('Retrain "Up next bars" — bot "BTC model" had already ended.');
  });
});

describe('upsertJob', () => {
  const job = (jobId: string, state: JobProgress['state']): JobProgress => ({
    jobId,
    kind: 'backtest',
    state,
    done: 0,
    total: 1,
    message: '',
  });
  it('keeps running jobs first, moves an ended one to the top of the ended ones, and keeps at most 20 ended', () => {
    let list = [job('a', 'running'), job('b', 'running'), job('x', 'done')];
    list = upsertJob(list, job('c', 'running'));
    expect(list.map((j) => j.jobId)).toEqual(['a', 'b', 'c', 'x']);
    list = upsertJob(list, job('a', 'done'));
    expect(list.map((j) => [j.jobId, j.state])).toEqual([
      ['b', 'running'],
      ['c', 'running'],
      ['a', 'done'],
      ['x', 'done'],
    ]);
    for (let i = 0; i < 30; i++) list = upsertJob(list, job(`f${i}`, 'done'));
    expect(list.filter((j) => j.state === 'done')).toHaveLength(20);
    expect(list[2]!.jobId).toBe('f29');
  });
});

describe('mergeListed', () => {
  const job = (jobId: string, state: JobProgress['state'], done: number): JobProgress => ({
    jobId,
    kind: 'backtest',
    state,
    done,
    total: 100,
    message: '',
  });
  it('keeps the further-along state of each job, whichever came first', () => {
    const events = [job('a', 'running', 40), job('b', 'done', 100), job('c', 'running', 10)];
    const listed = [job('a', 'running', 60), job('b', 'running', 90), job('c', 'failed', 10)];
    expect(mergeListed(events, listed).map((j) => [j.jobId, j.state, j.done])).toEqual([
      ['a', 'running', 60],
      ['b', 'done', 100],
      ['c', 'failed', 10],
    ]);
    expect(mergeListed(null, listed)).toEqual(listed);
  });
});
