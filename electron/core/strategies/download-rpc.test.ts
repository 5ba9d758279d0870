/**
 * `data.download` through a real core whose reference exchange is the fake Binance on
 * 127.0.0.1, reached by the real ccxt client (the paper account's market data; no key).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { Dataset, JobProgress } from '../../../shared/ipc/schemas/strategies';
import { createCore, type Core } from '../index';
import { makeTempDir } from '../test-support/temp-dir';

let fake: FakeBinance;
let core: Core;
let temp: ReturnType<typeof makeTempDir>;
const events: JobProgress[] = [];
/** The day the fake's BTC/USDT 5m history (the bundled replay file) starts, 21:10 UTC. */
const SINCE = Date.UTC(2021, 6, 3);
const FIRST_BAR = Date.UTC(2021, 6, 3, 21, 10);

beforeAll(async () => {
  fake = await startFakeBinance();
  temp = makeTempDir();
  core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: false,
    referenceApiUrl: fake.url,
    probeTimeoutMs: 5_000,
    log: () => {},
  });
  core.subscribe('jobs.progress', (p) => events.push(p));
});

afterAll(async () => {
  await core.close();
  await fake.close();
  temp.cleanup();
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 's1' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

function endOf(jobId: string): Promise<JobProgress> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${jobId} did not end`)), 20_000);
    const check = () => {
      const end = events.find((e) => e.jobId === jobId && e.state !== 'running');
      if (!end) return;
      clearTimeout(timer);
      stop();
      resolve(end);
    };
    const stop = core.subscribe('jobs.progress', check);
    check();
  });
}

describe('data.download', () => {
  it('downloads through ccxt into the cache, with progress, and resumes after a cancel', async () => {
    await call('markets.list', { accountId: 'paper' }); // waits for the reference source to settle
    const info = await call<{ marketData: { mode: string } }>('app.info');
    expect(info.marketData.mode).toBe('live');

    // A request that hangs: the cancel still ends the job at once.
    const hang = fake.injectFault({ kind: 'timeout', match: { path: '/api/v3/klines' }, ms: 5_000 });
    const first = await call<{ jobId: string; datasetId: string }>('data.download', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      since: SINCE,
    });
    await expect(call('data.download', { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '5m', since: SINCE })).rejects.toThrow(
      /already downloading/,
    );
    expect(await call('jobs.cancel', { jobId: first.jobId })).toEqual({ cancelled: true });
    expect(await endOf(first.jobId)).toMatchObject({ state: 'cancelled', datasetId: first.datasetId });
    hang.remove();

    const second = await call<{ jobId: string; datasetId: string }>('data.download', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      since: SINCE,
    });
    expect(second.datasetId).toBe(first.datasetId);
    const end = await endOf(second.jobId);
    expect(end).toMatchObject({ state: 'done', kind: 'download', message: 'Done: 4,032 bars stored.' });
    expect(end.done).toBe(end.total);
    // Progress is conflated: never more than one running event per job per flush.
    const running = events.filter((e) => e.jobId === second.jobId && e.state === 'running');
    expect(running.length).toBeLessThanOrEqual(6);

    const dataset = (await call<Dataset[]>('datasets.list')).find((d) => d.id === second.datasetId)!;
    expect(dataset).toMatchObject({
      kind: 'download',
      exchangeId: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      bars: 4032,
      firstTime: FIRST_BAR,
    });

    // Again: only the last bar is fetched again, nothing is duplicated.
    const third = await call<{ jobId: string }>('data.download', { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '5m', since: SINCE });
    await endOf(third.jobId);
    expect((await call<Dataset[]>('datasets.list')).find((d) => d.id === second.datasetId)!.bars).toBe(4032);
  });

  it('refuses markets and timeframes the source does not have', async () => {
    await expect(call('data.download', { accountId: 'paper', symbol: 'DOGE/USDT', timeframe: '1h', since: SINCE })).rejects.toThrow(
      /not a market/,
    );
    await expect(call('data.download', { accountId: 'nope', symbol: 'BTC/USDT', timeframe: '1h', since: SINCE })).rejects.toThrow(
      /No account/,
    );
  });
});
