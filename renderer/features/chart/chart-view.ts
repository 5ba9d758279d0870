import type { Candle, Timeframe } from '../../../shared/domain/types';
import type { CandleChange } from './candle-book';
import type { FillMarkerSpec, PriceLineSpec } from './chart-overlays';
import type { ValueSource } from './value-source';

/**
 * What the chart panel needs from a charting library. The panel drives it imperatively (live bars
 * never pass through React state); tests substitute a fake because jsdom has no canvas.
 */
export interface ChartView {
  /** Tick size of the market, or null to derive the precision from the prices. */
  setPriceStep(step: number | null): void;
  /** Replaces every bar (new market, timeframe or a reload) and frames them. */
  setCandles(candles: readonly Candle[], timeframe: Timeframe): void;
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
  /** Replaces the fill markers (sorted by time). */
  setFillMarkers(markers: readonly FillMarkerSpec[]): void;
  destroy(): void;
}

export type CreateChartView = (container: HTMLElement) => ChartView;
