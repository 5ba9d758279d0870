import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { realCandles } from '../../strategy/test-support/real-candles';
import { BacktestCancelledError, BacktestInputError } from '../errors';
import { runBacktest } from '../run-backtest';
import { expandGrid, gridSize } from './grid';
import { buildHeatmap } from './heatmap';
import { graphAtPoint } from './sweep';
import { optimise, splitRange } from './optimise';

function template(name: string): StrategyGraph {
  const built = buildFromTemplate(name);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

const FAST = { nodeId: 'fast', param: 'period', values: [5, 10, 20] };
const SLOW = { nodeId: 'slow', param: 'period', values: [30, 50, 80, 120] };

describe('grid', () => {
  it('expands every combination, the first axis slowest', () => {
    expect(gridSize([FAST, SLOW])).toBe(12);
    const points = expandGrid([FAST, SLOW]);
    expect(points).toHaveLength(12);
    expect(points.slice(0, 5)).toEqual([
      [5, 30],
      [5, 50],
      [5, 80],
      [5, 120],
      [10, 30],
    ]);
  });
});

describe('optimise (in process)', () => {
  const candles = realCandles('btc1h');

  it('ranks every grid point in sample and re-runs the best ones out of sample', async () => {
    const progress: number[] = [];
    const result = await optimise(
      { graph: template('sma-cross'), candles, options: { axes: [FAST, SLOW], objective: 'sharpe', topN: 3 } },
      undefined,
      { onProgress: (f) => progress.push(f) },
    );
    expect(result.rows).toHaveLength(12);
    const scores = result.rows.map((r) => r.score).filter((s): s is number => s !== null);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.best).toBe(result.rows[0]);
    expect(result.rows.slice(0, 3).every((r) => r.outOfSample !== null)).toBe(true);
    expect(result.rows.slice(3).every((r) => r.outOfSample === null)).toBe(true);
    // The split: 70 % of the bars in sample, the rest after it.
    expect(result.inSample.bars).toBe(Math.floor(candles.length * 0.7));
    expect(result.inSample.bars + result.outOfSample.bars).toBe(candles.length);
    expect(result.inSample.endTime).toBe(result.outOfSample.startTime);
    // A row is exactly the backtest of its parameters on its range.
    const best = result.best!;
    const direct = runBacktest({
      strategy: graphAtPoint(template('sma-cross'), [FAST, SLOW], best.values),
      candles,
      settings: { startTime: result.outOfSample.startTime, endTime: result.outOfSample.endTime },
    });
    expect(best.outOfSample).toEqual(direct.metrics);
    expect(result.overfitting.metric).toBe('sharpe');
    expect(result.overfitting.inSample).toBe(best.score);
    expect(progress.at(-1)).toBe(1);
    expect(result.heatmap?.cells).toHaveLength(SLOW.values.length);
    expect(result.heatmap?.cells[0]).toHaveLength(FAST.values.length);
  });

  it('warns when the chosen parameters do much worse out of sample', async () => {
    const result = await optimise({
      graph: template('sma-cross'),
      candles,
      options: { axes: [FAST, SLOW], objective: 'returnPct', warnBelowRatio: 1 },
    });
    // Total return is not comparable across ranges of different length: the check uses CAGR.
    expect(result.overfitting.metric).toBe('cagrPct');
    const { inSample, outOfSample, ratio } = result.overfitting;
    if (inSample !== null && inSample > 0 && outOfSample !== null && outOfSample < inSample) {
      expect(ratio).toBeCloseTo(outOfSample / inSample, 12);
      expect(result.overfitting.warning).toMatch(/overfitting/);
    } else {
      expect(result.overfitting.warning === null || /in sample/.test(result.overfitting.warning)).toBe(true);
    }
  });

  it('turns parameters the strategy rejects into error rows, ranked last', async () => {
    const result = await optimise({
      graph: template('macd-trend'),
      candles,
      options: {
        axes: [
          { nodeId: 'macd', param: 'fast', values: [8, 30] },
          { nodeId: 'macd', param: 'slow', values: [26] },
        ],
      },
    });
    expect(result.rows[1]).toMatchObject({ values: [30, 26], score: null, inSample: null });
    expect(result.rows[1]!.error).toMatch(/fast period \(30\) must be shorter than slow period \(26\)/);
    expect(result.rows[0]!.inSample).not.toBeNull();
  });

  it('rejects axes that name no numeric parameter, and grids that are too large', async () => {
    const graph = template('sma-cross');
    await expect(optimise({ graph, candles, options: { axes: [{ nodeId: 'nope', param: 'period', values: [1] }] } })).rejects.toThrow(
      /no node "nope"/,
    );
    await expect(optimise({ graph, candles, options: { axes: [{ nodeId: 'enter', param: 'sizing', values: [1] }] } })).rejects.toThrow(
      /no numeric parameter "sizing"/,
    );
    const big = Array.from({ length: 200 }, (_, i) => i + 1);
    await expect(
      optimise({
        graph,
        candles,
        options: {
          axes: [
            { ...FAST, values: big },
            { ...SLOW, values: big },
          ],
        },
      }),
    ).rejects.toThrow(BacktestInputError);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      optimise({ graph: template('sma-cross'), candles, options: { axes: [FAST, SLOW] } }, undefined, { signal: controller.signal }),
    ).rejects.toThrow(BacktestCancelledError);
  });
});

describe('ranking', () => {
  const candles = realCandles('btc1h');
  const RSI_AXES = [
    { nodeId: 'lower', param: 'value', values: [10, 20, 30] },
    { nodeId: 'upper', param: 'value', values: [70, 80, 90, 95] },
  ];

  it('does not rank first a run that entered once and never exited', async () => {
    const result = await optimise({ graph: template('rsi-reversion'), candles, options: { axes: RSI_AXES, objective: 'returnPct' } });
    // RSI < 30 then > 90 never happens after the entry: 0 closed trades and a large open gain.
    const open = result.rows.find((r) => r.values[0] === 30 && r.values[1] === 90)!;
    expect(open.inSample!.trades).toBe(0);
    expect(open.inSample!.returnPct).toBeGreaterThan(100);
    expect(open.score).toBeNull();
    expect(open.unranked).toMatch(/0 closed trades, fewer than the minimum of 1/);
    expect(result.best!.inSample!.trades).toBeGreaterThanOrEqual(1);
    const firstUnscored = result.rows.findIndex((r) => r.score === null);
    expect(result.rows.slice(firstUnscored).every((r) => r.score === null)).toBe(true);
    expect(result.rows.indexOf(open)).toBeGreaterThanOrEqual(firstUnscored);
  });

  it('ranks by the objective alone when the minimum is 0', async () => {
    const result = await optimise({
      graph: template('rsi-reversion'),
      candles,
      options: { axes: RSI_AXES, objective: 'returnPct', minTrades: 0 },
    });
    expect(result.best!.inSample!.trades).toBe(0);
  });
});

describe('random, TPE and walk-forward through optimise', () => {
  const candles = realCandles('btc1h');
  const WIDE = [
    { nodeId: 'fast', param: 'period', values: [3, 5, 8, 10, 13, 15, 20, 25] },
    { nodeId: 'slow', param: 'period', values: [30, 40, 50, 60, 80, 100, 120, 150] },
  ];

  for (const method of ['random', 'tpe'] as const) {
    it(`${method}: runs the budget of distinct points, the same for the same seed`, async () => {
      const run = (seed: number) =>
        optimise({ graph: template('sma-cross'), candles, options: { axes: WIDE, method, budget: 20, seed, topN: 2 } });
      const [a, b] = [await run(5), await run(5)];
      expect(a.rows).toHaveLength(20);
      expect(new Set(a.rows.map((r) => r.values.join())).size).toBe(20);
      expect(b.rows).toEqual(a.rows);
      expect(a.method).toBe(method);
      // Each row is the backtest of its point on the in-sample range.
      const row = a.rows[3]!;
      const direct = runBacktest({
        strategy: graphAtPoint(template('sma-cross'), WIDE, row.values),
        candles,
        settings: { startTime: a.inSample.startTime, endTime: a.inSample.endTime },
      });
      expect(row.inSample).toEqual(direct.metrics);
    });
  }

  it('walk-forward: optimises each in-sample window, tests its best on the next window and stitches the equity', async () => {
    const result = await optimise({
      graph: template('sma-cross'),
      candles,
      options: { axes: [FAST, SLOW], objective: 'sharpe', inSampleFraction: 0.6, walkForward: { folds: 3, anchored: false } },
    });
    const wf = result.walkForward!;
    expect(wf.folds).toHaveLength(3);
    for (const [i, fold] of wf.folds.entries()) {
      expect(fold.inSample.endTime).toBe(fold.outOfSample.startTime);
      if (i > 0) expect(fold.outOfSample.startTime).toBe(wf.folds[i - 1]!.outOfSample.endTime);
      if (fold.values === null) continue;
      // The chosen point is the in-sample grid's best, and its OOS metrics are a plain backtest of that window.
      const direct = runBacktest({
        strategy: graphAtPoint(template('sma-cross'), [FAST, SLOW], fold.values),
        candles,
        settings: { startTime: fold.outOfSample.startTime, endTime: fold.outOfSample.endTime },
      });
      expect(fold.outOfSampleMetrics).toEqual(direct.metrics);
    }
    expect(wf.equity.time).toHaveLength(result.outOfSample.bars);
    expect(wf.equity.time[0]).toBe(wf.folds[0]!.outOfSample.startTime);
    const growth = wf.folds.reduce(
      (g, f) => g * (f.outOfSampleMetrics ? f.outOfSampleMetrics.finalEquity / f.outOfSampleMetrics.startingCash : 1),
      1,
    );
    expect(wf.stitchedReturnPct).toBeCloseTo((growth - 1) * 100, 8);
    expect(result.overfitting.metric).toBe('sharpe');
  });
});

describe('heatmap and split', () => {
  it('keeps the best score of each cell over the other axes', () => {
    const axes = [
      { nodeId: 'a', param: 'p', values: [1, 2] },
      { nodeId: 'b', param: 'p', values: [10, 20] },
      { nodeId: 'c', param: 'p', values: [0, 1] },
    ];
    const rows: { values: number[]; score: number | null }[] = expandGrid(axes).map((values) => ({
      values,
      score: values[0]! * 100 + values[1]! + values[2]!,
    }));
    rows.push({ values: [9, 9, 9], score: null });
    const map = buildHeatmap(axes, rows, 0, 1);
    expect(map.cells).toEqual([
      [111, 211],
      [121, 221],
    ]);
    expect(() => buildHeatmap(axes, rows, 0, 0)).toThrow(RangeError);
  });

  it('refuses a range too short to split', () => {
    const candles = realCandles('btc1h');
    expect(() => splitRange(candles, candles.time[10], candles.time[12], 0.7)).toThrow(/Too few bars/);
  });
});
