/**
 * The optimiser's worker fleet against a real redis-server (started here on a free loopback
 * port, password-protected, no persistence) and real `tradewind worker` processes: merged results
 * equal the local sweep exactly, a worker killed with SIGKILL mid-chunk has its chunk retried by
 * another (BullMQ's stalled-job check, its interval shortened through the worker's options) and
 * every run counted once, cancel withdraws the sweep, and connection problems name the URL
 * without its password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../shared/strategy/templates/index';
import type { StrategyGraph } from '../../shared/strategy/graph-schema';
import { BacktestCancelledError } from '../core/backtest/errors';
import { Queue, QueueEvents } from 'bullmq';
import { FleetSweeps } from '../core/backtest/fleet/fleet-sweeps';
import { CHUNK_JOB_NAME, FLEET_PREFIX, FLEET_QUEUE } from '../core/backtest/fleet/protocol';
import { FleetUnavailableError } from '../core/backtest/fleet/redis-url';
import { expandGrid } from '../core/backtest/optimiser/grid';
import { inProcessSweeps, optimise } from '../core/backtest/optimiser/optimise';
import { runSweep, type SweepTask } from '../core/backtest/optimiser/sweep';
import { allocateColumns, type CandleColumns } from '../core/strategy/candle-columns';
import { realCandles } from '../core/strategy/test-support/real-candles';
import { freeLoopbackPort, hasRedisServer, startRedis, type TestRedis } from '../core/backtest/fleet/test-support/redis-server';
import { startWorkerProcess, type WorkerProcess } from '../core/backtest/fleet/test-support/worker-process';
import { SweepPlacer } from '../core/strategies/sweep-placement';
import { TradewindError } from '../../shared/ipc/errors';

const PASSWORD = 'fleet-test-secret';
/** Short lock and stalled check, so a killed worker's chunk moves on within a few seconds. */
const FAST_STALL = ['--lock-duration', '1000', '--stalled-interval', '500'];

function smaCross(): StrategyGraph {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

/** ~100k bars: the bundled ETH 5m fortnight laid end to end, so a chunk takes long enough to be killed in. */
function longCandles(copies: number): CandleColumns {
  const source = realCandles('eth5m');
  const n = source.length;
  const out = allocateColumns(n * copies);
  const step = source.time[1]! - source.time[0]!;
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < n; i++) {
      const j = c * n + i;
      out.time[j] = source.time[0]! + j * step;
      out.open[j] = source.open[i]!;
      out.high[j] = source.high[i]!;
      out.low[j] = source.low[i]!;
      out.close[j] = source.close[i]!;
      out.volume[j] = source.volume[i]!;
    }
  }
  return out;
}

const noRedis = !hasRedisServer();
if (noRedis) console.warn('fleet.integration.test: skipped, redis-server is not installed (apt-get install redis-server)');

describe.skipIf(noRedis)('optimiser worker fleet (BullMQ + redis-server)', () => {
  let redis: TestRedis;
  let fleet: FleetSweeps;
  const workers: WorkerProcess[] = [];
  const graph = smaCross();

  beforeAll(async () => {
    redis = await startRedis({ password: PASSWORD });
    fleet = await FleetSweeps.connect({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await fleet?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  it('spreads a sweep over two worker processes; the merged result equals the local sweep exactly', async () => {
    workers.push(...(await Promise.all([startWorkerProcess(redis.url, FAST_STALL), startWorkerProcess(redis.url, FAST_STALL)])));
    expect(await fleet.workerCount()).toBe(2);
    const candles = realCandles('btc1h');
    const axes = [
      { nodeId: 'fast', param: 'period', values: [5, 8, 10, 12, 15, 20] },
      { nodeId: 'slow', param: 'period', values: [30, 50, 80, 120] },
    ];
    const task: SweepTask = { graph, axes, points: expandGrid(axes), settings: {} };
    const done: number[] = [];
    const outcomes = await fleet.runSweep(task, candles, { onPoint: (n) => done.push(n) });
    expect(outcomes).toEqual(runSweep(task, candles));
    expect(done.at(-1)).toBe(24);
    // The optimiser on the fleet ranks exactly as on this machine (its in- and out-of-sample
    // sweeps are more chunks over the same data set).
    const options = { axes, method: 'random' as const, budget: 12, seed: 7 };
    const remote = await optimise({ graph, candles, options }, fleet.sweepRunner);
    const local = await optimise({ graph, candles, options }, inProcessSweeps);
    expect(remote.rows).toEqual(local.rows);
    expect(remote.best).toEqual(local.best);
    // Both processes took chunks, and each fetched the data set once, not per chunk or run.
    for (const w of workers) {
      expect(w.output()).toMatch(/chunk \S+ done/);
      expect(w.output().match(/fetched data set/g)).toHaveLength(1);
    }
  });

  it('sends the bars of an "Other market" block by hash too: a sweep reading BTC/USDT beside ETH/USDT equals the local one', async () => {
    const rsi = buildFromTemplate('rsi-reversion');
    if (!rsi.ok) throw new Error(rsi.message);
    const led = rsi.graph;
    led.nodes.push({ id: 'btc', type: 'otherMarket', params: { market: 'BTC/USDT' } });
    led.edges = led.edges.map((e) => (e.to.node === 'rsi' ? { ...e, from: { node: 'btc', port: 'close' } } : e));
    const axes = [{ nodeId: 'rsi', param: 'period', values: [7, 14, 21] }];
    const task: SweepTask = {
      graph: led,
      axes,
      points: expandGrid(axes),
      settings: { timeframe: '5m' },
      otherMarkets: { 'BTC/USDT': realCandles('btc5m') },
    };
    const eth = realCandles('eth5m');
    const outcomes = await fleet.runSweep(task, eth);
    const local = runSweep(task, eth);
    expect(outcomes).toEqual(local);
    expect(local.every((o) => 'metrics' in o && o.metrics.trades > 0)).toBe(true);
  });

  it('runs only sweep chunks of the exact shape: other jobs written to the queue by whoever can reach Redis are refused', async () => {
    const connection = { url: redis.url, maxRetriesPerRequest: null };
    const queue = new Queue(FLEET_QUEUE, { connection, prefix: FLEET_PREFIX });
    const events = new QueueEvents(FLEET_QUEUE, { connection, prefix: FLEET_PREFIX });
    try {
      await events.waitUntilReady();
      const foreign = await queue.add('run-this', { command: 'anything' }, { attempts: 1 });
      const malformed = await queue.add(
        CHUNK_JOB_NAME,
        { sweepId: 'x', chunk: 0, datasetHash: 'not-a-hash', task: { graph: {}, axes: [], points: [[1]], settings: {} } },
        { attempts: 1 },
      );
      await expect(foreign.waitUntilFinished(events)).rejects.toThrow(/is not a sweep chunk; refused/);
      await expect(malformed.waitUntilFinished(events)).rejects.toThrow(/is malformed .*; refused/);
    } finally {
      await queue.close();
      await events.close();
    }
  });

  it('retries the chunk of a worker killed mid-chunk on another and counts every run once', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const victim = await startWorkerProcess(redis.url, FAST_STALL);
    const candles = longCandles(25);
    const axes = [
      { nodeId: 'fast', param: 'period', values: Array.from({ length: 20 }, (_, k) => 5 + k) },
      { nodeId: 'slow', param: 'period', values: [60, 120] },
    ];
    const task: SweepTask = { graph, axes, points: expandGrid(axes), settings: {} };
    const fleetWithBigChunks = await FleetSweeps.connect({ redisUrl: redis.url, pointsPerChunk: 20 });
    const done: number[] = [];
    let killed!: () => void;
    const killedOnce = new Promise<void>((resolve) => (killed = resolve));
    const sweep = fleetWithBigChunks.runSweep(task, candles, {
      onPoint: (n) => {
        done.push(n);
        // The only worker has reported part of its first chunk: kill it there.
        if (done.length === 1 && victim.child.exitCode === null) {
          victim.child.kill('SIGKILL');
          killed();
        }
      },
    });
    await killedOnce;
    const rescuer = await startWorkerProcess(redis.url, FAST_STALL);
    workers.push(rescuer);
    try {
      const outcomes = await sweep;
      expect(outcomes).toEqual(runSweep(task, candles));
      expect(outcomes).toHaveLength(40);
      // The killed chunk ran again on the rescuer (second attempt), and progress never passed the total.
      expect(rescuer.output()).toMatch(/chunk \S+-0 started \(20 points, attempt 2\)/);
      expect(Math.max(...done)).toBe(40);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    } finally {
      await fleetWithBigChunks.close();
    }
  });

  it('cancels: the sweep rejects at once, the worker drops the chunk in hand, the queue empties', async () => {
    const worker = workers[0]!;
    const candles = longCandles(10);
    const axes = [{ nodeId: 'fast', param: 'period', values: Array.from({ length: 40 }, (_, k) => 5 + k) }];
    const task: SweepTask = { graph, axes, points: expandGrid(axes), settings: {} };
    const controller = new AbortController();
    const sweep = fleet.runSweep(task, candles, { signal: controller.signal, onPoint: () => controller.abort() });
    await expect(sweep).rejects.toBeInstanceOf(BacktestCancelledError);
    await worker.waitFor(/failed: the sweep was cancelled/);
    await fleet.withdrawn();
    // Nothing of it is left queued; the fleet takes the next sweep as usual.
    expect(await fleet.pendingChunks()).toBe(0);
    const small: SweepTask = { graph, axes: axes.slice(0, 1), points: [[9], [21]], settings: {} };
    expect(await fleet.runSweep(small, realCandles('btc1h'))).toEqual(runSweep(small, realCandles('btc1h')));
  });

  it('names the server (never its password) and what to do when Redis refuses or is not there', async () => {
    const wrong = redis.url.replace(PASSWORD, 'not-the-password');
    const refused = await FleetSweeps.connect({ redisUrl: wrong }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FleetUnavailableError);
    expect((refused as Error).message).toMatch(
      new RegExp(`Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redis.port} refused the credentials`),
    );
    expect((refused as Error).message).not.toMatch(/not-the-password|fleet-test-secret/);

    const port = await freeLoopbackPort();
    const absent = await FleetSweeps.connect({ redisUrl: `redis://:${PASSWORD}@127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(absent).toBeInstanceOf(FleetUnavailableError);
    expect((absent as Error).message).toMatch(/refused the connection: nothing listens there\. Start redis-server/);
    expect((absent as Error).message).not.toContain(PASSWORD);
  });

  it('places sweeps: on this machine without a URL; a fleet with no worker fails clearly, or runs here when the fallback is chosen', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const local = { sweepRunner: inProcessSweeps };
    const lines: string[] = [];
    const placer = (redisUrl: string | null, fallbackLocal: boolean, envRedisUrl?: string) =>
      new SweepPlacer({ pool: () => local, settings: () => ({ redisUrl, fallbackLocal }), envRedisUrl, log: (l) => lines.push(l) });

    const none = await placer(null, false).place();
    expect(none).toEqual({ runner: inProcessSweeps, where: null, notice: null });

    // The settings never hold a password; TRADEWIND_REDIS_URL (which may) wins over them.
    const strict = placer('redis://127.0.0.1:1', false, redis.url);
    const refused = await strict.place().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TradewindError);
    expect((refused as TradewindError).code).toBe('unavailable');
    expect((refused as Error).message).toContain(`No Tradewind worker is connected to Redis at redis://:***@127.0.0.1:${redis.port}`);
    expect((refused as Error).message).toContain('tradewind worker --redis');
    expect((refused as Error).message).toContain('TRADEWIND_REDIS_URL');
    expect((refused as Error).message).not.toContain(PASSWORD);
    await strict.close();

    const lenient = placer(null, true, redis.url);
    const fallback = await lenient.place();
    expect(fallback.runner).toBe(inProcessSweeps);
    expect(fallback.notice).toMatch(/No Tradewind worker is connected/);
    expect(lines.join('\n')).toMatch(/Running on this machine/);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    await lenient.close();

    const worker = await startWorkerProcess(redis.url, FAST_STALL);
    workers.push(worker);
    const fleetPlacer = placer(null, false, redis.url);
    const placed = await fleetPlacer.place();
    expect(placed.where).toBe(`1 worker via redis://:***@127.0.0.1:${redis.port}`);
    await fleetPlacer.close();
  });
});
