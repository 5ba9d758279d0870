/** The index backtest through a real core (createCore, offline) and its worker pool, as the Index view calls it. */
import { describe, expect, it } from 'vitest';
import type { RebalanceBacktestInput, RebalanceBacktestResult } from '../../../../../shared/ipc/schemas/rebalance';
import { runRebalanceBacktest } from '../../../backtest/rebalance-backtest';
import { realCandles } from '../../../strategy/test-support/real-candles';
import { useOfflineCore } from '../../../test-support/offline-core';

const harness = useOfflineCore({ scope: 'all', sessionId: 's1' });
const { call, refusal, jobEnd } = harness;

const BTC_5M = 'bundled:replay/BTC_USDT-5m';
const ETH_5M = 'bundled:replay/ETH_USDT-5m';

const input = (over: Partial<RebalanceBacktestInput> = {}): RebalanceBacktestInput => ({
  quote: 'USDT',
  basket: [
    { asset: 'BTC', weight: 60 },
    { asset: 'ETH', weight: 40 },
  ],
  datasets: { BTC: BTC_5M, ETH: ETH_5M },
  driftPct: 2,
  intervalHours: null,
  minTrade: 10,
  startingCash: 10_000,
  feeRate: 0.001,
  ...over,
});

describe('index.backtest over the contract', () => {
  it('runs as an indexBacktest job on the pool and answers what the in-thread planner gives on the same history', async () => {
    const { jobId } = await call<{ jobId: string }>('index.backtest', input());
    const end = await jobEnd(jobId);
    expect(end).toMatchObject({ kind: 'indexBacktest', state: 'done', done: 100, total: 100 });
    expect(end.message).toMatch(/^Done: \d+ rounds over 4,031 bars\.$/);
    // Its start is announced on jobs.progress, as every job's (the Jobs list and the Index view follow it).
    expect(harness.jobEvents.find((e) => e.jobId === jobId && e.state === 'running')).toMatchObject({
      kind: 'indexBacktest',
      title: 'Index backtest: BTC, ETH in USDT',
    });
    expect((await call<{ jobs: Array<{ jobId: string }> }>('jobs.list', {})).jobs.map((j) => j.jobId)).toContain(jobId);
    const result = await call<RebalanceBacktestResult>('index.backtestResult', { jobId });
    const { datasets: _ids, ...rest } = input();
    const inThread = runRebalanceBacktest({
      ...rest,
      series: new Map([
        ['BTC', realCandles('btc5m')],
        ['ETH', realCandles('eth5m')],
      ]),
    });
    expect(result).toEqual(inThread);
    expect(result.rebalance.rounds).toBeGreaterThan(1);
  }, 60_000);

  it('runs one at a time: a second run is refused while the first runs, and jobs.cancel stops the first', async () => {
    const { jobId } = await call<{ jobId: string }>('index.backtest', input());
    expect(await refusal('index.backtest', input())).toEqual({
      code: 'unavailable',
      message: 'An index backtest is already running: wait for it to finish or cancel it (Cancel beside its progress bar), then run again.',
    });
    expect(await call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await jobEnd(jobId)).toMatchObject({ kind: 'indexBacktest', state: 'cancelled' });
    expect(await refusal('index.backtestResult', { jobId })).toMatchObject({ code: 'unavailable' });
    // Once it has ended, the next run is accepted.
    const next = await call<{ jobId: string }>('index.backtest', input());
    expect(await jobEnd(next.jobId)).toMatchObject({ state: 'done' });
  }, 60_000);

  it('refuses before starting, saying what to do: a coin without history, a data set of another market, an unknown one', async () => {
    expect(await refusal('index.backtest', input({ datasets: { BTC: BTC_5M } }))).toEqual({
      code: 'invalid_input',
      message:
        'No history picked for ETH/USDT: download it (Strategy lab → Download history…) or import a CSV there, then pick it for ETH.',
    });
    expect(await refusal('index.backtest', input({ datasets: { BTC: ETH_5M, ETH: ETH_5M } }))).toEqual({
      code: 'invalid_input',
      message: 'The data set picked for BTC holds ETH/USDT, not BTC/USDT: pick a BTC/USDT data set.',
    });
    expect(await refusal('index.backtest', input({ datasets: { BTC: BTC_5M, ETH: 'bundled:replay/none' } }))).toMatchObject({
      code: 'not_found',
    });
    expect(await refusal('index.backtest', input({ basket: [{ asset: 'USDT', weight: 100 }] }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('The basket holds only USDT: add a coin'),
    });
    expect(harness.jobEvents.filter((e) => e.kind === 'indexBacktest' && e.state === 'failed')).toEqual([]);
  });
});
