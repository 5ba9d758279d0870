/**
 * Cost of the contract boundary: serving candles through `core.invoke` (schema parse of the
 * input, handler, envelope) against calling the market-data source directly. And core's request
 * latency while index (rebalance) backtests run back to back on the worker pool, against idle:
 * the backtest must not take core's thread from a chart's candle request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../electron/core/index';
import { resolveAssetsDir } from '../electron/core/paths';
import { loadReplayData } from '../electron/core/market-data/replay/replay-data';
import { ReplaySource } from '../electron/core/market-data/replay/replay-source';
import { parseOhlcvCsv } from '../electron/core/market-data/csv-import';
import { runRebalanceBacktest } from '../electron/core/backtest/rebalance-backtest';
import { medianMs, versusBaseline, type BenchFigure } from './bench-kit';

export async function run(): Promise<BenchFigure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-'));
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
  const data = loadReplayData(path.join(resolveAssetsDir(), 'data', 'replay'));
  const direct = new ReplaySource(
    data.manifest,
    data.markets,
    { ticker: () => {}, candle: () => {} },
    {
      speed: 1,
      startFraction: 0.8,
      tickMs: 60_000,
      reason: 'bench',
    },
  );
  const input = { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '5m', limit: 3000 };
  const ctx = { sessionId: 'bench' };
  for (let i = 0; i < 20; i++) {
    await core.invoke('candles.get', input, ctx);
    await direct.fetchCandles('BTC/USDT', '5m', undefined, 3000);
  }
  const viaContract = await medianMs(60, () => core.invoke('candles.get', input, ctx));
  const baseline = await medianMs(60, () => direct.fetchCandles('BTC/USDT', '5m', undefined, 3000));
  await direct.close();
  const duringBacktest = await latencyDuringIndexBacktest(core);
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [versusBaseline('ipc.candles.get.3000', viaContract, baseline, '<5 ms, ratio<3'), ...duringBacktest];
}

/** Request latencies (ms), one request per turn of the event loop, until `done()` and at least `min` of them. */
async function sampleLatencies(min: number, done: () => boolean, request: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  while (times.length < min || !done()) {
    // The request arrives now and is served on the next turn of the event loop: whatever holds
    // the thread in between (a backtest run in core, the pool's messages) is waited for.
    const t0 = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    await request();
    times.push(performance.now() - t0);
  }
  return times;
}

const p99 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.99)]!;

/**
 * A 500-bar candle request's p99 latency while index backtests keep the pool busy (three whole runs,
 * one after another), against the same requests idle. The tail shows a blocked thread; the median would hide it. For
 * scale, the worst wait with the pool against the worst with the same runs on core's own thread (as before).
 */
async function latencyDuringIndexBacktest(core: Core): Promise<BenchFigure[]> {
  const ctx = { sessionId: 'bench' };
  const request = { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '5m', limit: 500 };
  const candles = () => core.invoke('candles.get', request, ctx);
  const backtest = {
    quote: 'USDT',
    basket: [
      { asset: 'BTC', weight: 50 },
      { asset: 'ETH', weight: 30 },
      { asset: 'USDT', weight: 20 },
    ],
    datasets: { BTC: 'bundled:replay/BTC_USDT-5m', ETH: 'bundled:replay/ETH_USDT-5m' },
    // A low threshold and a schedule: the planner runs on many closes (the costly case).
    driftPct: 0.5,
    intervalHours: 1,
    minTrade: 10,
    startingCash: 10_000,
    feeRate: 0.001,
  };
  for (let i = 0; i < 20; i++) await candles();
  const idle = await sampleLatencies(400, () => true, candles);

  // Index backtests one after another: each end starts the next while the requests are measured.
  const RUNS = 3;
  let current = '';
  let runs = 0;
  let failure: string | null = null;
  let allEnded!: () => void;
  const ended = new Promise<void>((resolve) => (allEnded = resolve));
  const start = async () => {
    const answer = await core.invoke('index.backtest', backtest, ctx);
    if (!answer.ok) throw new Error(`index.backtest refused: ${answer.error.message}`);
    current = (answer.value as { jobId: string }).jobId;
  };
  const unsubscribe = core.subscribe('jobs.progress', (p) => {
    if (p.kind !== 'indexBacktest' || p.jobId !== current || p.state === 'running') return;
    if (p.state !== 'done') failure = `index backtest ${p.state}: ${p.message}`;
    runs++;
    if (runs < RUNS && failure === null) void start();
    else allEnded();
  });
  await start();
  const busy = await sampleLatencies(400, () => runs >= RUNS || failure !== null, candles);
  await ended;
  unsubscribe();
  if (failure) throw new Error(failure);
  const figure = versusBaseline('ipc.candles.get.500.p99.during-index-backtest', p99(busy), p99(idle), 'ratio<2 (core not blocked)');

  // For scale, the way it ran before: the same backtests on core's own thread between the requests.
  const { datasets: _ids, ...spec } = backtest;
  const series = new Map(['BTC', 'ETH'].map((a) => [a, loadReplayCandles(`${a}_USDT-5m.csv`)]));
  let inThreadRuns = 0;
  const runInThread = () => {
    runRebalanceBacktest({ ...spec, series });
    if (++inThreadRuns < RUNS) setImmediate(runInThread);
  };
  setImmediate(runInThread);
  const blocked = await sampleLatencies(400, () => inThreadRuns >= RUNS, candles);
  return [
    { ...figure, target: `${figure.target}; ${busy.length} requests over ${RUNS} backtests` },
    versusBaseline(
      'ipc.candles.get.500.worst.index-backtest-pool-vs-in-thread',
      Math.max(...busy),
      Math.max(...blocked),
      "ratio<1 (baseline: the runs on core's thread)",
    ),
  ];
}

function loadReplayCandles(file: string) {
  const parsed = parseOhlcvCsv(fs.readFileSync(path.join(resolveAssetsDir(), 'data', 'replay', file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return parsed.candles;
}
