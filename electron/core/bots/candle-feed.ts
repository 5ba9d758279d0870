import { timeframeMs, type Candle, type Timeframe } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import { resolveParams } from '../../../shared/strategy/params';
import { BLOCKS } from '../../../shared/strategy/blocks/index';
import { signalDirection, type SignalActionFilter } from '../../../shared/strategy/blocks/signal-blocks';
import type { StrategySignalHub } from '../signals/strategy-signal-hub';
import { signalSourcesOf } from '../signals/signal-log-feed';
import { compileStrategy, SignalTape, StrategyCompileError, StreamingEvaluator, type BarSignal, type CompileOptions } from '../strategy';
import { checkTimeframes, StrategyTimeframeError } from '../strategy/compiler/compile';
import type { BotRecord } from './bots-repo';
import { unsupportedOrderBlocks } from './kinds/strategy/bot-order-support';
import { describeSpan, higherTimeframeWarmup, type HigherTimeframeWarmup } from '../strategy/compiler/warmup';
import { fetchOlderCandles } from '../market-data/older-candles';
import { positionAtClose, type PositionBook } from './position-at-close';
import { sellsShort } from './position';
import { ONNX_MODEL_ID_PATTERN } from '../../../shared/strategy/blocks/model-blocks';
import { liveModelFeed, LiveModelSlot } from '../ml/live-model';
import type { ModelRegistry } from '../ml/registry';
import { loadModelRuntimes } from '../ml/model-runtimes';
import type { BotModels } from './bot-models';
import { checkOnnxBlocks, onnxRuntimeSource } from '../ml/onnx/onnx-feed';
import type { OnnxLease, OnnxModelStore } from '../ml/onnx/onnx-model-store';
import type { OnnxPredictor } from '../ml/onnx/onnx-predictor';

/** The imported ONNX models a bot's Model blocks may run (createCore: the data folder's store). */
export type BotOnnxModels = Pick<OnnxModelStore, 'get' | 'lease'>;

/** Bars of history the evaluator is warmed up with. */
const WARMUP_BARS = 500;
/** A bot whose next bar should have closed asks for it at most this often. */
const POLL_MS = 5_000;

export const botSession = (botId: string) => `bot:${botId}`;

interface Feed {
  evaluator: StreamingEvaluator;
  /** Ends the bot's signal subscriptions ("Signal received" blocks) and closes its ONNX sessions. */
  unsubscribe: () => void;
  /** The walk-forward Model blocks' models by node id; a retrained one takes over before the next bar is evaluated. */
  slots: ReadonlyMap<string, LiveModelSlot>;
  lastBar: number | null;
  nextPoll: number;
}

export interface ClosedBar {
  candle: Candle;
  signal: BarSignal;
}

/** What `compileForBot` checks Model blocks against: imported ONNX models, and trained versions. */
export interface BotModelSources {
  onnx?: Pick<OnnxModelStore, 'get'> | undefined;
  registry?: Pick<ModelRegistry, 'find'> | undefined;
}

/**
 * Compiles a saved strategy for a bot on `timeframe` bars, or says which node is wrong. A Model
 * block naming an imported ONNX model is checked against `models.onnx` (imported, mapped, as many
 * features connected as mapped); one running a model trained here against `models.registry` (its
 * version exists and carries a fitted model for the bars after its data). The caller that runs
 * the bot passes the opened models in `options.models` (without them the block compiles empty,
 * which is enough to check the graph).
 */
export function compileForBot(
  graph: StrategyGraph,
  name: string,
  timeframe: Timeframe,
  options: CompileOptions = {},
  models: BotModelSources = {},
) {
  const refuse = (text: string) => new TradewindError('invalid_input', `The strategy "${name}" cannot run as a bot: ${text}`);
  for (const node of graph.nodes) {
    if (node.type !== 'model') continue;
    const label = `Model block "${node.label ?? node.id}"`;
    const modelId = String(node.params.model ?? '');
    if (ONNX_MODEL_ID_PATTERN.test(modelId)) {
      if (!models.onnx) throw refuse(`${label} runs an imported ONNX model, and this host has no ONNX models to run it with.`);
      continue;
    }
    if (!models.registry) throw refuse(`${label} runs a trained model, and this host has no model registry to load it from.`);
    const number = Number(node.params.version ?? 1);
    let version;
    try {
      version = models.registry.find(modelId, number);
    } catch (error) {
      throw refuse(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!version)
      throw refuse(`${label}: there is no version ${number} of model ${modelId || '(none picked)'}. Pick a trained version in the block.`);
    try {
      new LiveModelSlot(version).dispose();
    } catch (error) {
      throw refuse(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (models.onnx) {
    try {
      checkOnnxBlocks(models.onnx, graph);
    } catch (error) {
      if (error instanceof TradewindError) throw refuse(error.message);
      throw error;
    }
  }
  try {
    const compiled = compileStrategy(graph, options);
    checkTimeframes(compiled, timeframe);
    return compiled;
  } catch (error) {
    if (error instanceof StrategyTimeframeError) {
      throw new TradewindError('invalid_input', `The strategy "${name}" cannot run on ${timeframe} candles: ${error.message}`);
    }
    if (error instanceof StrategyCompileError) {
      const first = error.issues.find((i) => i.severity === 'error');
      const where = first?.nodeId ? ` (node "${first.nodeId}"${first.port ? `, port "${first.port}"` : ''})` : '';
      throw new TradewindError(
        'invalid_input',
        `The strategy "${name}" has errors and cannot run: ${first?.message ?? error.message}${where}. Fix it in the strategy editor first.`,
      );
    }
    throw error;
  }
}

/**
 * Closed candles for the bots that act on them. Each such bot holds a watch on its market and
 * timeframe (session `bot:<id>`), keeps a streaming evaluator warmed with history, and when its
 * next bar should have closed fetches the bars since the last one it saw: a bar counts as closed
 * once a newer one has opened, so a gap (sleep, restart) is caught up in order, bar by bar.
 */
export class CandleFeed {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly deps: {
      source: (accountId: string) => Promise<MarketDataSource>;
      graph: (strategyId: string) => { graph: StrategyGraph; name: string };
      watches: WatchRegistry;
      now: () => number;
      /**
       * The bot's recorded fills, for a strategy that reads its position (a Position block): each
       * bar is evaluated with the position those fills made at its close.
       */
      positionBook: (bot: BotRecord) => Promise<PositionBook>;
      /** Accepted signals for the "Signal received" blocks (absent: those blocks stay false). */
      signals?: StrategySignalHub;
      /** Imported ONNX models for Model blocks (absent: a strategy with one is refused). */
      onnx?: BotOnnxModels;
      /** Pinned trained models and their retraining (absent: a strategy with a walk-forward Model block is refused). */
      models?: BotModels;
    },
  ) {}

  has(botId: string): boolean {
    return this.feeds.has(botId);
  }

  /** A block output at the bot's last evaluated bar (undefined without a feed or such an output). */
  value(botId: string, nodeId: string, port: string): number | undefined {
    return this.feeds.get(botId)?.evaluator.value(nodeId, port);
  }

  /**
   * Warms the bot's evaluator with history up to `lastBar` (all closed history on a first start)
   * and returns the bars after it, already evaluated, for the bot to act on in order, with `notes`
   * for the bot's log (a higher timeframe the exchange had too little history of to warm up).
   */
  async open(
    bot: BotRecord,
    strategyId: string,
    lastBar: number | null,
  ): Promise<{ lastBar: number | null; missed: ClosedBar[]; notes: string[] }> {
    const { graph, name } = this.deps.graph(strategyId);
    // Validation refuses these on create, edit and start; a graph edited while its bot ran or was
    // paused reaches here on resume or restart without it, and must not trade something else.
    // The market says whether shorts can run: a perpetual swap (BTC/USDT:USDT) sells short, spot never.
    const unsupported = unsupportedOrderBlocks(graph, sellsShort(bot.symbol) ? { venue: '', account: '', marketType: 'swap' } : null);
    if (unsupported.length > 0) {
      throw new TradewindError('invalid_input', `The strategy "${name}" cannot run as a bot: ${unsupported.join(' ')}`);
    }
    const hub = this.deps.signals;
    const tape = new SignalTape(timeframeMs(bot.timeframe), bot.symbol);
    const { onnx } = this.deps;
    const blocks = onnx ? checkOnnxBlocks(onnx, graph) : [];
    // Each ONNX model the graph runs gets sessions of the bot's own, opened from the stored file now
    // (a changed or missing file refuses the start with the reason) and closed when the bot stops.
    const leases: OnnxLease[] = [];
    const closeLeases = () => {
      for (const lease of leases.splice(0)) lease.close();
    };
    let unsubscribe = closeLeases;
    try {
      const predictors = new Map<string, OnnxPredictor>();
      for (const { modelId } of blocks) {
        if (predictors.has(modelId)) continue;
        const lease = await onnx!.lease(modelId).catch((error: unknown) => {
          throw new TradewindError(
            'invalid_input',
            `The strategy "${name}" cannot run: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
        leases.push(lease);
        predictors.set(modelId, lease.predictor);
      }
      // Walk-forward blocks run the bot's pinned versions; the graph is checked first (a missing block version is named).
      const sources: BotModelSources = { onnx, registry: this.deps.models?.registry };
      await loadModelRuntimes(graph);
      compileForBot(graph, name, bot.timeframe, {}, sources);
      const slots = this.deps.models?.open(bot, graph, name) ?? new Map<string, LiveModelSlot>();
      const options: CompileOptions = {
        context: { market: bot.symbol, ...(hub ? { signalSources: hub.sources() } : {}) },
        ...(hub ? { signals: tape } : {}),
        ...(graph.nodes.some((n) => n.type === 'model') ? { models: liveModelFeed(slots, onnxRuntimeSource(predictors)) } : {}),
      };
      const compiled = compileForBot(graph, name, bot.timeframe, options, sources);
      const evaluator = new StreamingEvaluator(compiled, { timeframe: bot.timeframe });
      const source = await this.deps.source(bot.accountId);
      this.feeds.get(bot.id)?.unsubscribe();
      if (hub) {
        const stopSignals = this.listen(hub, tape, graph, bot, source);
        unsubscribe = () => {
          stopSignals();
          closeLeases();
        };
      }
      const others = evaluator.otherMarkets;
      const unknown = others.find((market) => !source.hasMarket(market));
      if (unknown !== undefined) {
        throw new TradewindError(
          'invalid_input',
          `The strategy "${name}" reads ${unknown} ("Other market" block), which is not a market of ${source.exchangeName}, the venue of this bot's account. Pick a market of ${source.exchangeName} in the block.`,
        );
      }
      // The bot's own closed candles and those of each other market it reads come through the same watch.
      this.deps.watches.set(
        botSession(bot.id),
        [],
        [{ symbol: bot.symbol, timeframe: bot.timeframe }, ...others.map((symbol) => ({ symbol, timeframe: bot.timeframe }))],
      );
      const notes = await this.feedHigherTimeframes(bot, evaluator, source, higherTimeframeWarmup(compiled));
      await this.feedOtherMarkets(bot, evaluator, source, undefined);
      const closed = this.closedOf(await source.fetchCandles(bot.symbol, bot.timeframe, undefined, WARMUP_BARS), bot, source);
      const missed: ClosedBar[] = [];
      let last = lastBar;
      const positionAt = await this.positionReader(bot, evaluator);
      for (const candle of closed) {
        const signal = evaluator.push(toBar(candle), positionAt?.(candle));
        if (lastBar !== null && candle[0] > lastBar) missed.push({ candle, signal });
        if (last === null || candle[0] > last) last = candle[0];
      }
      this.feeds.set(bot.id, { evaluator, unsubscribe, slots, lastBar: last, nextPoll: 0 });
      return { lastBar: last, missed, notes };
    } catch (error) {
      // A start that fails leaves no subscription and no open model behind.
      unsubscribe();
      this.deps.models?.close(bot.id);
      throw error;
    }
  }

  /**
   * Puts the accepted signals of the graph's sources on the bot's tape, stamped with the market
   * clock (the bars' clock: the replay's when offline), so they land in the bar during which they
   * arrived and are read when it closes. Signals received before the bot started are not replayed.
   */
  private listen(hub: StrategySignalHub, tape: SignalTape, graph: StrategyGraph, bot: BotRecord, source: MarketDataSource): () => void {
    const blocks = graph.nodes
      .filter((n) => n.type === 'signalReceived')
      .map((n) => {
        const p = resolveParams(BLOCKS.signalReceived, n.params);
        return { source: p.source as string, action: p.action as SignalActionFilter, market: (p.market as string) || bot.symbol };
      });
    const stops = signalSourcesOf(graph).map((sourceId) =>
      hub.subscribe(sourceId, (signal) => {
        const direction = signalDirection(signal.action);
        if (direction === null) return false;
        tape.append(sourceId, { time: marketNow(source, this.deps.now), direction, market: signal.symbol });
        return blocks.some((b) => b.source === sourceId && b.market === signal.symbol && (b.action === 'any' || b.action === direction));
      }),
    );
    return () => {
      for (const stop of stops) stop();
    };
  }

  close(botId: string): void {
    this.feeds.get(botId)?.unsubscribe();
    this.deps.models?.close(botId);
    this.feeds.delete(botId);
    this.deps.watches.end(botSession(botId));
  }

  /** Bars closed since the last call, evaluated in order (empty when none is due yet). */
  async poll(bot: BotRecord, force = false): Promise<ClosedBar[]> {
    const feed = this.feeds.get(bot.id);
    if (!feed) return [];
    const source = await this.deps.source(bot.accountId);
    const now = marketNow(source, this.deps.now);
    const tf = timeframeMs(bot.timeframe);
    if (!force && (now < feed.nextPoll || (feed.lastBar !== null && now < feed.lastBar + 2 * tf))) return [];
    feed.nextPoll = now + Math.min(POLL_MS, tf / 4);
    const since = feed.lastBar === null ? undefined : feed.lastBar + 1;
    const closed = this.closedOf(await source.fetchCandles(bot.symbol, bot.timeframe, since, WARMUP_BARS), bot, source);
    const out: ClosedBar[] = [];
    if (closed.length > 0) {
      await this.feedHigherTimeframes(bot, feed.evaluator, source);
      await this.feedOtherMarkets(bot, feed.evaluator, source, since);
    }
    const fresh = closed.filter((candle) => feed.lastBar === null || candle[0] > feed.lastBar);
    const positionAt = fresh.length > 0 ? await this.positionReader(bot, feed.evaluator) : undefined;
    for (const candle of fresh) {
      if (feed.lastBar !== null && candle[0] <= feed.lastBar) continue; // a repeated bar
      for (const slot of feed.slots.values()) slot.atBarBoundary();
      out.push({ candle, signal: feed.evaluator.push(toBar(candle), positionAt?.(candle)) });
      feed.lastBar = candle[0];
    }
    return out;
  }

  /**
   * The closed bars of each higher timeframe the strategy reads, from the same source as the
   * bot's own candles (the evaluator ignores the ones it already has and reads each only once it
   * has closed by a base bar's close). On open (`warmups` given), enough of them for the blocks on
   * that timeframe to have values — counted in its own bars, paged when above one request — and a
   * note for each timeframe the exchange has too little history of.
   */
  private async feedHigherTimeframes(
    bot: BotRecord,
    evaluator: StreamingEvaluator,
    source: MarketDataSource,
    warmups: HigherTimeframeWarmup[] = [],
  ): Promise<string[]> {
    const now = marketNow(source, this.deps.now);
    const notes: string[] = [];
    for (const timeframe of evaluator.higherTimeframes) {
      const warmup = warmups.find((w) => w.timeframe === timeframe);
      // One more than the warm-up: the newest bar may still be forming.
      const want = (warmup?.bars ?? 0) + 1;
      const candles =
        want > WARMUP_BARS
          ? (await fetchOlderCandles({ source, cache: null, symbol: bot.symbol, timeframe, before: now, limit: want })).candles
          : await source.fetchCandles(bot.symbol, timeframe, undefined, WARMUP_BARS);
      const lengthMs = timeframeMs(timeframe);
      const closed = [...candles].sort((a, b) => a[0] - b[0]).filter((c) => c[0] + lengthMs <= now);
      for (const candle of closed) evaluator.addHigherBar(timeframe, toBar(candle));
      if (warmup && closed.length < warmup.bars) {
        const missing = warmup.bars - closed.length;
        notes.push(
          `${warmup.slowest} on ${timeframe} candles needs ${warmup.bars} closed ${timeframe} bars before it has a value; the exchange gave ${closed.length}, so nothing that reads it is true until ${missing} more have closed (about ${describeSpan(missing, lengthMs)}).`,
        );
      }
    }
    return notes;
  }

  /**
   * The closed bars of each other market the strategy reads, on the bot's timeframe, from the same
   * source as its own (since `since`, or the warm-up's worth). They go in before the bot's bars are
   * pushed: the evaluator reads the other market's bar of a base bar's open time at that bar's close,
   * and never one that had not closed by then, so a bar of its that comes late is read from the next
   * base bar on (the backtest reads what the store holds: the same bar, or the carried-over one).
   */
  private async feedOtherMarkets(bot: BotRecord, evaluator: StreamingEvaluator, source: MarketDataSource, since: number | undefined) {
    const now = marketNow(source, this.deps.now);
    const tf = timeframeMs(bot.timeframe);
    for (const market of evaluator.otherMarkets) {
      const candles = await source.fetchCandles(market, bot.timeframe, since, WARMUP_BARS);
      const closed = [...candles].sort((a, b) => a[0] - b[0]).filter((c) => c[0] + tf <= now);
      for (const candle of closed) evaluator.addOtherMarketBar(market, toBar(candle));
    }
  }

  /** For a strategy with a Position block: the position at a candle's close, from the bot's fills as recorded now. */
  private async positionReader(bot: BotRecord, evaluator: StreamingEvaluator) {
    if (!evaluator.positional) return undefined;
    const book = await this.deps.positionBook(bot);
    const tf = timeframeMs(bot.timeframe);
    return (candle: Candle) => positionAtClose(book, candle[0] + tf, candle[4]);
  }

  /** Candles in time order without the one still forming (the newest, unless its time is over). */
  private closedOf(candles: readonly Candle[], bot: BotRecord, source: MarketDataSource): Candle[] {
    const sorted = [...candles].sort((a, b) => a[0] - b[0]);
    const newest = sorted[sorted.length - 1];
    if (newest && newest[0] + timeframeMs(bot.timeframe) > marketNow(source, this.deps.now)) sorted.pop();
    return sorted;
  }
}

const marketNow = (source: MarketDataSource, now: () => number) => source.status().replayTime ?? now();

const toBar = (c: Candle) => ({ time: c[0], open: c[1], high: c[2], low: c[3], close: c[4], volume: c[5] });
