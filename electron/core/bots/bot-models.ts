/**
 * Walk-forward Model blocks in strategy bots: the version each block runs (pinned per bot in
 * `bot_model_pins`, so it survives restarts), and its scheduled retraining. A retrain never runs on
 * the trading thread: it fetches the newest bars, hands them to `train` (createCore: the worker
 * pool, the kernel's windows, purge and z-score), and only a training that succeeded is saved as a
 * new registry version and moves the pin; the block's slot takes it over at its next bar. A failure
 * is logged on the bot with the reason and the bot trades on with the version it had. Each retrain
 * is a `retrain` job in the job registry, so the Jobs panel shows its progress and can cancel it
 * (the bot then says so in its log and keeps its version), as stopping the bot does.
 */
import { timeframeMs, type Candle, type Timeframe } from '../../../shared/domain/types';
import type { BotModelView, RetrainSchedule } from '../../../shared/ipc/schemas/bots';
import type { ModelVersion } from '../../../shared/ml/model-record';
import { ONNX_MODEL_ID_PATTERN } from '../../../shared/strategy/blocks/model-blocks';
import { TradewindError } from '../../../shared/ipc/errors';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { Db } from '../db/connection';
import type { JobContext, JobRegistry } from '../jobs/job-registry';
import { ModelTrainingCancelledError } from '../ml/errors';
import { LiveModelSlot } from '../ml/live-model';
import { libraryVersion } from '../ml/models/library-versions';
import type { ModelRegistry } from '../ml/registry';
import type { TrainOutcome, TrainRequest } from '../ml/train-task';
import { firstTestBarCount } from '../ml/walk-forward/windows';
import type { MarketDataSource } from '../market-data/source';
import { columnsFromCandles } from '../strategy/candle-columns';
import type { BotRecord } from './bots-repo';

/** Bars before a retrain's first window that its features (indicators) warm up on. */
export const RETRAIN_WARMUP_BARS = 200;
/** Most bars asked of the exchange per request while paging history for a retrain. */
const PAGE = 1_000;

const HOUR = 3_600_000;

export interface BotModelDeps {
  db: Db;
  registry: Pick<ModelRegistry, 'find' | 'save'>;
  /** Trains off the trading thread (createCore: a `train` task on the worker pool); `onProgress` gets 0 … 1. */
  train: (request: TrainRequest, control: { signal: AbortSignal; onProgress?: (fraction: number) => void }) => Promise<TrainOutcome>;
  /** Where retrains run as jobs (createCore: the one the Jobs panel lists and `jobs.cancel` reaches). */
  jobs: Pick<JobRegistry, 'start' | 'cancel'>;
  source: (accountId: string) => Promise<MarketDataSource>;
  log: (botId: string, level: 'info' | 'warning', message: string) => void;
  now: () => number;
}

interface PinRow {
  bot_id: string;
  node_id: string;
  model_id: string;
  graph_version: number;
  version: number;
  pinned_at: number;
  bars_since: number;
  last_retrain_at: number | null;
  last_outcome: 'succeeded' | 'failed' | null;
  last_message: string | null;
}

interface Running {
  graph: StrategyGraph;
  slots: Map<string, LiveModelSlot>;
}

/** Closed bars a retrain of `version` reads: one full walk-forward window plus the lags and the features' warm-up. */
export function retrainHistoryBars(version: ModelVersion): number {
  return firstTestBarCount(version.spec.windows) + version.spec.lags + RETRAIN_WARMUP_BARS;
}

/** The graph's Model blocks that run a model trained here (not an imported ONNX one). */
export function walkForwardBlocks(graph: StrategyGraph) {
  return graph.nodes.filter((n) => n.type === 'model' && !ONNX_MODEL_ID_PATTERN.test(String(n.params.model ?? '')));
}

const blockLabel = (node: StrategyGraph['nodes'][number]) => `Model block "${node.label ?? node.id}"`;
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class BotModels {
  private readonly running = new Map<string, Running>();
  private readonly inFlight = new Map<string, { jobId: string; done: Promise<void> }>();

  constructor(private readonly deps: BotModelDeps) {}

  get registry(): Pick<ModelRegistry, 'find'> {
    return this.deps.registry;
  }

  /**
   * The slots of the graph's walk-forward blocks for a starting bot: the pinned version (the
   * block's own until a retrain moves it; reset when the graph names another model or version),
   * loaded from the registry. Refused naming the block when the version is gone or unusable.
   */
  open(bot: BotRecord, graph: StrategyGraph, name: string): Map<string, LiveModelSlot> {
    const slots = new Map<string, LiveModelSlot>();
    for (const node of walkForwardBlocks(graph)) {
      const modelId = String(node.params.model ?? '');
      const graphVersion = Number(node.params.version ?? 1);
      let pin = this.pin(bot.id, node.id);
      if (!pin || pin.model_id !== modelId || pin.graph_version !== graphVersion) {
        this.deps.db
          .prepare(
            `INSERT OR REPLACE INTO bot_model_pins (bot_id, node_id, model_id, graph_version, version, pinned_at, bars_since)
             VALUES (?, ?, ?, ?, ?, ?, 0)`,
          )
          .run(bot.id, node.id, modelId, graphVersion, graphVersion, this.deps.now());
        pin = this.pin(bot.id, node.id)!;
      }
      let version: ModelVersion | undefined;
      try {
        version = this.deps.registry.find(modelId, pin.version);
        if (!version) throw new Error(`there is no version ${pin.version} of model ${modelId} (deleted?)`);
        slots.set(node.id, new LiveModelSlot(version));
      } catch (error) {
        throw new TradewindError(
          'invalid_input',
          `The strategy "${name}" cannot run: ${blockLabel(node)}: ${reason(error)}. Pick a trained version in the block.`,
        );
      }
    }
    this.running.set(bot.id, { graph, slots });
    return slots;
  }

  /** The bot stopped: its retrains are abandoned (nothing saved), its pins stay for the next start. */
  close(botId: string): void {
    this.running.delete(botId);
    for (const [key, flight] of this.inFlight) if (key.startsWith(`${botId}|`)) this.deps.jobs.cancel(flight.jobId);
  }

  /**
   * After the bot handled the closed bar opening at `barTime`: counts it, and starts each block's
   * retrain that is due, on the bars up to this one (never waits for it).
   */
  afterBar(bot: BotRecord, barTime: number): void {
    const run = this.running.get(bot.id);
    if (!run || run.slots.size === 0) return;
    this.deps.db.prepare('UPDATE bot_model_pins SET bars_since = bars_since + 1 WHERE bot_id = ?').run(bot.id);
    const schedule = scheduleOf(bot);
    for (const [nodeId, slot] of run.slots) {
      const key = `${bot.id}|${nodeId}`;
      const pin = this.pin(bot.id, nodeId);
      if (!pin || this.inFlight.has(key) || slot.pending || !isDue(schedule, pin, this.deps.now())) continue;
      this.startRetrain(bot, nodeId, slot, run.graph, barTime);
    }
  }

  /** The retrain as a job: listed with its progress, cancelled by `jobs.cancel` or the bot's stop. */
  private startRetrain(bot: BotRecord, nodeId: string, slot: LiveModelSlot, graph: StrategyGraph, barTime: number): void {
    const key = `${bot.id}|${nodeId}`;
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve)).finally(() => this.inFlight.delete(key));
    let jobId: string;
    try {
      jobId = this.deps.jobs.start('retrain', (job) => this.retrain(bot, nodeId, slot, graph, barTime, job), {
        title: `Retrain "${slot.version.name}" — bot "${bot.name}"`,
        botId: bot.id,
        summarise: (message) => message,
        onEnd: ended,
      });
    } catch {
      return; // the registry is closed: core is shutting down, and the bot with it
    }
    this.inFlight.set(key, { jobId, done });
  }

  /** Resolves when no retrain is running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.running.keys()]) this.close(id);
    await this.settled();
  }

  /** What the Bots view shows for each walk-forward block of a bot. */
  views(bot: BotRecord): BotModelView[] {
    const rows = this.deps.db.prepare('SELECT * FROM bot_model_pins WHERE bot_id = ? ORDER BY node_id').all(bot.id) as PinRow[];
    const schedule = scheduleOf(bot);
    const run = this.running.get(bot.id);
    return rows.map((pin) => {
      const running = run?.slots.get(pin.node_id)?.version;
      const version = running ?? this.deps.registry.find(pin.model_id, pin.version);
      return {
        nodeId: pin.node_id,
        modelId: pin.model_id,
        name: version?.name ?? pin.model_id,
        version: pin.version,
        pinnedAt: pin.pinned_at,
        lastRetrain:
          pin.last_retrain_at !== null && pin.last_outcome
            ? { at: pin.last_retrain_at, outcome: pin.last_outcome, message: pin.last_message ?? '' }
            : null,
        nextRetrain: nextRetrain(schedule, pin),
        retraining: this.inFlight.has(`${bot.id}|${pin.node_id}`),
        historyBars: version ? retrainHistoryBars(version) : 0,
      };
    });
  }

  private pin(botId: string, nodeId: string): PinRow | undefined {
    return this.deps.db.prepare('SELECT * FROM bot_model_pins WHERE bot_id = ? AND node_id = ?').get(botId, nodeId) as PinRow | undefined;
  }

  private async retrain(
    bot: BotRecord,
    nodeId: string,
    slot: LiveModelSlot,
    graph: StrategyGraph,
    lastBar: number,
    job: JobContext,
  ): Promise<string> {
    const from = slot.version;
    const signal = job.signal;
    try {
      const source = await this.deps.source(bot.accountId);
      const bars = retrainHistoryBars(from);
      job.progress(0, 100, `Reading the newest ${bars} closed ${bot.timeframe} bars…`);
      const candles = await closedHistory(source, bot.symbol, bot.timeframe, bars, lastBar);
      signal.throwIfAborted();
      job.progress(5, 100, 'Training walk-forward… 0 %');
      const outcome = await this.deps.train(
        {
          spec: from.spec,
          graph,
          features: from.features.map(({ node, port }) => ({ node, port })),
          candles: columnsFromCandles(candles),
          timeframe: bot.timeframe,
        },
        {
          signal,
          onProgress: (fraction) =>
            job.progress(5 + Math.round(fraction * 95), 100, `Training walk-forward… ${Math.round(fraction * 100)} %`),
        },
      );
      signal.throwIfAborted();
      if (!outcome.latest)
        throw new Error(`the newest window of ${from.spec.windows.trainBars} training bars had too few usable rows to fit a model`);
      const last = candles[candles.length - 1]!;
      const saved = this.deps.registry.save(
        {
          name: from.name,
          kind: from.kind,
          spec: from.spec,
          features: from.features.map((f, k) => ({ ...f, name: outcome.featureNames[k] ?? f.name })),
          data: {
            datasetId: `bot:${bot.id}`,
            label: `${bot.symbol} ${bot.timeframe} live, ${candles.length} bars to ${new Date(last[0]).toISOString().slice(0, 16)}Z (bot "${bot.name}")`,
            symbol: bot.symbol,
            timeframe: bot.timeframe,
          },
          libraries: [...new Set([...from.libraries, libraryVersion('ml-random-forest'), libraryVersion('ml-logistic-regression')])],
          report: outcome.report,
          latest: outcome.latest,
        },
        from.id,
      );
      slot.offer(saved);
      const accuracy = saved.report.modelAccuracy;
      const message = `v${saved.version} trained on ${candles.length} bars${accuracy === null ? '' : `, out-of-sample accuracy ${(accuracy * 100).toFixed(1)} %`}${saved.report.beatsBaseline ? '' : ' (no better than a naive baseline)'}`;
      this.deps.db
        .prepare(
          `UPDATE bot_model_pins SET version = ?, bars_since = 0, last_retrain_at = ?, last_outcome = 'succeeded', last_message = ?
           WHERE bot_id = ? AND node_id = ?`,
        )
        .run(saved.version, this.deps.now(), message, bot.id, nodeId);
      this.deps.log(bot.id, 'info', `Retrained "${from.name}": ${message}; it takes over from v${from.version} at the next bar.`);
      return `${message}; it takes over from v${from.version} at the next bar.`;
    } catch (error) {
      if (signal.aborted) {
        // Cancelled in the Jobs panel (a stopped bot has left `running` first and needs no word).
        if (this.running.has(bot.id))
          this.deps.log(bot.id, 'info', `Retraining "${from.name}" was cancelled; nothing was saved. Still trading on v${from.version}.`);
        throw new ModelTrainingCancelledError();
      }
      const message = reason(error);
      this.deps.db
        .prepare(
          `UPDATE bot_model_pins SET bars_since = 0, last_retrain_at = ?, last_outcome = 'failed', last_message = ? WHERE bot_id = ? AND node_id = ?`,
        )
        .run(this.deps.now(), message, bot.id, nodeId);
      this.deps.log(bot.id, 'warning', `Retraining "${from.name}" failed: ${message}. Still trading on v${from.version}.`);
      throw new TradewindError('unavailable', `Retraining "${from.name}" failed: ${message}. The bot keeps trading on v${from.version}.`);
    }
  }
}

const scheduleOf = (bot: BotRecord): RetrainSchedule =>
  bot.config.kind === 'strategy' ? (bot.config.retrain ?? { every: 'never' }) : { every: 'never' };

function dueAt(schedule: RetrainSchedule, pin: PinRow): number | null {
  if (schedule.every !== 'hours' && schedule.every !== 'days') return null;
  return (pin.last_retrain_at ?? pin.pinned_at) + schedule.n * (schedule.every === 'hours' ? HOUR : 24 * HOUR);
}

function isDue(schedule: RetrainSchedule, pin: PinRow, now: number): boolean {
  if (schedule.every === 'never') return false;
  if (schedule.every === 'bars') return pin.bars_since >= schedule.n;
  return now >= dueAt(schedule, pin)!;
}

function nextRetrain(schedule: RetrainSchedule, pin: PinRow): BotModelView['nextRetrain'] {
  if (schedule.every === 'never') return null;
  if (schedule.every === 'bars') return { bars: Math.max(0, schedule.n - pin.bars_since) };
  return { at: dueAt(schedule, pin)! };
}

/** The `bars` candles up to the bot's last closed bar (opening at `lastBar`), paged forward from where they should start. */
async function closedHistory(
  source: MarketDataSource,
  symbol: string,
  timeframe: Timeframe,
  bars: number,
  lastBar: number,
): Promise<Candle[]> {
  const step = timeframeMs(timeframe);
  const end = lastBar + step;
  const got = new Map<number, Candle>();
  let since = end - bars * step;
  while (since < end) {
    const page = (await source.fetchCandles(symbol, timeframe, since, Math.min(PAGE, bars))).filter((c) => c[0] >= since && c[0] < end);
    if (page.length === 0) break;
    for (const candle of page) got.set(candle[0], candle);
    since = Math.max(...page.map((c) => c[0])) + step;
  }
  return [...got.values()].sort((a, b) => a[0] - b[0]);
}
