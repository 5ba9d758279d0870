/** The index backtest on a real worker thread (the backtest pool, started from source through tsx). */
import { afterAll, describe, expect, it } from 'vitest';
import { BacktestCancelledError, BacktestInputError } from './errors';
import { BacktestWorkerPool } from './pool/worker-pool';
import { realCandles } from '../strategy/test-support/real-candles';
import { runRebalanceBacktest, type RebalanceBacktestSpec } from './rebalance-backtest';

/** The bundled real BTC/USDT and ETH/USDT 5-minute history (two weeks of July 2021). */
const spec = (over: Partial<RebalanceBacktestSpec> = {}): RebalanceBacktestSpec => ({
  quote: 'USDT',
  basket: [
    { asset: 'BTC', weight: 50 },
    { asset: 'ETH', weight: 30 },
    { asset: 'USDT', weight: 20 },
  ],
  series: new Map([
    ['BTC', realCandles('btc5m')],
    ['ETH', realCandles('eth5m')],
  ]),
  startingCash: 10_000,
  feeRate: 0.001,
  minTrade: 10,
  driftPct: 1,
  intervalHours: 24,
  amountSteps: new Map([
    ['BTC', 0.00001],
    ['ETH', 0.0001],
  ]),
  ...over,
});

describe('index backtest on the worker pool', () => {
  const pool = new BacktestWorkerPool({ size: 1 });
  afterAll(() => pool.close());

  it('gives exactly the in-thread planner result on the bundled real history, with progress to the end', async () => {
    const fractions: number[] = [];
    const pooled = await pool.runRebalance(spec(), { onProgress: (f) => fractions.push(f) });
    const inThread = runRebalanceBacktest(spec());
    expect(pooled).toEqual(inThread);
    expect(pooled.bars).toBe(4_031);
    expect(pooled.rebalance.rounds).toBeGreaterThan(1);
    // Progress rises to 1 (posted by the worker at most once per 1 % step).
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('is cancelled through its signal once it has started, and says what to pick when the data sets share too few bars', async () => {
    const controller = new AbortController();
    const run = pool.runRebalance(spec(), {
      signal: controller.signal,
      // Cancelled at its first progress report: the worker is running it.
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(BacktestCancelledError);

    const btc = realCandles('btc5m');
    const first2 = (a: Float64Array) => a.slice(0, 2);
    const short = {
      length: 2,
      time: first2(btc.time),
      open: first2(btc.open),
      high: first2(btc.high),
      low: first2(btc.low),
      close: first2(btc.close),
      volume: first2(btc.volume),
    };
    const refused = pool.runRebalance(
      spec({
        series: new Map([
          ['BTC', short],
          ['ETH', realCandles('eth5m')],
        ]),
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(BacktestInputError);
    await expect(refused).rejects.toThrow(/share 1 bar time; a backtest needs at least 3 bars every market has/);
    // The pool goes on after both.
    expect((await pool.runRebalance(spec())).bars).toBe(4_031);
  });
});
