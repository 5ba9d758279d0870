import type { Candle, Timeframe } from '../../../shared/domain/types';
import { CandleBook } from './candle-book';
import type { FillMarkerSpec, PriceLineSpec } from './chart-overlays';
import type { ChartView } from './chart-view';
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
