import type { Candle } from '../../../shared/domain/types';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import { indicatorLookback, MAX_INDICATOR_CANDLES, type IndicatorSpec } from '../../../shared/ipc/schemas/indicators';
import type { ChartView } from './chart-view';
import { layoutIndicators } from './indicator-layout';
import { IndicatorValues, type IndicatorPoints } from './indicator-values';

/** What happened to the drawn bars; the candle feed reports it, the indicators follow. */
export type BarsChange =
  | { kind: 'reset' }
  /** `dropped` newest bars were unloaded at the same time (memory cap). */
  | { kind: 'prepended'; count: number; dropped: number }
  | { kind: 'live'; time: number };

export type ComputeIndicators = (input: MethodInput<'indicators.compute'>) => Promise<MethodOutput<'indicators.compute'>>;

/** Live bars change many times a second; core is asked for the tail at most this often. */
export const TAIL_INTERVAL_MS = 1000;
/** A request always leaves room for this many computed bars after its lookback. */
const MIN_APPLIED = 500;

function lowerBound(bars: readonly Candle[], time: number): number {
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((bars[middle] as Candle)[0] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Keeps the chart's indicators computed by core (`indicators.compute`) for the drawn bars. A
 * reload computes everything (in chunks that fit one request); a scroll-back page computes itself
 * plus the bars whose warm-up it completes; live bars ask only for the tail with its lookback
 * (see indicatorLookback), one request in flight and at most one per TAIL_INTERVAL_MS, so a fast
 * stream never floods core. The maths never runs here.
 */
export class IndicatorFeed {
  readonly values = new IndicatorValues();
  private view: ChartView | null = null;
  private specs: readonly IndicatorSpec[] = [];
  /** Bumped on every reset: answers to older requests are dropped. */
  private generation = 0;
  private dirtyFrom: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  private lastTailAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly computeIndicators: ComputeIndicators,
    private readonly onError: (message: string | null) => void,
    private readonly describe: (error: unknown) => string,
  ) {}

  /** A new view or a new set of indicators: redraw the series and compute from scratch. */
  configure(view: ChartView | null, specs: readonly IndicatorSpec[]): void {
    this.view = view;
    this.specs = specs;
    view?.setIndicatorSeries(layoutIndicators(specs));
    this.reset();
  }

  barsChanged(change: BarsChange): void {
    if (!this.view || this.specs.length === 0) return;
    if (change.kind === 'reset') {
      this.reset();
    } else if (change.kind === 'prepended') {
      if (change.dropped > 0) {
        const newest = this.view.bars().at(-1);
        this.cancelTail();
        if (newest) this.values.dropAfter(newest[0]);
      }
      // The page plus the bars after it whose warm-up it completes (no bars: just redraw the trimmed lines).
      if (change.count > 0 || change.dropped > 0) void this.compute(0, change.count > 0 ? change.count + this.lookback() : 0, 'set');
    } else {
      this.dirtyFrom = this.dirtyFrom === null ? change.time : Math.min(this.dirtyFrom, change.time);
      this.scheduleTail();
    }
  }

  dispose(): void {
    this.generation++;
    this.cancelTail();
    this.view = null;
  }

  private reset(): void {
    this.generation++;
    this.cancelTail();
    this.values.clear();
    const view = this.view;
    if (!view) return;
    for (const spec of this.specs) view.setIndicatorData(spec.id, { times: [], lines: {} });
    void this.compute(0, view.bars().length, 'set');
  }

  private lookback(): number {
    return Math.min(Math.max(0, ...this.specs.map(indicatorLookback)), MAX_INDICATOR_CANDLES - MIN_APPLIED);
  }

  private cancelTail(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.dirtyFrom = null;
  }

  private scheduleTail(): void {
    if (this.timer !== null || this.busy) return;
    const wait = Math.max(0, this.lastTailAt + TAIL_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => void this.runTail(), wait);
  }

  private async runTail(): Promise<void> {
    this.timer = null;
    const view = this.view;
    if (this.dirtyFrom === null || !view) return;
    const from = lowerBound(view.bars(), this.dirtyFrom);
    this.dirtyFrom = null;
    this.busy = true;
    try {
      await this.compute(from, view.bars().length, 'update');
    } finally {
      this.busy = false;
      this.lastTailAt = Date.now();
    }
    if (this.dirtyFrom !== null) this.scheduleTail();
  }

  /** Computes bars [from, to) and draws them: `set` replaces whole lines, `update` applies a tail. */
  private async compute(from: number, to: number, mode: 'set' | 'update'): Promise<void> {
    const { view, specs, generation } = this;
    if (!view || specs.length === 0) return;
    const bars = view.bars();
    const lookback = this.lookback();
    const span = MAX_INDICATOR_CANDLES - lookback;
    const end = Math.min(to, bars.length);
    const chunks: Array<{ candles: Candle[]; skip: number }> = [];
    for (let start = from; start < end; start += span) {
      const first = Math.max(0, start - lookback);
      chunks.push({ candles: bars.slice(first, Math.min(end, start + span)), skip: start - first });
    }
    try {
      for (const { candles, skip } of chunks) {
        const { series } = await this.computeIndicators({ indicators: [...specs], candles });
        if (this.generation !== generation) return;
        const times = candles.slice(skip).map((bar) => bar[0]);
        for (const { id, lines } of series) {
          const applied: IndicatorPoints = {
            times,
            lines: Object.fromEntries(Object.entries(lines).map(([line, values]) => [line, values.slice(skip)])),
          };
          this.values.merge(id, applied);
          if (mode === 'update') view.updateIndicatorData(id, applied);
        }
      }
      if (mode === 'set') {
        for (const spec of specs) {
          const points = this.values.points(spec.id);
          if (points) view.setIndicatorData(spec.id, points);
        }
      }
      this.onError(null);
    } catch (error) {
      if (this.generation === generation) this.onError(this.describe(error));
    }
  }
}
