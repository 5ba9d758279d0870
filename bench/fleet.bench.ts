/**
 * The optimiser's worker fleet: the 1,000-run SMA-cross grid over 200k candles on 2 local
 * `tradewind worker` processes through a throwaway redis-server (BullMQ chunks, data set by
 * content hash), against the same sweep on the in-process worker pool with 2 threads. The
 * ratio is the fleet's overhead on one machine (1.0 = as efficient as the pool); the fleet
 * pays off when its workers are on other machines. Results are checked equal before timing.
 * Without redis-server the bench says so and gives no figure.
 */
import { expandGrid } from '../electron/core/backtest/optimiser/grid';
import { BacktestWorkerPool } from '../electron/core/backtest/pool/worker-pool';
import { FleetSweeps } from '../electron/core/backtest/fleet/fleet-sweeps';
import { hasRedisServer, startRedis } from '../electron/core/backtest/fleet/test-support/redis-server';
import { startWorkerProcess, type WorkerProcess } from '../electron/core/backtest/fleet/test-support/worker-process';
import { sliceColumns } from '../electron/core/strategy/candle-columns';
import { buildFromTemplate } from '../shared/strategy/templates/index';
import type { BenchFigure } from './bench-kit';
import { loadSourceCandles, tileCandles } from './strategy-bench-data';

const WORKERS = 2;
const BARS = 200_000;
const GRID_1000 = [
  { nodeId: 'fast', param: 'period', values: Array.from({ length: 25 }, (_, i) => 5 + i) },
  { nodeId: 'slow', param: 'period', values: Array.from({ length: 40 }, (_, i) => 30 + 5 * i) },
];
const SETTINGS = { startingCash: 10_000, feeRate: 0.001, slippageBps: 2, amountStep: 0.00001 };

export async function run(): Promise<BenchFigure[]> {
  if (!hasRedisServer()) {
    process.stderr.write('fleet bench: redis-server is not installed (apt-get install redis-server); no fleet figure.\n');
    return [];
  }
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  const bars = sliceColumns(tileCandles(loadSourceCandles().candles, BARS), 0, BARS);
  const points = expandGrid(GRID_1000);
  const task = { graph: built.graph, axes: GRID_1000, points, settings: SETTINGS };
  const warmUp = { ...task, points: points.slice(0, WORKERS * 4) };

  const pool = new BacktestWorkerPool({ size: WORKERS });
  let poolMs: number;
  let poolResult: string;
  try {
    await pool.runSweep(warmUp, bars); // start the threads
    const start = performance.now();
    poolResult = JSON.stringify(await pool.runSweep(task, bars));
    poolMs = performance.now() - start;
  } finally {
    await pool.close();
  }

  const redis = await startRedis();
  const workers: WorkerProcess[] = [];
  let fleet: FleetSweeps | null = null;
  let fleetMs: number;
  try {
    workers.push(...(await Promise.all(Array.from({ length: WORKERS }, () => startWorkerProcess(redis.url)))));
    fleet = await FleetSweeps.connect({ redisUrl: redis.url });
    await fleet.runSweep(warmUp, bars); // the data set goes to Redis and to both workers once
    const start = performance.now();
    const outcomes = await fleet.runSweep(task, bars);
    fleetMs = performance.now() - start;
    if (JSON.stringify(outcomes) !== poolResult) throw new Error('the fleet and the pool disagree on the sweep');
  } finally {
    await fleet?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await redis.stop();
  }
  const rate = (ms: number) => Number(((points.length * BARS) / (ms / 1000) / 1e6).toFixed(1));
  return [
    {
      name: 'optimise.fleet.grid-1000.200k.2-processes',
      value: Number(fleetMs.toFixed(1)),
      unit: 'ms',
      baseline: Number(poolMs.toFixed(1)),
      ratio: Number((fleetMs / poolMs).toFixed(2)),
      target: `efficiency of ${WORKERS} worker processes via Redis vs the ${WORKERS}-thread pool: ${((poolMs / fleetMs) * 100).toFixed(0)} % (${rate(fleetMs)}M vs ${rate(poolMs)}M candle-steps/s)`,
    },
  ];
}
