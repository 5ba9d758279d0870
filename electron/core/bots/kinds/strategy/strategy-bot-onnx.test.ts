/**
 * A paper strategy bot whose graph runs an imported ONNX model (the committed logreg3.onnx): it
 * evaluates the model on every closed bar with the same values the backtest's prediction column
 * has, holds a session of its own only while it runs, and refuses to start on a changed file or a
 * block that does not fit the model's mapping.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput } from '../../../../../shared/ipc/schemas/bots';
import { columnsFromCandles } from '../../../strategy/candle-columns';
import { onnxPredictionColumns } from '../../../ml/onnx/onnx-feed';
import { ONNX_GRAPH_MAPPING, onnxGraph } from '../../../ml/test-support/onnx-graph';
import { realCandles } from '../../../strategy/test-support/real-candles';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';

const FIXTURE = path.join(__dirname, '../../../ml/onnx/fixtures/logreg3.onnx');
const SYMBOL = 'BTC/USDT';
const HISTORY = 120;
const LIVE = 40;

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Real BTC closes replayed as 1m bars; the bots' clock moves a minute per bar, as it would live.
let clock = 0;
const now = () => clock;
const real = realCandles('btc1h');
function recorded(): Candle[] {
  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - (HISTORY + 1) * 60_000;
  clock = t0 + (HISTORY + 1) * 60_000;
  return Array.from({ length: HISTORY + LIVE }, (_, i) => [t0 + i * 60_000, real.open[i]!, real.high[i]!, real.low[i]!, real.close[i]!, 1]);
}

const strategyBot = (strategyId: string): BotInput => ({
  name: 'ONNX bot',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config: { kind: 'strategy', strategyId, capital: 1_000 },
  risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
});

async function withImportedModel(bars: Candle[]) {
  h = await startBotHarness({
    prices: { [SYMBOL]: bars[HISTORY - 1]![4] },
    candles: (s) => s.setCandles(SYMBOL, '1m', bars.slice(0, HISTORY)),
    now,
    onnx: true,
  });
  const model = await h.onnx!.importModel({ name: 'logreg3', fileName: 'logreg3.onnx', bytes: readFileSync(FIXTURE) });
  await h.onnx!.mapInputs(model.id, ONNX_GRAPH_MAPPING);
  return model.id;
}

describe('strategy bot running an imported ONNX model', () => {
  it("predicts on each closed bar exactly what the backtest's prediction column holds for that bar, and trades on it", async () => {
    const bars = recorded();
    const modelId = await withImportedModel(bars);
    const harness = h!;
    const strategy = harness.strategies.create({ graph: onnxGraph(modelId), name: 'ONNX momentum' });
    const bot = await harness.bots.create(strategyBot(strategy.id));
    await harness.bots.start(bot.id);
    await harness.tick();
    expect(harness.onnx!.leasedSessions).toBe(1);

    // What a backtest over the same bars computes for the block (core running the model batched).
    const lease = await harness.onnx!.lease(modelId);
    const column = onnxPredictionColumns(onnxGraph(modelId), columnsFromCandles(bars), {
      predictors: new Map([[modelId, lease.predictor]]),
    }).model!;
    lease.close();

    expect(harness.bots.blockValue(bot.id, 'model', 'value')).toBe(column[HISTORY - 1]); // the last history bar (closed by the clock)
    const live: number[] = [];
    for (let i = HISTORY; i < HISTORY + LIVE; i++) {
      harness.source.appendCandle(SYMBOL, '1m', bars[i]!);
      harness.source.setPrice(SYMBOL, bars[i]![4]);
      clock += 60_000;
      await harness.tick();
      live.push(harness.bots.blockValue(bot.id, 'model', 'value')!);
    }
    // The clock runs a minute ahead of each appended bar's open, so every tick closes the bar just appended.
    const expected = Array.from(column.subarray(HISTORY, HISTORY + LIVE));
    expect(expected.every(Number.isFinite)).toBe(true);
    expect(live).toEqual(expected);
    const roles = harness.trading.orders.repo.byOrigin(bot.id).map((o) => o.originRole);
    expect(roles.length).toBeGreaterThan(0);

    await harness.bots.stop(bot.id);
    expect(harness.onnx!.leasedSessions).toBe(0); // its session closed with the stop
  });

  it('opens the model again after a restart of core and keeps running on it', async () => {
    const bars = recorded();
    const modelId = await withImportedModel(bars);
    const strategy = h!.strategies.create({ graph: onnxGraph(modelId), name: 'ONNX momentum' });
    const bot = await h!.bots.create(strategyBot(strategy.id));
    await h!.bots.start(bot.id);
    h = await h!.restart();
    await h.tick();
    expect((await h.bots.get(bot.id)).bot.state).toBe('running');
    expect(h.onnx!.leasedSessions).toBe(1);
    expect(Number.isFinite(h.bots.blockValue(bot.id, 'model', 'value'))).toBe(true);
  });

  it('refuses to start when the stored model file changed since it was imported, with the reason, and holds no session', async () => {
    const bars = recorded();
    const modelId = await withImportedModel(bars);
    const strategy = h!.strategies.create({ graph: onnxGraph(modelId), name: 'ONNX momentum' });
    const bot = await h!.bots.create(strategyBot(strategy.id));
    writeFileSync(h!.onnx!.fileOf(modelId), Buffer.from('not the imported model'));
    await expect(h!.bots.start(bot.id)).rejects.toThrow(
      /The strategy "ONNX momentum" cannot run: The stored copy of model "logreg3" .* has changed since it was imported \(its sha256 differs\); import the model again\./,
    );
    const detail = await h!.bots.get(bot.id);
    expect(detail.bot.state).toBe('stopped');
    expect(h!.onnx!.leasedSessions).toBe(0);
  });

  it('refuses a block whose connected features do not fit the mapping, and a model without a mapping, naming the block', async () => {
    const bars = recorded();
    const modelId = await withImportedModel(bars);
    const two = h!.strategies.create({ graph: onnxGraph(modelId, 2), name: 'Two features' });
    await expect(h!.bots.create(strategyBot(two.id))).rejects.toThrow(
      /The strategy "Two features" cannot run as a bot: Model block "Imported": the ONNX model "logreg3" is mapped to 3 features \(fast\.value, mid\.value, slow\.value\), and 2 are connected/,
    );
    const unmapped = await h!.onnx!.importModel({ name: 'fresh', fileName: 'logreg3.onnx', bytes: readFileSync(FIXTURE) });
    const fresh = h!.strategies.create({ graph: onnxGraph(unmapped.id), name: 'Unmapped' });
    await expect(h!.bots.create(strategyBot(fresh.id))).rejects.toThrow(
      /Model block "Imported": the ONNX model "fresh" has no input mapping yet/,
    );
  });
});
