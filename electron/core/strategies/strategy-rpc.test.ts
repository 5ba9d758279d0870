/**
 * The strategy workshop through a real core (createCore), as the renderer calls it: saved
 * strategies, bundled data sets, backtests and sweeps on the worker pool, CSV imports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestRunResult, Dataset, JobProgress, OptimiseRunResult, StrategyRecord } from '../../../shared/ipc/schemas/strategies';
import { buildFromTemplate } from '../../../shared/strategy/templates/index';
import { runBacktest } from '../backtest';
import { createCore, type Core } from '../index';
import { realCandles } from '../strategy/test-support/real-candles';
import { makeTempDir } from '../test-support/temp-dir';

const BTC_1H = 'bundled:history/BTC_USDT-1h';
let core: Core;
let temp: ReturnType<typeof makeTempDir>;
const events: JobProgress[] = [];

beforeAll(async () => {
  temp = makeTempDir();
  core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
  core.subscribe('jobs.progress', (p) => events.push(p));
});

afterAll(async () => {
  await core.close();
  temp.cleanup();
});

async function call<T>(method: string, input?: unknown, sessionId = 's1'): Promise<T> {
  const result = await core.invoke(method, input, { sessionId });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

async function callError(method: string, input?: unknown): Promise<{ code: string; message: string }> {
  const result = await core.invoke(method, input, { sessionId: 's1' });
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}

function endOf(jobId: string, timeoutMs = 20_000): Promise<JobProgress> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${jobId} did not end`)), timeoutMs);
    const check = () => {
      const end = events.find((e) => e.jobId === jobId && e.state !== 'running');
      if (end) {
        clearTimeout(timer);
        stop();
        resolve(end);
      }
    };
    const stop = core.subscribe('jobs.progress', check);
    check();
  });
}

function template(name: string) {
  const built = buildFromTemplate(name);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

describe('strategies over RPC', () => {
  it('create, rename, duplicate, save, validate, delete', async () => {
    const created = await call<StrategyRecord>('strategies.create', { template: 'sma-cross' });
    expect(created.name).toBe('SMA cross');
    const renamed = await call<{ name: string }>('strategies.rename', { id: created.id, name: 'My cross' });
    expect(renamed.name).toBe('My cross');
    const copy = await call<StrategyRecord>('strategies.duplicate', { id: created.id });
    expect(copy.name).toBe('My cross copy');
    expect(await callError('strategies.rename', { id: copy.id, name: 'MY CROSS' })).toMatchObject({ code: 'invalid_input' });
    const saved = await call<{ errors: number }>('strategies.save', {
      id: copy.id,
      graph: { ...copy.graph, edges: copy.graph.edges.slice(1) },
    });
    expect(saved.errors).toBe(1);
    const validation = await call<{ valid: boolean; issues: Array<{ nodeId?: string; port?: string }> }>('strategies.validate', {
      graph: { ...copy.graph, edges: copy.graph.edges.slice(1) },
    });
    expect(validation.valid).toBe(false);
    expect(validation.issues[0]).toMatchObject({ nodeId: 'fast', port: 'source' });
    expect((await call<StrategyRecord[]>('strategies.list')).map((s) => s.name)).toEqual(['My cross', 'My cross copy']);
    expect(await call('strategies.delete', { id: copy.id })).toEqual({ deleted: true });
    expect(await callError('strategies.get', { id: copy.id })).toMatchObject({ code: 'not_found' });
  });

  it('lists the bundled history as offline data sets', async () => {
    const sets = await call<Dataset[]>('datasets.list');
    const btc = sets.find((d) => d.id === BTC_1H)!;
    expect(btc).toMatchObject({ kind: 'bundled', exchangeId: 'binance', symbol: 'BTC/USDT', timeframe: '1h', bars: 5482 });
    expect(sets.filter((d) => d.kind === 'bundled').map((d) => d.id)).toEqual(
      expect.arrayContaining(['bundled:replay/BTC_USDT-5m', 'bundled:replay/ETH_USDT-5m', 'bundled:replay/ADA_BTC-5m']),
    );
    expect(sets.find((d) => d.id === 'bundled:replay/ADA_BTC-5m')!.exchangeId).toBeNull();
  });
});

describe('backtest.run', () => {
  it('runs in a worker and gives the same metrics as runBacktest in this thread', async () => {
    const graph = template('sma-cross');
    const settings = { startingCash: 5_000, feeRate: 0.001, slippageBps: 5 };
    const { jobId } = await call<{ jobId: string }>('backtest.run', { strategy: { graph }, dataset: BTC_1H, settings });
    const end = await endOf(jobId);
    expect(end).toMatchObject({ state: 'done', kind: 'backtest' });
    const result = await call<BacktestRunResult>('backtest.result', { jobId });
    const local = runBacktest({ strategy: graph, candles: realCandles('btc1h'), settings });
    expect(result.metrics).toEqual(local.metrics);
    expect(result.trades).toEqual(local.trades);
    expect(result.tradesTotal).toBe(local.trades.length);
    expect(result.curve.time.length).toBeGreaterThan(0);
    expect(result.curve.time.length).toBeLessThanOrEqual(2_000);
    expect(result.curve.equity.at(-1)).toBe(local.curves.equity.at(-1));
    // Buy and hold beside it, point for point: the cash bought at the first open (fee paid), held to each close.
    expect(result.buyAndHold).toHaveLength(result.curve.time.length);
    const btc = realCandles('btc1h');
    expect(result.buyAndHold[0]).toBeLessThanOrEqual(5_000);
    expect(result.buyAndHold.at(-1)).toBeCloseTo((5_000 * (1 - 0.001) * btc.close[btc.length - 1]!) / (btc.open[0]! * 1.0005), 6);
    expect(result.candles.bars.length).toBeGreaterThan(0);
    expect(result.candles.bars.length * result.candles.barsPerCandle).toBeGreaterThanOrEqual(5482);
    const running = events.filter((e) => e.jobId === jobId && e.state === 'running');
    expect(running.length).toBeGreaterThan(0);
  });

  it('runs a saved strategy by id, within a date range', async () => {
    const saved = await call<StrategyRecord>('strategies.create', { template: 'rsi-reversion' });
    const startTime = Date.UTC(2021, 2, 1);
    const endTime = Date.UTC(2021, 5, 1);
    const { jobId } = await call<{ jobId: string }>('backtest.run', {
      strategy: { id: saved.id },
      dataset: BTC_1H,
      settings: { startTime, endTime },
    });
    await endOf(jobId);
    const result = await call<BacktestRunResult>('backtest.result', { jobId });
    expect(result.metrics.firstBarTime).toBe(startTime);
    expect(result.metrics.lastBarTime).toBeLessThan(endTime);
    expect(result.candles.bars[0]![0]).toBe(startTime);
  });

  it('refuses a graph with errors, naming the node and port, and unknown data sets', async () => {
    const graph = template('sma-cross');
    const broken = { ...graph, edges: graph.edges.filter((e) => !(e.to.node === 'crossUp' && e.to.port === 'b')) };
    const error = await callError('backtest.run', { strategy: { graph: broken }, dataset: BTC_1H });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/Crosses above "crossUp": input "b" \(number\) is not connected/);
    expect(await callError('backtest.run', { strategy: { graph }, dataset: 'bundled:nope' })).toMatchObject({ code: 'not_found' });
  });

  it('feeds a higher-timeframe block from the data set’s own bars, and refuses one not above the data set’s timeframe', async () => {
    const graph = template('sma-cross');
    // The slow average reads the 4h close instead of the 1h close.
    graph.nodes.push({ id: 'fourHour', type: 'higherTimeframe', params: { timeframe: '4h' } });
    graph.edges = graph.edges.map((e) => (e.to.node === 'slow' ? { ...e, from: { node: 'fourHour', port: 'close' } } : e));
    const { jobId } = await call<{ jobId: string }>('backtest.run', { strategy: { graph }, dataset: BTC_1H });
    await endOf(jobId);
    const result = await call<BacktestRunResult>('backtest.result', { jobId });
    const local = runBacktest({ strategy: graph, candles: realCandles('btc1h'), settings: { timeframe: '1h' } });
    expect(result.trades).toEqual(local.trades);
    expect(local.trades.length).toBeGreaterThan(0);

    graph.nodes.find((n) => n.id === 'fourHour')!.params = { timeframe: '1h' };
    const error = await callError('backtest.run', { strategy: { graph }, dataset: BTC_1H });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(
      '(Candle (higher timeframe), node "fourHour") reads 1h candles, which is not a higher timeframe than the 1h bars',
    );
  });

  it('cancels a running sweep', async () => {
    const { jobId, points } = await call<{ jobId: string; points: number }>('optimise.run', {
      strategy: { graph: template('sma-cross') },
      dataset: BTC_1H,
      axes: [
        { nodeId: 'fast', param: 'period', from: 2, to: 60, step: 1 },
        { nodeId: 'slow', param: 'period', from: 61, to: 160, step: 1 },
      ],
    });
    expect(points).toBe(59 * 100);
    // The Jobs panel reads it (opened after the sweep started) before cancelling it there.
    expect((await call<{ jobs: Array<{ jobId: string }> }>('jobs.list', {})).jobs[0]).toMatchObject({
      jobId,
      kind: 'optimise',
      state: 'running',
    });
    expect(await call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await endOf(jobId)).toMatchObject({ state: 'cancelled' });
    expect(await callError('optimise.result', { jobId })).toMatchObject({ code: 'unavailable' });
    expect((await call<{ jobs: Array<{ jobId: string }> }>('jobs.list', {})).jobs).toContainEqual(
      expect.objectContaining({ jobId, state: 'cancelled' }),
    );
  });
});

describe('"Other market" blocks (issue #20)', () => {
  const ETH_5M = 'bundled:replay/ETH_USDT-5m';
  /** rsi-reversion on ETH/USDT whose RSI reads BTC/USDT's close instead of its own. */
  function btcLed(market = 'BTC/USDT') {
    const graph = template('rsi-reversion');
    graph.nodes.push({ id: 'btc', type: 'otherMarket', params: { market } });
    graph.edges = graph.edges.map((e) => (e.to.node === 'rsi' ? { ...e, from: { node: 'btc', port: 'close' } } : e));
    return graph;
  }
  const otherMarkets = () => ({ 'BTC/USDT': realCandles('btc5m') });

  it('backtests with the other market’s stored bars of the same venue and timeframe, in a worker, as in this thread', async () => {
    const graph = btcLed();
    const { jobId } = await call<{ jobId: string }>('backtest.run', { strategy: { graph }, dataset: ETH_5M });
    expect(await endOf(jobId)).toMatchObject({ state: 'done' });
    const result = await call<BacktestRunResult>('backtest.result', { jobId });
    const local = runBacktest({
      strategy: graph,
      candles: realCandles('eth5m'),
      settings: { timeframe: '5m' },
      otherMarkets: otherMarkets(),
    });
    expect(local.trades.length).toBeGreaterThan(3);
    expect(result.trades).toEqual(local.trades);
    expect(result.metrics).toEqual(local.metrics);
  });

  it('sweeps on the pool with the other market’s bars too', async () => {
    const graph = btcLed();
    const { jobId } = await call<{ jobId: string }>('optimise.run', {
      strategy: { graph },
      dataset: ETH_5M,
      axes: [{ nodeId: 'rsi', param: 'period', from: 7, to: 21, step: 7 }],
      objective: 'returnPct',
      inSamplePct: 70,
    });
    expect(await endOf(jobId)).toMatchObject({ state: 'done' });
    const result = await call<OptimiseRunResult>('optimise.result', { jobId });
    expect(result.rows).toHaveLength(3);
    for (const row of result.rows) {
      expect(row.error).toBeUndefined();
      const params = graph.nodes.map((n) => (n.id === 'rsi' ? { ...n, params: { ...n.params, period: row.values[0]! } } : n));
      const local = runBacktest({
        strategy: { ...graph, nodes: params },
        candles: realCandles('eth5m'),
        settings: { timeframe: '5m', startTime: result.inSample.startTime, endTime: result.inSample.endTime },
        otherMarkets: otherMarkets(),
      });
      expect(row.inSample!.trades).toBe(local.metrics.trades);
      expect(row.inSample!.returnPct).toBe(local.metrics.returnPct);
    }
  });

  it('refuses a market with no stored bars (naming market, timeframe, venue, range and the Data panel) and the data set’s own market', async () => {
    const missing = await callError('backtest.run', { strategy: { graph: btcLed('SOL/USDT') }, dataset: ETH_5M });
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toBe(
      'The "Other market" block (node "btc") reads SOL/USDT 5m candles of binance, and none are stored for 2021-07-03 21:15 UTC to 2021-07-17 21:10 UTC. Download SOL/USDT 5m from binance for that range in the Data panel, then run it again.',
    );
    const same = await callError('optimise.run', {
      strategy: { graph: btcLed('ETH/USDT') },
      dataset: ETH_5M,
      axes: [{ nodeId: 'rsi', param: 'period', from: 7, to: 21, step: 7 }],
    });
    expect(same.message).toContain('ETH/USDT is the market the strategy runs on; use the Candle block for it, or pick another market.');
  });
});

describe('optimise.run', () => {
  it('sweeps two parameters on the pool with a heatmap and the in/out-of-sample check', async () => {
    const { jobId, points } = await call<{ jobId: string; points: number }>('optimise.run', {
      strategy: { graph: template('sma-cross') },
      dataset: BTC_1H,
      axes: [
        { nodeId: 'fast', param: 'period', from: 5, to: 15, step: 5 },
        { nodeId: 'slow', param: 'period', from: 20, to: 40, step: 10 },
      ],
      objective: 'returnPct',
      inSamplePct: 70,
    });
    expect(points).toBe(9);
    expect(await endOf(jobId)).toMatchObject({ state: 'done', done: 9 + 5, total: 9 + 5 });
    const result = await call<OptimiseRunResult>('optimise.result', { jobId });
    expect(result.rows).toHaveLength(9);
    expect(result.heatmap).toMatchObject({ xValues: [5, 10, 15], yValues: [20, 30, 40] });
    expect(result.heatmap!.cells.flat().every((c) => c !== null)).toBe(true);
    expect(result.inSample.bars + result.outOfSample.bars).toBe(5482);
    expect(result.overfitting.metric).toBe('cagrPct');
    expect(result.rows.filter((r) => r.outOfSample !== null)).toHaveLength(5);
  });

  it('runs a seeded random walk-forward search on the pool and sends the folds and the stitched equity', async () => {
    const request = {
      strategy: { graph: template('sma-cross') },
      dataset: BTC_1H,
      axes: [
        { nodeId: 'fast', param: 'period', from: 5, to: 25, step: 5 },
        { nodeId: 'slow', param: 'period', from: 30, to: 120, step: 10 },
      ],
      method: 'random',
      budget: 6,
      seed: 9,
      walkForward: { folds: 3, anchored: true },
    };
    const { jobId, points } = await call<{ jobId: string; points: number }>('optimise.run', request);
    expect(points).toBe(6);
    expect(await endOf(jobId)).toMatchObject({ state: 'done', done: 3 * 7, total: 3 * 7 });
    const result = await call<OptimiseRunResult>('optimise.result', { jobId });
    expect(result.method).toBe('random');
    expect(result.rows).toHaveLength(6);
    expect(result.walkForward!.folds).toHaveLength(3);
    expect(result.walkForward!.anchored).toBe(true);
    expect(result.walkForward!.folds.every((f) => f.inSample.startTime === result.walkForward!.folds[0]!.inSample.startTime)).toBe(true);
    expect(result.walkForward!.equity.time[0]).toBe(result.outOfSample.startTime);
    // Same seed, same points.
    const again = await call<{ jobId: string }>('optimise.run', request);
    await endOf(again.jobId);
    expect((await call<OptimiseRunResult>('optimise.result', { jobId: again.jobId })).rows).toEqual(result.rows);
  });

  it('refuses parameters the strategy lacks and grids over the limit', async () => {
    const graph = template('sma-cross');
    expect(
      (
        await callError('optimise.run', {
          strategy: { graph },
          dataset: BTC_1H,
          axes: [{ nodeId: 'fast', param: 'length', from: 1, to: 2, step: 1 }],
        })
      ).message,
    ).toMatch(/no numeric parameter fast.length/);
    const huge = await callError('optimise.run', {
      strategy: { graph },
      dataset: BTC_1H,
      axes: [
        { nodeId: 'fast', param: 'period', from: 1, to: 500, step: 1 },
        { nodeId: 'slow', param: 'period', from: 1, to: 500, step: 1 },
      ],
    });
    expect(huge.message).toMatch(/250,000 points; the limit is 20,000/);
  });
});

async function importCsv(name: string, text: string, chunkSize = 1_000, sessionId = 's1') {
  const uploadId = `up-${Math.random().toString(36).slice(2, 12)}`;
  const chunks = Math.max(1, Math.ceil(text.length / chunkSize));
  for (let i = 0; i < chunks; i++) {
    await call('data.importCsvChunk', { uploadId, index: i, text: text.slice(i * chunkSize, (i + 1) * chunkSize) }, sessionId);
  }
  return call<
    | { ok: true; dataset: Dataset; warnings: Array<{ line: number; message: string }> }
    | { ok: false; errors: Array<{ line: number; message: string }> }
  >('data.importCsv', { uploadId, name, chunks }, sessionId);
}

describe('CSV import', () => {
  const header = 'timestamp_ms,open,high,low,close,volume';
  const hour = 3_600_000;
  const t0 = Date.UTC(2022, 0, 1);
  const row = (i: number, close = 100 + (i % 7)) => `${t0 + i * hour},${close},${close + 2},${close - 2},${close},10`;

  it('names the line and the problem of every bad row and imports nothing', async () => {
    const text = [header, row(0), `${t0 + hour},101,99,100,100,5`, `${t0 + 2 * hour},abc,1,1,1,1`, row(3)].join('\n');
    const result = await importCsv('Broken', text, 40);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { line: 3, message: 'high 99 is below low 100' },
      { line: 4, message: 'open is not a number: "abc"' },
    ]);
    expect((await call<Dataset[]>('datasets.list')).some((d) => d.label.startsWith('Broken'))).toBe(false);
  });

  it('imports into the cache with a warning per gap (left as a gap), and backtests on it', async () => {
    const rows = [header];
    for (let i = 0; i < 300; i++) if (i < 100 || i >= 103) rows.push(row(i));
    const result = await importCsv('My hourly', rows.join('\n'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.dataset).toMatchObject({ kind: 'import', timeframe: '1h', bars: 297, label: 'My hourly 1h (imported CSV)' });
    expect(result.warnings).toEqual([
      { line: 102, message: expect.stringMatching(/^gap: about 3 bars missing between 2022-01-05T03:00:00.000Z/) },
    ]);
    const { jobId } = await call<{ jobId: string }>('backtest.run', {
      strategy: { graph: template('sma-cross') },
      dataset: result.dataset.id,
    });
    expect(await endOf(jobId)).toMatchObject({ state: 'done' });
    expect((await call<BacktestRunResult>('backtest.result', { jobId })).metrics.bars).toBe(297);
    // Importing again under the same name replaces the bars.
    const again = await importCsv('My hourly', [header, row(0), row(1), row(2)].join('\n'));
    expect(again.ok && again.dataset).toMatchObject({ id: result.dataset.id, bars: 3 });
    expect(await call('datasets.delete', { datasetId: result.dataset.id })).toEqual({ deleted: true });
    expect(await callError('datasets.delete', { datasetId: BTC_1H })).toMatchObject({ code: 'invalid_input' });
  });

  it('refuses chunks out of order, and uploads of another session', async () => {
    expect(await callError('data.importCsvChunk', { uploadId: 'abcdefgh', index: 1, text: 'x' })).toMatchObject({
      message: /unknown or expired/,
    });
    await call('data.importCsvChunk', { uploadId: 'abcdefgh', index: 0, text: header }, 'other');
    expect(await callError('data.importCsv', { uploadId: 'abcdefgh', name: 'x', chunks: 1 })).toMatchObject({
      message: /unknown or expired/,
    });
  });
});
