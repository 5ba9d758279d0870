/**
 * A paper strategy bot whose graph runs a walk-forward model trained here. It predicts from its
 * pinned version's fitted model from the first live bar (equal to the backtest's column for the
 * same bars and version), retrains on its schedule off the bar handling — bars keep being
 * evaluated on the old model while the retrain runs, the new version takes over at a bar boundary —
 * logs a failed retrain and trades on, and keeps the pin across a restart.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput, RetrainSchedule } from '../../../../../shared/ipc/schemas/bots';
import type { ModelVersion } from '../../../../../shared/ml/model-record';
import type { ModelSpec } from '../../../../../shared/ml/model-spec';
import { loadXGBoost } from '../../../ml/models/xgboost-wasm';
import { liveModelFeed, LiveModelSlot } from '../../../ml/live-model';
import { modelFeedFromData } from '../../../ml/model-feed';
import { ModelRegistry } from '../../../ml/registry';
import { runTraining, type TrainOutcome, type TrainRequest } from '../../../ml/train-task';
import { modelGraph, modelSpec, trainedVersion } from '../../../ml/test-support/model-graph';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { columnsFromCandles } from '../../../strategy/candle-columns';
import { evaluateBatch } from '../../../strategy/compiler/batch-evaluator';
import { compileStrategy } from '../../../strategy/compiler/compile';
import { realCandles } from '../../../strategy/test-support/real-candles';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';

const SYMBOL = 'BTC/USDT';
const SPEC = modelSpec({ windows: { trainBars: 120, testBars: 40, purgeBars: 3 } });
/** Training bars of v1: the first window start plus two test windows, so the bars after it are window 2's. */
const TRAINED = 120 + 3 + 2 * 40;

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Real BTC bars replayed as 1m bars; the bots' clock runs a minute ahead of the newest bar's open.
let clock = 0;
const now = () => clock;
/** The bars the exchange has shown so far (a restarted harness's source starts from them). */
let shown: Candle[] = [];
const real = realCandles('btc1h');
function recorded(total: number, history: number): Candle[] {
  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - (history + 1) * 60_000;
  clock = t0 + (history + 1) * 60_000;
  return Array.from({ length: total }, (_, i) => [t0 + i * 60_000, real.open[i]!, real.high[i]!, real.low[i]!, real.close[i]!, 1]);
}

/** A trainer that runs the real walk-forward training once the test lets it finish. */
class GatedTrainer {
  calls: TrainRequest[] = [];
  private release!: () => void;
  private gate = new Promise<void>((resolve) => (this.release = resolve));
  private announce!: () => void;
  /** Resolves when a retrain has been asked for (and is waiting at the gate). */
  readonly started = new Promise<void>((resolve) => (this.announce = resolve));

  train = async (
    request: TrainRequest,
    { signal, onProgress }: { signal: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<TrainOutcome> => {
    this.calls.push(request);
    // As the worker reports its windows: half way when held at the gate.
    onProgress?.(0.5);
    this.announce();
    // As the worker pool does, a cancelled training ends at once.
    await Promise.race([this.gate, new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('cancelled'))))]);
    return runTraining(request);
  };

  finish(): void {
    this.release();
  }
}

interface Setup {
  bars: Candle[];
  history: number;
  spec?: ModelSpec;
  retrain?: RetrainSchedule;
  trainer?: GatedTrainer;
}

async function startModelBot({ bars, history, retrain, trainer = new GatedTrainer(), spec = SPEC }: Setup) {
  shown = bars.slice(0, history);
  h = await startBotHarness({
    prices: { [SYMBOL]: bars[history - 1]![4] },
    candles: (s) => s.setCandles(SYMBOL, '1m', shown),
    now,
    models: (dataDir) => ({
      registry: new ModelRegistry(path.join(dataDir, 'models')),
      train: (request, control) => trainer.train(request, control),
    }),
  });
  const registry = new ModelRegistry(path.join(h.dataDir, 'models'));
  // v1 is trained on the first TRAINED real bars (the bot's bars start with the same prices).
  const first = Array.from({ length: TRAINED }, (_, i): Candle => [
    i * 60_000,
    real.open[i]!,
    real.high[i]!,
    real.low[i]!,
    real.close[i]!,
    1,
  ]);
  const { id: _id, version: _v, createdAt: _c, ...draft } = trainedVersion(columnsFromCandles(first), spec);
  const v1 = registry.save(draft);
  const strategy = h.strategies.create({ graph: modelGraph(v1.id, 1), name: 'RSI + ROC model' });
  const input: BotInput = {
    name: 'Model bot',
    accountId: PAPER_ACCOUNT_ID,
    symbol: SYMBOL,
    timeframe: '1m',
    mode: 'paper',
    config: { kind: 'strategy', strategyId: strategy.id, capital: 1_000, ...(retrain ? { retrain } : {}) },
    risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
  };
  const bot = await h.bots.create(input);
  await h.bots.start(bot.id);
  await h.tick();
  return { bot, v1, registry, trainer };
}

/** Appends bar i, moves the clock past its close and lets the bot evaluate it; returns the bot's prediction. */
async function liveBar(bars: Candle[], i: number): Promise<number> {
  shown.push(bars[i]!);
  h!.source.appendCandle(SYMBOL, '1m', bars[i]!);
  h!.source.setPrice(SYMBOL, bars[i]![4]);
  clock += 60_000;
  await h!.tick();
  return h!.bots.blockValue(h!.bots.list()[0]!.id, 'model', 'value')!;
}

/** What a version's fitted model predicts at each bar (its runtime reads only the bar's features and lags). */
function fittedColumn(bars: Candle[], version: ModelVersion, graphVersion = 1): Float64Array {
  const compiled = compileStrategy(modelGraph(version.id, graphVersion), {
    models: liveModelFeed(new Map([['model', new LiveModelSlot(version)]])),
  });
  return evaluateBatch(compiled, columnsFromCandles(bars)).series('model', 'value') as Float64Array;
}

describe('strategy bot running a walk-forward model trained here', () => {
  it("predicts from the first live bar with the pinned version's fitted model, equal to the backtest's prediction column", async () => {
    const LIVE = 40;
    const bars = recorded(TRAINED + LIVE, TRAINED);
    const { v1 } = await startModelBot({ bars, history: TRAINED });
    const live: number[] = [];
    for (let i = TRAINED; i < TRAINED + LIVE; i++) live.push(await liveBar(bars, i));

    // The backtest of the same graph and version over the same bars retrains walk-forward; its
    // window 2 starts where v1's data ends and is trained on the same rows as v1's fitted model.
    const backtest = evaluateBatch(
      compileStrategy(modelGraph(v1.id, 1), { models: modelFeedFromData([v1]) }),
      columnsFromCandles(bars),
    ).series('model', 'value') as Float64Array;
    const expected = Array.from(backtest.subarray(TRAINED, TRAINED + LIVE));
    expect(expected.every(Number.isFinite)).toBe(true);
    expect(live).toEqual(expected);
    const detail = await h!.bots.get(h!.bots.list()[0]!.id);
    expect(detail.models).toEqual([
      expect.objectContaining({ nodeId: 'model', modelId: v1.id, version: 1, nextRetrain: null, retraining: false, lastRetrain: null }),
    ]);
  });

  it('runs a gradient-boosted (XGBoost) version the same way: its fitted model from the first live bar equals the backtest column', async () => {
    await loadXGBoost(); // to train v1 here; the bot's own start loads it before opening the model
    const LIVE = 20;
    const bars = recorded(TRAINED + LIVE, TRAINED);
    const spec = modelSpec({ kind: 'xgboostClassifier', windows: { trainBars: 120, testBars: 40, purgeBars: 3 }, xgboost: { trees: 15 } });
    const { v1 } = await startModelBot({ bars, history: TRAINED, spec });
    expect(v1.kind).toBe('xgboostClassifier');
    const live: number[] = [];
    for (let i = TRAINED; i < TRAINED + LIVE; i++) live.push(await liveBar(bars, i));
    const backtest = evaluateBatch(
      compileStrategy(modelGraph(v1.id, 1), { models: modelFeedFromData([v1]) }),
      columnsFromCandles(bars),
    ).series('model', 'value') as Float64Array;
    const expected = Array.from(backtest.subarray(TRAINED, TRAINED + LIVE));
    expect(expected.every((p) => p > 0 && p < 1)).toBe(true);
    expect(live).toEqual(expected);
  });

  it('keeps evaluating bars on the old model while a retrain runs, swaps the new version in at a bar boundary, and keeps it across a restart', async () => {
    const HISTORY = 420;
    const bars = recorded(HISTORY + 12, HISTORY);
    const { bot, v1, registry, trainer } = await startModelBot({ bars, history: HISTORY, retrain: { every: 'bars', n: 3 } });
    const old = fittedColumn(bars, v1);

    const seen: number[] = [];
    for (let i = HISTORY; i < HISTORY + 3; i++) seen.push(await liveBar(bars, i));
    await trainer.started; // the third bar made it due: training is in flight, held at the gate
    expect(trainer.calls).toHaveLength(1);
    expect(trainer.calls[0]!.candles.length).toBe(120 + 3 + 40 + 1 + 200); // training + purge + a test window + lags + warm-up
    expect(trainer.calls[0]!.candles.time[trainer.calls[0]!.candles.length - 1]).toBe(bars[HISTORY + 2]![0]); // up to the newest closed bar
    expect((await h!.bots.get(bot.id)).models![0]).toMatchObject({ version: 1, retraining: true });

    // Bars keep being evaluated, on v1, while the retrain is in flight.
    for (let i = HISTORY + 3; i < HISTORY + 6; i++) seen.push(await liveBar(bars, i));
    expect(seen).toEqual(Array.from(old.subarray(HISTORY, HISTORY + 6)));

    trainer.finish();
    await h!.bots.retrainsSettled();
    const v2 = registry.get(v1.id, 2);
    expect(v2.data.label).toMatch(/^BTC\/USDT 1m live, 364 bars to .*\(bot "Model bot"\)$/);
    const detail = await h!.bots.get(bot.id);
    expect(detail.models![0]).toMatchObject({
      version: 2,
      retraining: false,
      lastRetrain: { outcome: 'succeeded', message: expect.stringMatching(/^v2 trained on 364 bars/) },
      nextRetrain: { bars: 3 },
    });
    expect(detail.events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^Retrained "Up next bars": v2 .* takes over from v1 at the next bar\.$/),
    );

    // From the next bar on, v2 predicts.
    const fresh = fittedColumn(bars, v2);
    const after = [await liveBar(bars, HISTORY + 6), await liveBar(bars, HISTORY + 7)];
    expect(after).toEqual(Array.from(fresh.subarray(HISTORY + 6, HISTORY + 8)));
    expect(after).not.toEqual(Array.from(old.subarray(HISTORY + 6, HISTORY + 8)));

    // A restart resumes on the pinned v2, not the graph's v1.
    h = await h!.restart();
    await h.tick();
    expect((await h.bots.get(bot.id)).models![0]).toMatchObject({ version: 2, nextRetrain: { bars: 1 } });
    expect(h.bots.blockValue(bot.id, 'model', 'value')).toBe(fresh[HISTORY + 7]);
    expect(await liveBar(bars, HISTORY + 8)).toBe(fresh[HISTORY + 8]);
  });

  it('lists a running retrain as a job with its progress; cancelling the job keeps the version, says so in the log, and the next due retrain runs', async () => {
    const HISTORY = 420;
    const bars = recorded(HISTORY + 6, HISTORY);
    const { bot, v1, registry, trainer } = await startModelBot({ bars, history: HISTORY, retrain: { every: 'bars', n: 2 } });
    const old = fittedColumn(bars, v1);
    await liveBar(bars, HISTORY);
    await liveBar(bars, HISTORY + 1);
    await trainer.started;
    h!.jobs.flush();
    const [job] = h!.jobs.list();
    expect(job).toMatchObject({
      kind: 'retrain',
      state: 'running',
      title: 'Retrain "Up next bars" — bot "Model bot"',
      botId: bot.id,
      done: 5 + 48, // 5 % reading history, then half of the training's 95 %
      total: 100,
      message: 'Training walk-forward… 50 %',
    });
    expect(h!.events).toContainEqual({ topic: 'jobs.progress', payload: expect.objectContaining({ jobId: job!.jobId, done: 53 }) });

    expect(h!.jobs.cancel(job!.jobId)).toBe(true);
    await h!.bots.retrainsSettled();
    expect(h!.jobs.list()[0]).toMatchObject({ jobId: job!.jobId, state: 'cancelled', message: 'Cancelled.' });
    const detail = await h!.bots.get(bot.id);
    expect(detail.bot.state).toBe('running');
    expect(detail.models![0]).toMatchObject({ version: 1, retraining: false, lastRetrain: null });
    expect(detail.events.map((e) => e.message)).toContainEqual(
      'Retraining "Up next bars" was cancelled; nothing was saved. Still trading on v1.',
    );
    expect(registry.find(v1.id, 2)).toBeUndefined();
    // Still due (nothing was trained): the next bar is evaluated on v1 and starts it again, as a new job.
    expect(await liveBar(bars, HISTORY + 2)).toBe(old[HISTORY + 2]);
    expect(trainer.calls).toHaveLength(2);
    const again = h!.jobs.list()[0]!;
    expect(again).toMatchObject({ kind: 'retrain', state: 'running' });
    expect(again.jobId).not.toBe(job!.jobId);
    trainer.finish();
    await h!.bots.retrainsSettled();
    expect(h!.jobs.list()[0]).toMatchObject({
      jobId: again.jobId,
      state: 'done',
      message: expect.stringMatching(/^v2 trained on 364 bars.*takes over from v1 at the next bar\.$/),
    });
    expect((await h!.bots.get(bot.id)).models![0]).toMatchObject({ version: 2 });
  });

  it('cancels a running retrain job when the bot stops, without a word in the log', async () => {
    const HISTORY = 420;
    const bars = recorded(HISTORY + 3, HISTORY);
    const { bot, v1, registry, trainer } = await startModelBot({ bars, history: HISTORY, retrain: { every: 'bars', n: 1 } });
    await liveBar(bars, HISTORY);
    await trainer.started;
    const [job] = h!.jobs.list();
    expect(job).toMatchObject({ kind: 'retrain', state: 'running' });
    await h!.bots.stop(bot.id);
    await h!.bots.retrainsSettled();
    expect(h!.jobs.list()[0]).toMatchObject({ jobId: job!.jobId, state: 'cancelled' });
    expect(registry.find(v1.id, 2)).toBeUndefined();
    expect((await h!.bots.get(bot.id)).events.map((e) => e.message).filter((m) => m.includes('Retrain'))).toEqual([]);
  });

  it('logs a failed retrain with the reason and keeps trading on the version it had', async () => {
    const bars = recorded(154, 150); // too little history for a retrain's one full window (163 bars)
    const trainer = new GatedTrainer();
    trainer.finish();
    const { bot, v1, registry } = await startModelBot({ bars, history: 150, retrain: { every: 'bars', n: 1 }, trainer });
    const old = fittedColumn(bars, v1);
    expect(await liveBar(bars, 150)).toBe(old[150]);
    await h!.bots.retrainsSettled();
    const detail = await h!.bots.get(bot.id);
    expect(detail.bot.state).toBe('running');
    expect(detail.models![0]).toMatchObject({
      version: 1,
      lastRetrain: { outcome: 'failed', message: expect.stringMatching(/^Too little history for the walk-forward windows/) },
    });
    expect(detail.events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^Retraining "Up next bars" failed: Too little history for the walk-forward windows.*Still trading on v1\.$/),
    );
    expect(registry.find(v1.id, 2)).toBeUndefined();
    expect(await liveBar(bars, 151)).toBe(old[151]);
  });

  it('refuses a bot whose Model block pins a version that does not exist, naming the block', async () => {
    const bars = recorded(TRAINED, TRAINED);
    const { v1 } = await startModelBot({ bars, history: TRAINED });
    const strategy = h!.strategies.create({ graph: modelGraph(v1.id, 7), name: 'Missing version' });
    await expect(
      h!.bots.create({
        name: 'Missing',
        accountId: PAPER_ACCOUNT_ID,
        symbol: SYMBOL,
        timeframe: '1m',
        mode: 'paper',
        config: { kind: 'strategy', strategyId: strategy.id, capital: 1_000 },
        risk: { capitalCap: 1_500, maxOpenOrders: 5, maxDailyLoss: null },
      }),
    ).rejects.toThrow(
      `The strategy "Missing version" cannot run as a bot: Model block "Up next bars": there is no version 7 of model ${v1.id}. Pick a trained version in the block.`,
    );
  });

  it('retrains on a schedule in hours, counted from the pin, and says in validation how much history each retrain reads', async () => {
    const HISTORY = 420;
    const bars = recorded(HISTORY + 3, HISTORY);
    const { bot, trainer } = await startModelBot({ bars, history: HISTORY, retrain: { every: 'hours', n: 1 } });
    const pinnedAt = clock;
    expect((await h!.bots.get(bot.id)).models![0]).toMatchObject({ nextRetrain: { at: pinnedAt + 3_600_000 }, historyBars: 364 });
    const validation = await h!.bots.validate({ ...bot, config: bot.config });
    expect(validation.issues).toContainEqual({
      severity: 'warning',
      field: 'config.retrain.n',
      message:
        'Each retrain of "Up next bars" reads the newest 364 closed 1m bars (120 training + 3 purge + 40 test + 1 lag + 200 warm-up); with less history on the exchange it fails and the bot keeps its version.',
    });

    await liveBar(bars, HISTORY); // 2 minutes after the pin: not due
    expect(trainer.calls).toHaveLength(0);
    clock += 3_600_000; // the next bar closes an hour later (a gap): due
    await liveBar(bars, HISTORY + 1);
    await trainer.started;
    expect(trainer.calls).toHaveLength(1);
    expect((await h!.bots.get(bot.id)).models![0]).toMatchObject({ version: 1, retraining: true });
  });
});
