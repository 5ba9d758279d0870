/**
 * A paper strategy bot with a walk-forward Model block, retraining every closed bar on the 1000x
 * offline replay, in a real host process killed with SIGKILL while a retrain is in flight (seen
 * as a running `retrain` job in `jobs.list`). A half-written next version is left behind as a
 * crash during the registry's write would leave it. After the restart the bot runs on its last
 * saved version, the half-written file is never loaded, and the retrain runs again at the next
 * bar that finds it due.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotDetail, BotView } from '../../../shared/ipc/schemas/bots';
import type { JobProgress, StrategyRecord } from '../../../shared/ipc/schemas/strategies';
import { modelGraph, modelSpec, trainedVersion } from '../../core/ml/test-support/model-graph';
import { ModelRegistry } from '../../core/ml/registry';
import { columnsFromCandles } from '../../core/strategy/candle-columns';
import { realCandles } from '../../core/strategy/test-support/real-candles';
import { makeTempDir } from '../../core/test-support/temp-dir';
import { spawnHost, type HostProcess } from './host-process';

const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeout = 90_000): Promise<T> =>
  vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout, interval: 100 },
  );

describe('a retraining bot survives kill -9 of the host', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let host: HostProcess | undefined;
  afterEach(async () => {
    await host?.stop();
    temp?.cleanup();
  }, 30_000);

  it('comes back on its last saved model, never loads a half-written one, and starts the retrain again at its next bar', async () => {
    temp = makeTempDir();
    const registry = new ModelRegistry(path.join(temp.dir, 'models'));
    // v1's fitted model is a small forest; its definition asks each retrain for a large one, so a
    // retrain takes long enough in the worker to be killed in the middle of it.
    const bars = realCandles('btc1h');
    const cheap = modelSpec({ windows: { trainBars: 600, testBars: 200, purgeBars: 3 } });
    const { id: _id, version: _v, createdAt: _c, ...draft } = trainedVersion(columnsFromCandles(sliceCandles(bars, 1_200)), cheap);
    const v1 = registry.save({ ...draft, spec: { ...cheap, forest: { ...cheap.forest!, trees: 400, maxDepth: 20 } } });
    const folder = path.join(temp.dir, 'models', v1.id);

    const env = {
      TRADEWIND_OFFLINE: '1',
      TRADEWIND_REPLAY_SPEED: '1000',
      TRADEWIND_TRADING_TICK_MS: '100',
      TRADEWIND_BOT_TICK_MS: '200',
      TRADEWIND_BALANCE_REFRESH_MS: '60000',
    };
    const spawn = () => spawnHost({ dataDir: temp!.dir, env });
    host = await spawn();
    const strategy = await host.rpc.call<StrategyRecord>('strategies.create', { graph: modelGraph(v1.id, 1), name: 'Model on replay' });
    const bot = await host.rpc.call<BotView>('bots.create', {
      name: 'Retraining bot',
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      mode: 'paper',
      config: { kind: 'strategy', strategyId: strategy.id, capital: 1_000, retrain: { every: 'bars', n: 1 } },
      risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
    });
    await host.rpc.call('bots.start', { id: bot.id });

    const retraining = (h: HostProcess) =>
      waitFor('a running retrain job', async () =>
        (await h.rpc.call<{ jobs: JobProgress[] }>('jobs.list', {})).jobs.find((j) => j.kind === 'retrain' && j.state === 'running'),
      );
    const job = await retraining(host);
    expect(job).toMatchObject({ botId: bot.id, title: `Retrain "Up next bars" — bot "Retraining bot"` });
    await host.kill9();

    // Killed mid-training: nothing was saved. A crash inside the registry's write leaves this.
    expect(fs.readdirSync(folder).sort()).toEqual(['v1.json']);
    fs.writeFileSync(path.join(folder, 'v2.json.partial'), fs.readFileSync(path.join(folder, 'v1.json'), 'utf8').slice(0, 500));

    host = await spawn();
    const detail = await waitFor('the bot running again', async () => {
      const d = await host!.rpc.call<BotDetail>('bots.get', { id: bot.id });
      return d.bot.state === 'running' && d.models?.length ? d : undefined;
    });
    expect(detail.models![0]).toMatchObject({ modelId: v1.id, version: 1 });
    expect(registry.list()).toMatchObject({ unreadable: [] });
    expect(registry.find(v1.id, 2)).toBeUndefined();

    // Still due: the next closed bar starts the retrain again, as a job of the restarted host.
    const again = await retraining(host);
    expect(again.botId).toBe(bot.id);
    expect((await host.rpc.call<BotDetail>('bots.get', { id: bot.id })).models![0]).toMatchObject({ version: 1, retraining: true });
  }, 180_000);
});

/** The first `n` bars of a column set, as the trainer reads them. */
function sliceCandles(columns: ReturnType<typeof realCandles>, n: number) {
  return Array.from({ length: n }, (_, i) => [
    columns.time[i]!,
    columns.open[i]!,
    columns.high[i]!,
    columns.low[i]!,
    columns.close[i]!,
    columns.volume[i]!,
  ]) as Array<[number, number, number, number, number, number]>;
}
