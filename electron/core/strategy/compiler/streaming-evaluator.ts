import type { StreamBar } from '../candle-columns';
import { readSignal, signalSlots, type BarSignal, type SignalSlots } from './batch-evaluator';
import type { CompiledStrategy } from './compile';
import { CANDLE_SLOTS, type Registers } from './runtime-types';
import { FLAT, type PositionSnapshot } from '../kernels/position-tracker';
import { timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import { ClosedBarAligner } from '../kernels/timeframe-align';
import { checkTimeframes } from './compile';

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
  private readonly aligners = new Map<Timeframe, ClosedBarAligner>();

  /** `timeframe`: of the bars pushed; needed (and checked) when the strategy reads a higher timeframe. */
  constructor(
    private readonly compiled: CompiledStrategy,
    options: { timeframe?: Timeframe } = {},
  ) {
    checkTimeframes(compiled, options.timeframe);
    this.baseMs = options.timeframe ? timeframeMs(options.timeframe) : NaN;
    for (const source of compiled.higherTimeframes) {
      if (!this.aligners.has(source.timeframe)) this.aligners.set(source.timeframe, new ClosedBarAligner(source.timeframe));
    }
    this.regs = { num: new Float64Array(compiled.numberSlots), bool: new Uint8Array(compiled.booleanSlots), position: { ...FLAT } };
    this.steps = compiled.steps.map((s) => s.runtime.stepper(this.regs));
    this.slots = signalSlots(compiled);
  }

  /** Bars pushed so far. */
  get bars(): number {
    return this.count;
  }

  /** The higher timeframes the strategy reads: hand their closed bars in with `addHigherBar`. */
  get higherTimeframes(): Timeframe[] {
    return [...this.aligners.keys()];
  }

  /**
   * A closed bar of a higher timeframe the strategy reads, in time order (repeats are ignored).
   * Add each before pushing the base bar at whose close it has closed; bars added early wait.
   */
  addHigherBar(timeframe: Timeframe, bar: StreamBar): void {
    this.aligners.get(timeframe)?.add(bar);
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
    for (const source of this.compiled.higherTimeframes) {
      const higher = this.aligners.get(source.timeframe)!.at(bar.time + this.baseMs);
      const [o, h, l, c, v] = source.outputs as [number, number, number, number, number];
      num[o] = higher ? higher.open : NaN;
      num[h] = higher ? higher.high : NaN;
      num[l] = higher ? higher.low : NaN;
      num[c] = higher ? higher.close : NaN;
      num[v] = higher ? higher.volume : NaN;
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
