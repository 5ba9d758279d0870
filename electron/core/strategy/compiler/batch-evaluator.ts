import type { CandleColumns } from '../candle-columns';
import { TRUE } from '../kernels/conditions';
import { checkTimeframes, OtherMarketDataError, type CompiledStep, type CompiledStrategy, type SlotRef } from './compile';
import { timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import { resampleClosed } from '../kernels/timeframe-align';
import { HigherTimeframePass } from './higher-timeframe-pass';
import { alignOtherMarket } from '../kernels/other-market-align';
import { SharedColumns } from './shared-columns';
import type { ColumnScratch } from './column-scratch';
import type { ColumnStore } from './runtime-types';
import { PositionPass } from './position-pass';

export interface BatchEvaluation {
  length: number;
  /** Per entry rule (compiled order): its `when` condition per bar (0 false, 1 true, 2 unknown). */
  entryConditions: Uint8Array[];
  /** Per exit rule: its `when` condition per bar. */
  exitConditions: Uint8Array[];
  /** A number slot's column (price levels of protective orders). */
  numberColumn(slot: number): Float64Array;
  /** A boolean slot's column (conditions of short entries/exits and adds). */
  booleanColumn(slot: number): Uint8Array;
  /** Where the signal's conditions are (see `signalAt`). */
  signalSlots: SignalSlots;
  /** Any computed output as a whole series (`undefined` for ports that were not computed). */
  series(nodeId: string, port: string): Float64Array | Uint8Array | undefined;
  /**
   * Set when the strategy reads its position: the columns of the steps that do are filled one
   * bar at a time by `positions.advance(i, ...)`, which the holder of the position (the backtest's
   * simulator) calls for every bar in order before reading that bar's conditions.
   */
  positions: PositionPass | null;
  /**
   * The first bar at whose close `bars` bars of a higher timeframe the strategy reads have closed
   * (the bar count when never within these bars): where that timeframe's warm-up ends.
   */
  firstBarWithHigher(timeframe: Timeframe, bars: number): number;
  /** Per "Other market" block: base bars (from `countGapsFrom`) without a bar of that market of their own. */
  otherMarketGaps: OtherMarketGap[];
  /** Hands the computed columns back to the scratch they came from; the evaluation is dead after. */
  release(): void;
}

/** Bars of other markets of the strategy's venue, by market (BTC/USDT → its candles), same timeframe. */
export type OtherMarketBars = Readonly<Record<string, CandleColumns>>;

export interface OtherMarketGap {
  nodeId: string;
  market: string;
  /** Bars that carried the other market's last closed bar (or were empty before its first). */
  missing: number;
}

export interface BatchOptions {
  /** Called between nodes; throw from it to abandon the evaluation (cancellation). */
  checkpoint?: () => void;
  /** Take intermediate columns from (and let `release` return them to) this scratch. */
  scratch?: ColumnScratch;
  /** Indicator columns computed once and reused across the runs of a sweep over the same bars. */
  shared?: SharedColumns;
  /** Timeframe of `candles`; needed (and checked) when the strategy reads a higher timeframe. */
  timeframe?: Timeframe;
  /** Higher-timeframe bars to read; by default they are resampled from `candles` (the same data). */
  higherSeries?: (timeframe: Timeframe) => CandleColumns;
  /** Bars of each market the "Other market" blocks read (same venue and timeframe as `candles`); required for those. */
  otherMarkets?: OtherMarketBars;
  /** First bar whose missing other-market bars are counted (a backtest's range start; the warm-up is not counted). */
  countGapsFrom?: number;
}

/** Runs every compute node over all bars, one column at a time. */
export function evaluateBatch(compiled: CompiledStrategy, candles: CandleColumns, options: BatchOptions = {}): BatchEvaluation {
  const n = candles.length;
  const { scratch } = options;
  const num: Float64Array[] = [candles.open, candles.high, candles.low, candles.close, candles.volume, candles.time];
  const computed: Float64Array[] = [];
  const { valueOnlyConstants } = compiled;
  for (let s = num.length; s < compiled.numberSlots; s++) {
    // A constant read only as a value gets a column only if one is asked for (see `numberAt`).
    const column = valueOnlyConstants.has(s) ? EMPTY : scratch ? scratch.takeFloat64(n) : new Float64Array(n);
    if (column !== EMPTY) computed.push(column);
    num.push(column);
  }
  const numberAt = (slot: number): Float64Array => {
    if (num[slot] === EMPTY) {
      const column = scratch ? scratch.takeFloat64(n) : new Float64Array(n);
      column.fill(valueOnlyConstants.get(slot)!, 0, n);
      computed.push(column);
      num[slot] = column;
    }
    return num[slot]!;
  };
  const bool: Uint8Array[] = [];
  for (let s = 0; s < compiled.booleanSlots; s++) bool.push(scratch ? scratch.takeBytes(n) : new Uint8Array(n));
  const store: ColumnStore = { num, bool };
  const { shared } = options;
  let higher: HigherTimeframePass | null = null;
  if (compiled.higherTimeframes.length > 0) {
    checkTimeframes(compiled, options.timeframe);
    higher = new HigherTimeframePass(
      compiled,
      store,
      n,
      candles.time,
      timeframeMs(options.timeframe!),
      (timeframe) => options.higherSeries?.(timeframe) ?? resampleClosed(candles, timeframe),
      options.checkpoint,
    );
    // What the base bars read of the higher timeframes now; the rest when asked for (charts).
    for (const step of compiled.steps) if (!step.timeframe && !step.higherOnly) for (const ref of step.inputs) higher.align(ref);
    for (const rule of [...compiled.entries, ...compiled.exits]) higher.align({ type: 'boolean', index: rule.condition });
  }
  const otherMarketGaps: OtherMarketGap[] = [];
  if (compiled.otherMarkets.length > 0) {
    checkTimeframes(compiled, options.timeframe);
    for (const source of compiled.otherMarkets) {
      const other =
        options.otherMarkets && Object.hasOwn(options.otherMarkets, source.market) ? options.otherMarkets[source.market] : undefined;
      if (!other) throw new OtherMarketDataError(source.market);
      const columns = source.outputs.map((slot) => num[slot]!);
      const missing = alignOtherMarket(candles.time, n, options.timeframe!, other, columns, options.countGapsFrom ?? 0);
      otherMarketGaps.push({ nodeId: source.nodeId, market: source.market, missing });
    }
  }
  for (const step of compiled.steps) {
    options.checkpoint?.();
    if (step.positional || step.timeframe || step.higherOnly) continue;
    if (step.type === 'constant' && valueOnlyConstants.has(step.outputs[0]!.index)) continue;
    if (shared && SharedColumns.shares(step)) {
      const held = shared.get(step, n);
      if (held) {
        // Point the slots at the shared columns; the scratch ones stay unused this run.
        step.outputs.forEach((ref, k) => setSlot(store, ref, held[k]!));
        continue;
      }
      // Computed into fresh columns so the scratch never recycles a shared one.
      const fresh = step.outputs.map((ref) => (ref.type === 'number' ? new Float64Array(n) : new Uint8Array(n)));
      step.outputs.forEach((ref, k) => setSlot(store, ref, fresh[k]!));
      step.runtime.batch!(store, n);
      shared.put(step, n, fresh);
      continue;
    }
    step.runtime.batch!(store, n);
  }
  // Constants only higher-timeframe steps read get their base column when something asks for it.
  const deferred = new Map<string, CompiledStep>();
  for (const step of compiled.steps) if (step.higherOnly) for (const ref of step.outputs) deferred.set(`${ref.type}:${ref.index}`, step);
  const ready = (ref: SlotRef): void => {
    higher?.align(ref);
    const step = deferred.size > 0 ? deferred.get(`${ref.type}:${ref.index}`) : undefined;
    if (!step) return;
    for (const out of step.outputs) deferred.delete(`${out.type}:${out.index}`);
    // A value-only constant's column is filled by `numberAt` when asked for.
    if (!step.outputs.every((out) => out.type === 'number' && num[out.index] === EMPTY)) step.runtime.batch!(store, n);
  };
  return {
    length: n,
    entryConditions: compiled.entries.map((e) => bool[e.condition]!),
    exitConditions: compiled.exits.map((e) => bool[e.condition]!),
    positions: compiled.positional ? new PositionPass(compiled, store, n) : null,
    otherMarketGaps,
    numberColumn(slot) {
      ready({ type: 'number', index: slot });
      return numberAt(slot);
    },
    booleanColumn(slot) {
      ready({ type: 'boolean', index: slot });
      return bool[slot]!;
    },
    signalSlots: signalSlots(compiled),
    series(nodeId, port) {
      const slot = compiled.outputs.get(`${nodeId}.${port}`);
      if (!slot) return undefined;
      ready(slot);
      return slot.type === 'number' ? numberAt(slot.index) : bool[slot.index];
    },
    firstBarWithHigher: (timeframe, bars) => higher?.firstBarWith(timeframe, bars) ?? n,
    release() {
      scratch?.release(computed, bool);
    },
  };
}

/** Stands for the column of a value-only constant until one is asked for. */
const EMPTY = new Float64Array(0);

function setSlot(store: ColumnStore, ref: SlotRef, column: Float64Array | Uint8Array): void {
  if (ref.type === 'number') store.num[ref.index] = column as Float64Array;
  else store.bool[ref.index] = column as Uint8Array;
}

/** What a strategy asks for at a bar's close. */
export interface BarSignal {
  /** The "Enter long" rule that fires (index in `entries`), −1: none. */
  enter: number;
  /** Some "Exit long" condition is true. */
  exit: boolean;
  /** The "Enter short" rule that fires (index in `shortEntries`), −1: none. */
  enterShort: number;
  exitShort: boolean;
  /** Entry rules whose "Add to position" condition is true: long index, or long count + short index. */
  adds: readonly number[];
}

/** No add condition is true (shared, so a graph without adds allocates nothing per bar). */
export const NO_ADDS: readonly number[] = Object.freeze([]);

/** The boolean slots a signal reads, in the compiled strategy's rule order. */
export interface SignalSlots {
  enter: number[];
  exit: number[];
  enterShort: number[];
  exitShort: number[];
  /** [rule index, add condition slot] of every entry rule with an add. */
  adds: [number, number][];
}

export function signalSlots(compiled: CompiledStrategy): SignalSlots {
  const rules = [...compiled.entries, ...compiled.shortEntries];
  return {
    enter: compiled.entries.map((e) => e.condition),
    exit: compiled.exits.map((e) => e.condition),
    enterShort: compiled.shortEntries.map((e) => e.condition),
    exitShort: compiled.shortExits.map((e) => e.condition),
    adds: rules.flatMap((rule, r): [number, number][] => (rule.orders?.add ? [[r, rule.orders.add.condition]] : [])),
  };
}

/** The signal read from condition values (`at(slot)`); one rule for both evaluators. */
export function readSignal(slots: SignalSlots, at: (slot: number) => number): BarSignal {
  // Plain loops: the streaming evaluator calls this on every live bar.
  const adds = slots.adds.length === 0 ? NO_ADDS : slots.adds.filter(([, slot]) => at(slot) === TRUE).map(([r]) => r);
  return {
    enter: firstTrue(slots.enter, at),
    exit: firstTrue(slots.exit, at) >= 0,
    enterShort: firstTrue(slots.enterShort, at),
    exitShort: firstTrue(slots.exitShort, at) >= 0,
    adds,
  };
}

/** Index of the first slot whose condition is true, −1: none. */
function firstTrue(list: readonly number[], at: (slot: number) => number): number {
  for (let r = 0; r < list.length; r++) if (at(list[r]!) === TRUE) return r;
  return -1;
}

/** Entry: the first rule (in document order) whose condition is true. Exit: any exit rule. */
export function signalAt(evaluation: BatchEvaluation, i: number): BarSignal {
  return readSignal(evaluation.signalSlots, (slot) => evaluation.booleanColumn(slot)[i]!);
}
