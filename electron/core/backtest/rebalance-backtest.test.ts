import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../market-data/csv-import';
import { resolveAssetsDir } from '../paths';
import type { CandleColumns } from '../strategy/candle-columns';
import { BacktestCancelledError } from './errors';
import { runRebalanceBacktest, type RebalanceBacktestSpec } from './rebalance-backtest';

const HOUR = 3_600_000;

/** Bars with open = close unless given (o, c) pairs. */
function columns(bars: Array<[number, number]>): CandleColumns {
  const n = bars.length;
  const time = Float64Array.from(bars.map((_, i) => i * HOUR));
  const open = Float64Array.from(bars.map((b) => b[0]));
  const close = Float64Array.from(bars.map((b) => b[1]));
  const high = Float64Array.from(bars.map((b) => Math.max(...b)));
  const low = Float64Array.from(bars.map((b) => Math.min(...b)));
  return { length: n, time, open, close, high, low, volume: new Float64Array(n) };
}

const spec = (over: Partial<RebalanceBacktestSpec> = {}): RebalanceBacktestSpec => ({
  quote: 'USDT',
  basket: [
    { asset: 'A', weight: 50 },
    { asset: 'B', weight: 50 },
  ],
  series: new Map([
    // A doubles, then falls back; B stays at 100.
    [
      'A',
      columns([
        [100, 100],
        [100, 200],
        [200, 100],
        [100, 100],
      ]),
    ],
    [
      'B',
      columns([
        [100, 100],
        [100, 100],
        [100, 100],
        [100, 100],
      ]),
    ],
  ]),
  startingCash: 10_000,
  feeRate: 0,
  minTrade: 0,
  driftPct: 10,
  intervalHours: null,
  ...over,
});

describe('rebalance backtest', () => {
  it('rebalances by the bot rules at the next open and beats buy-and-hold on a round trip (hand-computed)', () => {
    const result = runRebalanceBacktest(spec());
    // Bar 0 close: 50 A + 50 B bought at bar 1's open (100). Bar 1 close: A at 200 → 66.7 % (drift 16.7 pp):
    // at bar 2's open (A 200) sell 12.5 A, buy 25 B → 37.5 A + 75 B. Bar 2 close: 3 750 + 7 500 = 11 250.
    expect(result.curve.map(([, r]) => r)).toEqual([10_000, 15_000, 11_250, 11_250]);
    // Buy-and-hold keeps 50 A + 50 B: back to 10 000.
    expect(result.curve.map(([, , h]) => h)).toEqual([10_000, 15_000, 10_000, 10_000]);
    expect(result.rebalance).toMatchObject({ finalEquity: 11_250, returnPct: 12.5, rounds: 3, feesPaid: 0 });
    expect(result.buyAndHold).toMatchObject({ finalEquity: 10_000, returnPct: 0, feesPaid: 0 });
    // Turnover: 10 000 first, 2 500 + 2 500 at bar 2, 1 875 + 1 875 at bar 3.
    expect(result.rebalance.turnover).toBe(18_750);
    expect(result.buyAndHold.maxDrawdownPct).toBeCloseTo(33.333, 2);
  });

  it('fires on the schedule instead of drift, and charges fees on every leg', () => {
    const scheduled = runRebalanceBacktest(spec({ driftPct: null, intervalHours: 2, feeRate: 0.001 }));
    // Rounds at bar 0 (start) and bar 2 (two hours later); bar 1's drift does not count.
    expect(scheduled.rebalance.rounds).toBe(2);
    // Buy-and-hold pays the fee of its first allocation only: 0.1 % of the ~10 000 it buys.
    expect(scheduled.buyAndHold.feesPaid).toBeCloseTo(9.99, 2);
    expect(scheduled.rebalance.feesPaid).toBeGreaterThan(scheduled.buyAndHold.feesPaid);
  });

  it('runs on real candles and reports buy-and-hold exactly as the first allocation held to the end', () => {
    const load = (file: string) => {
      const parsed = parseOhlcvCsv(fs.readFileSync(path.join(resolveAssetsDir(), 'data/replay', file), 'utf8'));
      if (!parsed.ok) throw new Error(file);
      return parsed.candles;
    };
    const btc = load('BTC_USDT-5m.csv');
    const eth = load('ETH_USDT-5m.csv');
    const f = 0.001;
    const result = runRebalanceBacktest(
      spec({
        basket: [
          { asset: 'BTC', weight: 60 },
          { asset: 'ETH', weight: 40 },
        ],
        series: new Map([
          ['BTC', btc],
          ['ETH', eth],
        ]),
        feeRate: f,
        driftPct: 2,
      }),
    );
    // Both files hold 4 032 bars, ETH's shifted one bar later: the replay runs on the 4 031 both have.
    expect(result.firstBarTime).toBe(eth.time[0]);
    expect(result.bars).toBe(btc.length - 1);
    const at = (c: CandleColumns, t: number) => c.time.indexOf(t);
    const t0 = result.firstBarTime;
    const t1 = t0 + result.barIntervalMs;
    // By hand: the value net of the fee, 10 000 / 1.001, split 60/40 at bar 0's close, bought at bar 1's open.
    const net = 10_000 / (1 + f);
    const amounts = [
      [btc, (0.6 * net) / btc.close[at(btc, t0)]!],
      [eth, (0.4 * net) / eth.close[at(eth, t0)]!],
    ] as const;
    const cost = amounts.reduce((s, [c, a]) => s + a * c.open[at(c, t1)]! * (1 + f), 0);
    const scale = Math.min(1, 10_000 / cost);
    const cashLeft = 10_000 - cost * scale;
    const last = result.lastBarTime;
    const final = amounts.reduce((s, [c, a]) => s + a * scale * c.close[at(c, last)]!, cashLeft);
    expect(result.buyAndHold.finalEquity).toBeCloseTo(final, 6);
    expect(result.rebalance.rounds).toBeGreaterThan(1);
    expect(result.rebalance.feesPaid).toBeGreaterThan(result.buyAndHold.feesPaid);
    expect(result.curve.length).toBeLessThanOrEqual(501);
    expect(result.rebalance.sharpe).not.toBeNull();
  });

  it('refuses missing candles and data sets that share too few bars, saying what to pick', () => {
    expect(() => runRebalanceBacktest(spec({ series: new Map([['A', columns([[1, 1]])]]) }))).toThrow(
      'No candles for B/USDT: pick a data set for it.',
    );
    expect(() =>
      runRebalanceBacktest(
        spec({
          series: new Map([
            ['A', columns([[1, 1]])],
            ['B', columns([[1, 1]])],
          ]),
        }),
      ),
    ).toThrow(/share 1 bar time; a backtest needs at least 3 bars/);
  });

  it('reports its progress as a rising fraction ending at 1, and stops when cancelled', () => {
    const long = (n: number) => columns(Array.from({ length: n }, (_, i): [number, number] => [100 + (i % 9), 100 + ((i + 3) % 9)]));
    const series = new Map([
      ['A', long(2_000)],
      ['B', long(2_000)],
    ]);
    const fractions: number[] = [];
    const result = runRebalanceBacktest(spec({ series }), { onProgress: (f) => fractions.push(f) });
    expect(result.bars).toBe(2_000);
    // Every 256 bars and once at the end: 0, 0.128, … 0.896, 1.
    expect(fractions).toEqual([...Array.from({ length: 8 }, (_, i) => (i * 256) / 2_000), 1]);

    // Cancelled once a quarter is done: it throws at the next check instead of finishing.
    let seen = 0;
    expect(() =>
      runRebalanceBacktest(spec({ series }), {
        onProgress: (f) => {
          seen = f;
        },
        isCancelled: () => seen >= 0.25,
      }),
    ).toThrow(BacktestCancelledError);
    expect(seen).toBe(512 / 2_000);
  });
});
