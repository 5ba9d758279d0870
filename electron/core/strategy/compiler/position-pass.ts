/**
 * The bar-by-bar part of a batch evaluation for a strategy that reads its position. The position
 * at bar t's close depends on the fills up to t, which depend on the signals before t, so these
 * steps cannot be whole columns computed ahead. They run as the streaming evaluator runs them (the
 * same steppers over registers), reading the already computed market columns at bar t and writing
 * their own outputs back into the columns, so the evaluation reads the same afterwards.
 */
import type { PositionSnapshot } from '../kernels/position-tracker';
import { FLAT } from '../kernels/position-tracker';
import type { CompiledStrategy } from './compile';
import { CANDLE_SLOTS, type ColumnStore, type Registers } from './runtime-types';

export class PositionPass {
  private readonly regs: Registers;
  private readonly steppers: (() => void)[];
  /** Market slots the positional steps read (copied in per bar), candle slots included. */
  private readonly numIn: number[];
  private readonly boolIn: number[];
  /** Slots the positional steps write (copied out per bar). */
  private readonly numOut: number[];
  private readonly boolOut: number[];
  private next = 0;

  constructor(
    compiled: CompiledStrategy,
    private readonly store: ColumnStore,
    private readonly length: number,
  ) {
    this.regs = {
      num: new Float64Array(compiled.numberSlots),
      bool: new Uint8Array(compiled.booleanSlots),
      position: { ...FLAT },
    };
    const steps = compiled.steps.filter((s) => s.positional);
    const numOut = new Set<number>();
    const boolOut = new Set<number>();
    for (const step of steps) for (const ref of step.outputs) (ref.type === 'number' ? numOut : boolOut).add(ref.index);
    // The Position block reads the bar's high, low and close besides its (absent) inputs.
    const numIn = new Set<number>([CANDLE_SLOTS.high, CANDLE_SLOTS.low, CANDLE_SLOTS.close]);
    const boolIn = new Set<number>();
    for (const step of steps) {
      for (const ref of step.inputs) {
        if (ref.type === 'number' && !numOut.has(ref.index)) numIn.add(ref.index);
        if (ref.type === 'boolean' && !boolOut.has(ref.index)) boolIn.add(ref.index);
      }
    }
    this.numIn = [...numIn];
    this.boolIn = [...boolIn];
    this.numOut = [...numOut];
    this.boolOut = [...boolOut];
    this.steppers = steps.map((s) => s.runtime.stepper(this.regs));
  }

  /** Bars evaluated so far. */
  get bars(): number {
    return this.next;
  }

  /**
   * Evaluates bar `i` (which must be the next one) with the position as it stood at its close.
   * Primitives rather than a snapshot object: the simulator calls this on every bar.
   */
  advance(i: number, open: boolean, entryPrice: number, entryTime: number, short = false): void {
    if (i !== this.next) throw new Error(`position pass: bar ${i} evaluated out of order (expected ${this.next})`);
    if (i >= this.length) throw new Error(`position pass: bar ${i} is past the ${this.length} evaluated bars`);
    const { num, bool, position } = this.regs;
    const cols = this.store;
    for (const s of this.numIn) num[s] = cols.num[s]![i]!;
    for (const s of this.boolIn) bool[s] = cols.bool[s]![i]!;
    position.open = open;
    position.entryPrice = open ? entryPrice : NaN;
    position.entryTime = open ? entryTime : NaN;
    position.short = open && short;
    for (const step of this.steppers) step();
    for (const s of this.numOut) cols.num[s]![i] = num[s]!;
    for (const s of this.boolOut) cols.bool[s]![i] = bool[s]!;
    this.next++;
  }

  /** `advance` with a snapshot (tests, previews). */
  advanceWith(i: number, snapshot: PositionSnapshot): void {
    this.advance(i, snapshot.open, snapshot.entryPrice, snapshot.entryTime, snapshot.short === true);
  }
}
