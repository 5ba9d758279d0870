/**
 * When bots act: the tick (new candles, prices, guards, leftover cancels), the one-step-waiting
 * rule for bursts of ledger changes, and a serial queue per bot — work on one bot never overlaps,
 * bots never wait on each other. The step itself is the bot's kind's; the scheduler looks the
 * kind up in the registry and knows none by name.
 */
import type { BotStopReason } from '../../../shared/ipc/schemas/bots';
import { KeyedSerialQueue } from '../kit/keyed-serial-queue';
import { message, type BotContext } from './bot-context';
import type { BotStep } from './bot-step';
import type { BotRecord } from './bots-repo';
import { botSession, CandleFeed, type ClosedBar } from './candle-feed';
import { isExchangeFailure } from './circuit-breaker';
import { BotModels } from './bot-models';
import { sellsShort } from './position';

export interface SchedulerHooks {
  /** The supervisor's guards after each step (ledger sanity, daily loss). */
  guard(step: BotStep): Promise<void>;
  stepFailed(record: BotRecord, error: unknown): void;
  requestStop(id: string, reason: BotStopReason, detail: string): void;
  /** Stopped bots whose cancels did not all go through, and the retry of one. */
  leftovers(): Iterable<string>;
  cancelLeftovers(id: string): Promise<void>;
}

export class BotScheduler {
  readonly feed: CandleFeed;
  /** Walk-forward Model blocks: pinned versions and scheduled retraining (absent without model training). */
  readonly models: BotModels | undefined;
  private readonly queue = new KeyedSerialQueue<string>();
  private readonly waitingSteps = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly ctx: BotContext,
    private readonly hooks: SchedulerHooks,
  ) {
    const { deps } = ctx;
    this.models = deps.modelTraining
      ? new BotModels({
          db: deps.db,
          ...deps.modelTraining,
          source: deps.source,
          log: (id, level, text) => void ctx.events.log(id, level, text),
          now: ctx.now,
        })
      : undefined;
    this.feed = new CandleFeed({
      source: deps.source,
      graph: deps.strategy,
      watches: deps.watches,
      now: ctx.now,
      positionBook: async (bot) => {
        const step = await ctx.step(bot.id);
        return {
          trades: step.trades(),
          base: step.rules.base,
          isDust: (amount, price) => step.isDust(amount, price),
          shorts: sellsShort(bot.symbol),
        };
      },
      ...(deps.strategySignals ? { signals: deps.strategySignals } : {}),
      ...(deps.onnx ? { onnx: deps.onnx } : {}),
      ...(this.models ? { models: this.models } : {}),
    });
  }

  /** Starts the periodic tick (none when `tickMs` is 0: tests tick by hand). */
  startTicking(tickMs: number): void {
    if (tickMs <= 0 || this.closed) return;
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `task` on the bot's queue, after the work queued before it. */
  enqueue<T>(id: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(id, task);
  }

  /**
   * Queues one step unless one is already waiting: a burst of ledger changes (a submit reports
   * intent, then open, then fills) costs one step, and a change during a step still gets its own.
   */
  scheduleStep(id: string): Promise<void> {
    const waiting = this.waitingSteps.get(id);
    if (waiting) return waiting;
    const step = this.enqueue(id, () => {
      this.waitingSteps.delete(id);
      return this.runStep(id);
    });
    this.waitingSteps.set(id, step);
    return step;
  }

  /** One pass over the active bots: new candles, prices, guards; each bot's step is queued on its own chain. */
  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async runTick(): Promise<void> {
    const { ctx } = this;
    if (this.closed) return;
    // While writes fail no bot acts (each step writes its state first); one tiny write per tick tells when they work again.
    if (!ctx.deps.storage.probe()) return;
    for (const id of this.hooks.leftovers()) void this.enqueue(id, () => this.hooks.cancelLeftovers(id));
    await Promise.all(
      ctx.repo.list({ states: ['running', 'paused'] }).map(async (record) => {
        try {
          if (record.state === 'running' && this.signalStrategy(record) && !this.feed.has(record.id)) {
            await this.enqueue(record.id, async () => {
              for (const bar of (await this.reopenFeed(record.id)) ?? []) await this.onBar(record.id, bar);
            });
          }
          const bars = record.state === 'running' && this.feed.has(record.id) ? await this.feed.poll(record) : [];
          if (bars.length > 0) {
            await this.enqueue(record.id, async () => {
              for (const bar of bars) await this.onBar(record.id, bar);
            });
          }
          await this.scheduleStep(record.id);
          // A price move changes the unrealised PnL: the view goes out (conflated) when it did.
          if (ctx.markets.priceMovedSinceView(record.id)) ctx.events.touch(record.id);
        } catch (error) {
          this.hooks.stepFailed(record, error);
        }
      }),
    );
  }

  /** Resolves when no bot work is queued (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await this.idle();
    await this.models?.closeAll();
  }

  /** One step of one bot (inside its queue): the kind acts, then the supervisor's guards look. */
  async runStep(id: string): Promise<void> {
    const { ctx } = this;
    const record = ctx.repo.get(id);
    if (!record || !record.kindState || (record.state !== 'running' && record.state !== 'paused')) return;
    // Nothing a step decides could be written; the ledger keeps the fills, the step after the resume reads them.
    if (ctx.deps.storage.failing) return;
    try {
      const step = await ctx.step(id);
      await ctx.kinds.get(record.kind).step(step);
      await this.hooks.guard(step);
    } catch (error) {
      this.hooks.stepFailed(record, error);
    }
  }

  async onBar(id: string, bar: ClosedBar): Promise<void> {
    const record = this.ctx.repo.get(id);
    if (!record || record.state !== 'running' || !record.kindState) return;
    const step = await this.ctx.step(id);
    const st = step.bot.kindState!;
    if (st.lastBar !== undefined && st.lastBar !== null && bar.candle[0] <= st.lastBar) return;
    st.lastBar = bar.candle[0];
    await this.ctx.kinds.get(record.kind).onBar?.(step, bar);
    step.save();
    // A due retrain starts here and runs on the worker pool; this bar's handling does not wait for it.
    this.models?.afterBar(record, bar.candle[0]);
  }

  /** The saved strategy whose closed candles the bot's kind acts on; null for kinds that act on prices and fills. */
  private signalStrategy(record: BotRecord): string | null {
    return this.ctx.kinds.get(record.kind).signalStrategy(record.config);
  }

  /** Bots that act on closed candles warm their evaluator and hold a watch; returns the bars missed while down. */
  async openFeed(id: string): Promise<ClosedBar[]> {
    const { ctx } = this;
    const record = ctx.require(id);
    const strategyId = this.signalStrategy(record);
    if (!strategyId) {
      // Prices and candles of the bot's market keep streaming while it runs (its chart, live venues).
      ctx.deps.watches.set(botSession(id), [record.symbol], { symbol: record.symbol, timeframe: record.timeframe });
      return [];
    }
    const st = record.kindState;
    const { lastBar, missed, notes } = await this.feed.open(record, strategyId, st?.lastBar ?? null);
    for (const note of notes) ctx.events.log(id, 'warning', note);
    if (st && 'lastBar' in st && st.lastBar === null) {
      st.lastBar = lastBar;
      ctx.repo.save({ ...ctx.require(id), kindState: st });
    }
    return missed;
  }

  /**
   * Opens the bot's candle feed after a restart. An exchange that cannot be reached leaves the
   * bot running without one (the tick tries again); a strategy that no longer compiles stops it.
   * Returns the bars missed while down, or null when the feed could not be opened.
   */
  async reopenFeed(id: string): Promise<ClosedBar[] | null> {
    try {
      return await this.openFeed(id);
    } catch (error) {
      if (isExchangeFailure(error)) {
        this.ctx.events.log(id, 'warning', `Candles are not available yet (${message(error)}); retrying.`);
      } else {
        this.hooks.requestStop(id, 'error', `Could not resume: ${message(error)}`);
      }
      return null;
    }
  }

  closeFeed(id: string): void {
    this.feed.close(id);
  }
}
