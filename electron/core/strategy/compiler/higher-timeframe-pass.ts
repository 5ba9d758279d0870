/**
 * The batch side of the higher-timeframe steps: each timeframe's steps run over its closed-bar
 * series (m bars, not the n base bars), then their columns are aligned onto the base bars — the
 * value of the last higher-timeframe bar closed by each base bar's close, NaN (unknown for
 * conditions) before the first. A column is aligned when something on the base bars reads it.
 */
import { timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import type { CandleColumns } from '../candle-columns';
import { alignConditions, alignNumbers, closedBarStarts } from '../kernels/timeframe-align';
import type { CompiledStrategy, SlotRef } from './compile';
import type { ColumnStore } from './runtime-types';
import type { TimeframeDomain } from './timeframe-domains';

interface EvaluatedDomain {
  store: ColumnStore;
  /** A source output's slot → the bars' field it shows, built when first read (see resampleClosed). */
  sourceField: Map<number, () => Float64Array>;
  /** Per higher-timeframe bar: the first base bar that sees it (see closedBarStarts). */
  starts: Int32Array;
}

export class HigherTimeframePass {
  /** `type:index` of each slot computed on a higher timeframe → the domain holding its column. */
  private readonly owner = new Map<string, EvaluatedDomain>();
  private readonly aligned = new Set<string>();
  private readonly starts = new Map<Timeframe, Int32Array>();

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
      const sourceField = sourceFields(domain, higher);
      const evaluated: EvaluatedDomain = {
        store: evaluateDomain(compiled, domain, higher.length, sourceField, checkpoint),
        sourceField,
        starts: closedBarStarts(times, n, baseMs, higher.time, higher.length, timeframeMs(domain.timeframe)),
      };
      this.starts.set(domain.timeframe, evaluated.starts);
      for (const slot of domain.numberSlots) this.owner.set(`number:${slot}`, evaluated);
      for (const slot of domain.booleanSlots) this.owner.set(`boolean:${slot}`, evaluated);
    }
  }

  /** The first base bar at whose close `bars` bars of `timeframe` have closed (the bar count when never). */
  firstBarWith(timeframe: Timeframe, bars: number): number {
    const starts = this.starts.get(timeframe);
    return starts && bars >= 1 && bars <= starts.length ? starts[bars - 1]! : bars < 1 ? 0 : this.n;
  }

  /** Fills the base column of `ref` from its higher-timeframe column, once; other slots are left alone. */
  align(ref: SlotRef): void {
    const key = `${ref.type}:${ref.index}`;
    const domain = this.owner.get(key);
    if (!domain || this.aligned.has(key)) return;
    this.aligned.add(key);
    if (ref.type === 'number') {
      const column = domain.store.num[ref.index] ?? domain.sourceField.get(ref.index)!();
      alignNumbers(column, domain.starts, this.base.num[ref.index]!, this.n);
    } else alignConditions(domain.store.bool[ref.index]!, domain.starts, this.base.bool[ref.index]!, this.n);
  }
}

/** Each source output slot of a domain → a reader of its field of the higher-timeframe bars. */
function sourceFields(domain: TimeframeDomain, higher: CandleColumns): Map<number, () => Float64Array> {
  const readers = [() => higher.open, () => higher.high, () => higher.low, () => higher.close, () => higher.volume];
  const fields = new Map<number, () => Float64Array>();
  for (const source of domain.sources) source.outputs.forEach((slot, k) => fields.set(slot, readers[k]!));
  return fields;
}

/**
 * Runs a domain's steps over its m bars, in a store of its own (same slot numbers, m-long
 * columns). Only the bars' fields its steps read are built. The candle slots stay empty: blocks
 * that read them (no inputs: ATR, patterns, time filters) always run on the base bars.
 */
function evaluateDomain(
  compiled: CompiledStrategy,
  domain: TimeframeDomain,
  m: number,
  sourceField: Map<number, () => Float64Array>,
  checkpoint?: () => void,
): ColumnStore {
  const num: Float64Array[] = new Array<Float64Array>(compiled.numberSlots);
  const bool: Uint8Array[] = new Array<Uint8Array>(compiled.booleanSlots);
  for (const step of domain.steps) {
    for (const ref of step.inputs)
      if (ref.type === 'number' && sourceField.has(ref.index)) num[ref.index] ??= sourceField.get(ref.index)!();
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
