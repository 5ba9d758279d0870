import type { StreamBar } from '../candle-columns';
import { readSignal, signalSlots, type BarSignal, type SignalSlots } from './batch-evaluator';
import type { CompiledStrategy } from './compile';
import { CANDLE_SLOTS, type Registers } from './runtime-types';
import { FLAT, type PositionSnapshot } from '../kernels/position-tracker';
import { UNKNOWN } from '../kernels/conditions';
import { timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import { ClosedBarAligner } from '../kernels/timeframe-align';
import { OtherMarketAligner } from '../kernels/other-market-align';
import { checkTimeframes } from './compile';
import type { TimeframeDomain } from './timeframe-domains';

/** A higher timeframe's steps on registers of their own, stepped once per closed bar of it. */
interface StreamingDomain {
  plan: TimeframeDomain;
  aligner: ClosedBarAligner;
  regs: Registers;
  steps: (() => void)[];
}

/**
 * Live evaluation: one closed bar at a time, O(1) work per node and bar, no history kept
 * beyond each kernel's window. Gives exactly the batch evaluator's signals for the same bars.
 */
export class StreamingEvaluator {
  private readonly regs: Registers;
  private readonly steps: (() => void)[];
  private readonly slots: SignalSlots;
  private readonly readBool = (slot: number): number => this.regs.bool[slot]!;
  private count = 0;
  private lastTime = -Infinity;
  private readonly baseMs: number;
  private readonly domains: StreamingDomain[];
  private readonly otherAligners = new Map<string, OtherMarketAligner>();

  /** `timeframe`: of the bars pushed; needed (and checked) when the strategy reads a higher timeframe. */
  constructor(
    private readonly compiled: CompiledStrategy,
    options: { timeframe?: Timeframe } = {},
  ) {
    checkTimeframes(compiled, options.timeframe);
    this.baseMs = options.timeframe ? timeframeMs(options.timeframe) : NaN;
    for (const source of compiled.otherMarkets) {
      // checkTimeframes above refused a strategy with such a block and no timeframe.
      if (!this.otherAligners.has(source.market)) this.otherAligners.set(source.market, new OtherMarketAligner(options.timeframe!));
    }
    this.regs = { num: new Float64Array(compiled.numberSlots), bool: new Uint8Array(compiled.booleanSlots), position: { ...FLAT } };
    this.steps = compiled.steps.filter((s) => !s.timeframe).map((s) => s.runtime.stepper(this.regs));
    this.domains = compiled.timeframeDomains.map((plan) => {
      const regs: Registers = {
        num: new Float64Array(compiled.numberSlots),
        bool: new Uint8Array(compiled.booleanSlots),
        position: { ...FLAT },
      };
      // Nothing has closed yet: what the base bars read of this timeframe is missing.
      for (const slot of plan.numberSlots) this.regs.num[slot] = NaN;
      for (const slot of plan.booleanSlots) this.regs.bool[slot] = UNKNOWN;
      return { plan, aligner: new ClosedBarAligner(plan.timeframe), regs, steps: plan.steps.map((s) => s.runtime.stepper(regs)) };
    });
    this.slots = signalSlots(compiled);
  }

  /** Bars pushed so far. */
  get bars(): number {
    return this.count;
  }

  /** The higher timeframes the strategy reads: hand their closed bars in with `addHigherBar`. */
  get higherTimeframes(): Timeframe[] {
    return this.domains.map((d) => d.plan.timeframe);
  }

  /**
   * A closed bar of a higher timeframe the strategy reads, in time order (repeats are ignored).
   * Add each before pushing the base bar at whose close it has closed; bars added early wait.
   */
  addHigherBar(timeframe: Timeframe, bar: StreamBar): void {
    this.domains.find((d) => d.plan.timeframe === timeframe)?.aligner.add(bar);
  }

  /** The other markets the strategy reads: hand their closed bars in with `addOtherMarketBar`. */
  get otherMarkets(): string[] {
    return [...this.otherAligners.keys()];
  }

  /**
   * A closed bar of another market the strategy reads (same timeframe), in time order (repeats
   * are ignored). Add it before pushing the base bar with the same open time, or it is read from
   * the next base bar on (a late bar is never read back into a past one).
   */
  addOtherMarketBar(market: string, bar: StreamBar): void {
    this.otherAligners.get(market)?.add(bar);
  }

  /** Whether `push` needs the position at each close (the graph has a Position block). */
  get positional(): boolean {
    return this.compiled.positional;
  }

  /**
   * Feeds the next closed bar (open times must ascend) and returns the signal at its close.
   * A strategy that reads its position needs `position`: the position as it stood at that close,
   * before the orders this signal leads to (see PositionPass for the backtest's side).
   */
  push(bar: StreamBar, position?: PositionSnapshot): BarSignal {
    if (!(bar.time > this.lastTime)) {
      throw new Error(`bars must be pushed in time order: ${bar.time} is not after ${this.lastTime}`);
    }
    if (this.compiled.positional && position === undefined) {
      throw new Error('this strategy reads its position (a Position block): push each bar with the position at its close');
    }
    this.lastTime = bar.time;
    if (position !== undefined) {
      const held = this.regs.position;
      held.open = position.open;
      held.entryPrice = position.open ? position.entryPrice : NaN;
      held.entryTime = position.open ? position.entryTime : NaN;
      held.short = position.open && position.short === true;
    }
    const num = this.regs.num;
    num[CANDLE_SLOTS.open] = bar.open;
    num[CANDLE_SLOTS.high] = bar.high;
    num[CANDLE_SLOTS.low] = bar.low;
    num[CANDLE_SLOTS.close] = bar.close;
    num[CANDLE_SLOTS.volume] = bar.volume;
    num[CANDLE_SLOTS.time] = bar.time;
    // The higher-timeframe steps advance only when one of their bars closes (by this bar's close).
    for (const domain of this.domains) {
      if (domain.aligner.advance(bar.time + this.baseMs, (higher) => stepDomain(domain, higher)) > 0) {
        for (const slot of domain.plan.numberSlots) num[slot] = domain.regs.num[slot]!;
        for (const slot of domain.plan.booleanSlots) this.regs.bool[slot] = domain.regs.bool[slot]!;
      }
    }
    for (const source of this.compiled.otherMarkets) {
      const other = this.otherAligners.get(source.market)!.at(bar.time);
      const [o, h, l, c, v] = source.outputs as [number, number, number, number, number];
      num[o] = other ? other.open : NaN;
      num[h] = other ? other.high : NaN;
      num[l] = other ? other.low : NaN;
      num[c] = other ? other.close : NaN;
      num[v] = other ? other.volume : NaN;
    }
    for (const step of this.steps) step();
    this.count++;
    return readSignal(this.slots, this.readBool);
  }

  /** Latest value of a computed output: a number (NaN while warming up) or 0/1/2 for conditions. */
  value(nodeId: string, port: string): number | undefined {
    const slot = this.compiled.outputs.get(`${nodeId}.${port}`);
    if (!slot) return undefined;
    return slot.type === 'number' ? this.regs.num[slot.index] : this.regs.bool[slot.index];
  }
}

/** One closed higher-timeframe bar through its domain: its fields in the candle and source slots, then the steps. */
function stepDomain(domain: StreamingDomain, bar: StreamBar): void {
  const num = domain.regs.num;
  num[CANDLE_SLOTS.open] = bar.open;
  num[CANDLE_SLOTS.high] = bar.high;
  num[CANDLE_SLOTS.low] = bar.low;
  num[CANDLE_SLOTS.close] = bar.close;
  num[CANDLE_SLOTS.volume] = bar.volume;
  num[CANDLE_SLOTS.time] = bar.time;
  for (const source of domain.plan.sources) {
    const [o, h, l, c, v] = source.outputs as [number, number, number, number, number];
    num[o] = bar.open;
    num[h] = bar.high;
    num[l] = bar.low;
    num[c] = bar.close;
    num[v] = bar.volume;
  }
  for (const step of domain.steps) step();
}
