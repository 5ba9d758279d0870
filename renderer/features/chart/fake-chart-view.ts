import type { Candle, Timeframe } from '../../../shared/domain/types';
import { CandleBook } from './candle-book';
import type { FillMarkerSpec, PriceLineSpec } from './chart-overlays';
import type { ChartView } from './chart-view';
import { paneCount, type IndicatorSeriesSpec } from './indicator-layout';
import type { IndicatorPoints } from './indicator-values';
import { createValueSource } from './value-source';

/** A ChartView without a canvas (jsdom has none) that records what the panel asked it to draw. */
export class FakeChartView implements ChartView {
  readonly book = new CandleBook();
  readonly legend = createValueSource<Candle | null>(null);
  readonly setCandlesCalls: Array<{ candles: readonly Candle[]; timeframe: Timeframe }> = [];
  readonly applied: Candle[] = [];
  priceStep: number | null = null;
  destroyed = false;

  setPriceStep(step: number | null): void {
    this.priceStep = step;
  }
  setCandles(candles: readonly Candle[], timeframe: Timeframe): void {
    this.setCandlesCalls.push({ candles, timeframe });
    this.book.replace(candles);
    this.legend.set(this.book.last() ?? null);
  }
  readonly prepended: Array<readonly Candle[]> = [];
  prependCandles(older: readonly Candle[], maxBars: number) {
    this.prepended.push(older);
    const added = this.book.prepend(older);
    return { added, dropped: this.book.trimNewest(maxBars) };
  }
  bars(): readonly Candle[] {
    return this.book.all();
  }
  private readonly scrollListeners = new Set<(barsBeforeView: number) => void>();
  onScrollBack(listener: (barsBeforeView: number) => void): () => void {
    this.scrollListeners.add(listener);
    return () => this.scrollListeners.delete(listener);
  }
  /** Test helper: the person scrolled so that `barsBeforeView` bars lie left of the view. */
  scrollTo(barsBeforeView: number): void {
    for (const listener of [...this.scrollListeners]) listener(barsBeforeView);
  }
  indicatorSeries: readonly IndicatorSeriesSpec[] = [];
  /** Indicator id → the values drawn, as the view would hold them. */
  readonly indicatorData = new Map<string, IndicatorPoints>();
  readonly indicatorUpdates: Array<{ id: string; times: number[] }> = [];
  setIndicatorSeries(series: readonly IndicatorSeriesSpec[]): void {
    this.indicatorSeries = series;
    const ids = new Set(series.map((s) => s.indicatorId));
    for (const id of [...this.indicatorData.keys()]) if (!ids.has(id)) this.indicatorData.delete(id);
  }
  setIndicatorData(id: string, points: IndicatorPoints): void {
    this.indicatorData.set(id, {
      times: [...points.times],
      lines: Object.fromEntries(Object.entries(points.lines).map(([k, v]) => [k, [...v]])),
    });
  }
  updateIndicatorData(id: string, points: IndicatorPoints): void {
    this.indicatorUpdates.push({ id, times: [...points.times] });
    const held = this.indicatorData.get(id) ?? { times: [], lines: {} };
    points.times.forEach((time, i) => {
      let index = held.times.indexOf(time);
      if (index < 0) index = held.times.push(time) - 1;
      for (const [line, values] of Object.entries(points.lines)) (held.lines[line] ??= [])[index] = values[i] ?? null;
    });
    this.indicatorData.set(id, held);
  }
  /** Panes in use: the price pane plus one per oscillator. */
  panes(): number {
    return paneCount(this.indicatorSeries);
  }
  applyCandle(candle: Candle) {
    this.applied.push(candle);
    const change = this.book.upsert(candle);
    this.legend.set(this.book.last() ?? null);
    return change;
  }
  clear(): void {
    this.book.clear();
    this.legend.set(null);
  }
  count(): number {
    return this.book.size;
  }
  orderLines: readonly PriceLineSpec[] = [];
  bracketLines: readonly PriceLineSpec[] = [];
  fillMarkers: readonly FillMarkerSpec[] = [];
  lineDragHandler: ((line: PriceLineSpec, price: number) => void) | null = null;
  onLineDrag(handler: ((line: PriceLineSpec, price: number) => void) | null): void {
    this.lineDragHandler = handler;
  }
  /** A test's drag: drops the line with this title at `price`. */
  dropLine(title: string, price: number): void {
    const line = [...this.orderLines, ...this.bracketLines].find((candidate) => candidate.title === title);
    if (!line?.drag) throw new Error(`No draggable line "${title}"`);
    this.lineDragHandler?.(line, price);
  }
  /** Tests set how a y coordinate maps to a price (jsdom has no scale). */
  priceAtY: (y: number) => number | null = () => null;
  priceAt(y: number): number | null {
    return this.priceAtY(y);
  }
  setOrderLines(lines: readonly PriceLineSpec[]): void {
    this.orderLines = lines;
  }
  setBracketLines(lines: readonly PriceLineSpec[]): void {
    this.bracketLines = lines;
  }
  setFillMarkers(markers: readonly FillMarkerSpec[]): void {
    this.fillMarkers = markers;
  }
  destroy(): void {
    this.destroyed = true;
  }
}
