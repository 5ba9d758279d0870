/**
 * The batch side of the higher-timeframe steps: each timeframe's steps run over its closed-bar
 * series (m bars, not the n base bars), then their columns are aligned onto the base bars — the
 * value of the last higher-timeframe bar closed by each base bar's close, NaN (unknown for
 * conditions) before the first. A column is aligned when something on the base bars reads it.
 */
import { timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import type { CandleColumns } from '../candle-columns';
import { alignConditions, alignNumbers, closedBarIndex } from '../kernels/timeframe-align';
import type { CompiledStrategy, SlotRef } from './compile';
import { CANDLE_SLOTS, type ColumnStore } from './runtime-types';
import type { TimeframeDomain } from './timeframe-domains';

interface EvaluatedDomain {
  store: ColumnStore;
  /** Per base bar: the index of the last closed higher-timeframe bar, −1 before the first. */
  index: Int32Array;
}

export class HigherTimeframePass {
  /** `type:index` of each slot computed on a higher timeframe → the domain holding its column. */
  private readonly owner = new Map<string, EvaluatedDomain>();
  private readonly aligned = new Set<string>();
  private readonly indexes = new Map<Timeframe, Int32Array>();

  constructor(
    compiled: CompiledStrategy,
    private readonly base: ColumnStore,
    private readonly n: number,
    times: Float64Array,
    baseMs: number,
    series: (timeframe: Timeframe) => CandleColumns,
    checkpoint?: () => void,
  ) {
    for (const domain of compiled.timeframeDomains) {
      const higher = series(domain.timeframe);
      assertAscending(higher, domain.timeframe);
      const evaluated: EvaluatedDomain = {
        store: evaluateDomain(compiled, domain, higher, checkpoint),
        index: closedBarIndex(times, n, baseMs, higher.time, higher.length, timeframeMs(domain.timeframe)),
      };
      this.indexes.set(domain.timeframe, evaluated.index);
      for (const slot of domain.numberSlots) this.owner.set(`number:${slot}`, evaluated);
      for (const slot of domain.booleanSlots) this.owner.set(`boolean:${slot}`, evaluated);
    }
  }

  /** The first base bar at whose close `bars` bars of `timeframe` have closed (the bar count when never). */
  firstBarWith(timeframe: Timeframe, bars: number): number {
    const index = this.indexes.get(timeframe);
    if (!index) return this.n;
    // The index never decreases: binary search for the first entry ≥ bars − 1.
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index[mid]! >= bars - 1) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Fills the base column of `ref` from its higher-timeframe column, once; other slots are left alone. */
  align(ref: SlotRef): void {
    const key = `${ref.type}:${ref.index}`;
    const domain = this.owner.get(key);
    if (!domain || this.aligned.has(key)) return;
    this.aligned.add(key);
    if (ref.type === 'number') alignNumbers(domain.store.num[ref.index]!, domain.index, this.base.num[ref.index]!, this.n);
    else alignConditions(domain.store.bool[ref.index]!, domain.index, this.base.bool[ref.index]!, this.n);
  }
}

/** Runs a domain's steps over its bars, in a store of its own (same slot numbers, m-long columns). */
function evaluateDomain(compiled: CompiledStrategy, domain: TimeframeDomain, higher: CandleColumns, checkpoint?: () => void): ColumnStore {
  const m = higher.length;
  const fields = [higher.open, higher.high, higher.low, higher.close, higher.volume];
  const num: Float64Array[] = new Array<Float64Array>(compiled.numberSlots);
  const bool: Uint8Array[] = new Array<Uint8Array>(compiled.booleanSlots);
  // The candle slots hold the higher-timeframe bars too, so any block reads them as its bars.
  fields.forEach((column, k) => (num[k] = column));
  num[CANDLE_SLOTS.time] = higher.time;
  for (const source of domain.sources) source.outputs.forEach((slot, k) => (num[slot] = fields[k]!));
  for (const step of domain.steps) {
    for (const ref of step.outputs) {
      if (ref.type === 'number') num[ref.index] = new Float64Array(m);
      else bool[ref.index] = new Uint8Array(m);
    }
  }
  const store: ColumnStore = { num, bool };
  for (const step of domain.steps) {
    checkpoint?.();
    step.runtime.batch!(store, m);
  }
  return store;
}

function assertAscending(bars: CandleColumns, timeframe: Timeframe): void {
  for (let k = 1; k < bars.length; k++) {
    if (!(bars.time[k]! > bars.time[k - 1]!)) {
      throw new Error(`${timeframe} bars must be in ascending time order without repeats (bar ${k} opens at ${bars.time[k]})`);
    }
  }
}
