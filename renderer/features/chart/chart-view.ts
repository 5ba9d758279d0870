import type { Candle, Timeframe } from '../../../shared/domain/types';
import type { CandleChange } from './candle-book';
import type { FillMarkerSpec, PriceLineSpec } from './chart-overlays';
import type { IndicatorSeriesSpec } from './indicator-layout';
import type { IndicatorPoints } from './indicator-values';
import type { ValueSource } from './value-source';

/**
 * What the chart panel needs from a charting library. The panel drives it imperatively (live bars
 * never pass through React state); tests substitute a fake because jsdom has no canvas.
 */
export interface ChartView {
  /** Tick size of the market, or null to derive the precision from the prices. */
  setPriceStep(step: number | null): void;
  /** Replaces every bar (new market, timeframe or a reload) and shows the latest ones (older ones on scroll-back). */
  setCandles(candles: readonly Candle[], timeframe: Timeframe): void;
  /**
   * Inserts older bars in front without moving what is in view (scroll-back), then drops the
   * newest bars beyond `maxBars` (the far end from where the person is looking).
   */
  prependCandles(older: readonly Candle[], maxBars: number): { added: number; dropped: number };
  /** Every drawn bar, oldest first (what indicators are computed over). */
  bars(): readonly Candle[];
  /** Called with the number of bars left of the visible range whenever the view scrolls or zooms. */
  onScrollBack(listener: (barsBeforeView: number) => void): () => void;
  /** Replaces the indicator lines drawn: adds and removes series, and panes below the price pane. */
  setIndicatorSeries(series: readonly IndicatorSeriesSpec[]): void;
  /** Panes drawn (the price pane plus one per oscillator). */
  panes(): number;
  /** Replaces every value of one indicator's lines. */
  setIndicatorData(indicatorId: string, points: IndicatorPoints): void;
  /** Applies the newest values of one indicator (a live tail: the times exist already or come last). */
  updateIndicatorData(indicatorId: string, points: IndicatorPoints): void;
  /** Applies one live bar straight to the series. */
  applyCandle(candle: Candle): CandleChange;
  clear(): void;
  /** Number of bars drawn. */
  count(): number;
  /** The hovered bar, or the last bar when the crosshair is away. */
  readonly legend: ValueSource<Candle | null>;
  /** Replaces the open orders' price lines. */
  setOrderLines(lines: readonly PriceLineSpec[]): void;
  /** Replaces the brackets' price lines (entry, targets, stop). */
  setBracketLines(lines: readonly PriceLineSpec[]): void;
  /**
   * Called when a draggable price line (one whose spec has `drag`) is dropped at a new price;
   * null stops listening. The line stays where it was dropped until the lines are set again.
   */
  onLineDrag(handler: ((line: PriceLineSpec, price: number) => void) | null): void;
  /** The price at `y` pixels from the top of the chart (the price pane's scale, rounded to the tick), or null off the scale. */
  priceAt(y: number): number | null;
  /** Replaces the fill markers (sorted by time). */
  setFillMarkers(markers: readonly FillMarkerSpec[]): void;
  destroy(): void;
}

export type CreateChartView = (container: HTMLElement) => ChartView;
