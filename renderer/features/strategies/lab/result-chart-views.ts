/**
 * The two result charts on lightweight-charts: the equity curve with its drawdown in a pane
 * below, and the traded bars with a marker per entry and exit. Kept behind small interfaces so
 * components can be tested with fakes (jsdom has no canvas).
 */
import {
  AreaSeries,
  CandlestickSeries,
  LineSeries,
  LineStyle,
  createChart,
  createSeriesMarkers,
  type SeriesMarker,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { BacktestRunResult } from '../../../../shared/ipc/schemas/strategies';
import { decimalsForPrice } from '../../../lib/format/numbers';
import { CHART_COLORS, CHART_OPTIONS } from '../../chart/chart-theme';
import { followDisplayTimeZone } from '../../chart/chart-time-zone';
import { tradeMarkers } from './trade-markers';

export interface EquityChartView {
  /** `buyAndHold`: values at `curve.time`, drawn as a second line when given. */
  setCurve(curve: BacktestRunResult['curve'], buyAndHold?: readonly number[]): void;
  destroy(): void;
}

export interface TradesChartView {
  setData(candles: BacktestRunResult['candles'], trades: BacktestRunResult['trades']): void;
  destroy(): void;
}

export type CreateEquityChartView = (container: HTMLElement) => EquityChartView;
export type CreateTradesChartView = (container: HTMLElement) => TradesChartView;

const EQUITY_COLOUR = '#4c9bff';
const HOLD_COLOUR = '#8b96a5';
/**
 * A run has up to a few thousand points in a few hundred pixels: the default minimum bar spacing
 * (0.5 px) would show only the end of it, so the whole run is allowed to fit (zoom in for detail).
 */
const WHOLE_RUN = { timeVisible: true, minBarSpacing: 0.01, rightOffset: 2 } as const;
/** Above this many trades the B / S letters would cover the bars: arrows only. */
const LETTERS_UP_TO = 30;

/**
 * autoSize measures the container asynchronously, so a fit made right after setData can use a
 * zero width and show only the end of the run; fitting again when the width is known frames it all.
 */
function fitOnResize(chart: ReturnType<typeof createChart>): void {
  chart.timeScale().subscribeSizeChange(() => chart.timeScale().fitContent());
}
const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export const createLightweightEquityView: CreateEquityChartView = (container) => {
  const chart = createChart(container, {
    ...CHART_OPTIONS,
    rightPriceScale: { ...CHART_OPTIONS.rightPriceScale, scaleMargins: { top: 0.1, bottom: 0.05 } },
    timeScale: { ...CHART_OPTIONS.timeScale, ...WHOLE_RUN },
  });
  const equity = chart.addSeries(LineSeries, { color: EQUITY_COLOUR, lineWidth: 2, priceLineVisible: false, title: 'Equity' });
  const held = chart.addSeries(LineSeries, {
    color: HOLD_COLOUR,
    lineWidth: 1,
    lineStyle: LineStyle.Dashed,
    priceLineVisible: false,
    lastValueVisible: false,
    title: 'Buy & hold',
  });
  // Drawdown in its own pane below, as a negative percent so it hangs down from zero.
  const drawdown = chart.addSeries(
    AreaSeries,
    {
      lineColor: CHART_COLORS.down,
      topColor: 'rgba(240, 80, 110, 0.05)',
      bottomColor: 'rgba(240, 80, 110, 0.35)',
      lineWidth: 1,
      priceLineVisible: false,
      title: 'Drawdown %',
      priceFormat: { type: 'percent', precision: 2, minMove: 0.01 },
    },
    1,
  );
  chart.panes()[1]?.setStretchFactor(0.45);
  fitOnResize(chart);
  const stopFollowingZone = followDisplayTimeZone(chart);
  return {
    setCurve(curve, buyAndHold) {
      equity.setData(curve.time.map((t, i) => ({ time: seconds(t), value: curve.equity[i]! })));
      held.setData(buyAndHold ? curve.time.map((t, i) => ({ time: seconds(t), value: buyAndHold[i]! })) : []);
      drawdown.setData(curve.time.map((t, i) => ({ time: seconds(t), value: -curve.drawdownPct[i]! })));
      chart.timeScale().fitContent();
    },
    destroy: () => {
      stopFollowingZone();
      chart.remove();
    },
  };
};

export const createLightweightTradesView: CreateTradesChartView = (container) => {
  const chart = createChart(container, { ...CHART_OPTIONS, timeScale: { ...CHART_OPTIONS.timeScale, ...WHOLE_RUN } });
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: CHART_COLORS.up,
    downColor: CHART_COLORS.down,
    borderUpColor: CHART_COLORS.up,
    borderDownColor: CHART_COLORS.down,
    wickUpColor: CHART_COLORS.up,
    wickDownColor: CHART_COLORS.down,
  });
  const markers = createSeriesMarkers(candles, []);
  fitOnResize(chart);
  const stopFollowingZone = followDisplayTimeZone(chart);
  return {
    setData(data, trades) {
      const bars = data.bars;
      const sample = bars.at(-1)?.[4] ?? 0;
      const precision = decimalsForPrice(sample);
      candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
      candles.setData(bars.map(([t, open, high, low, close]) => ({ time: seconds(t), open, high, low, close })));
      markers.setMarkers(
        tradeMarkers(bars, trades).map((m): SeriesMarker<UTCTimestamp> => ({
          time: seconds(m.time),
          position: m.side === 'entry' ? 'belowBar' : 'aboveBar',
          shape: m.side === 'entry' ? 'arrowUp' : 'arrowDown',
          color: m.side === 'entry' ? CHART_COLORS.up : CHART_COLORS.down,
          ...(trades.length <= LETTERS_UP_TO ? { text: m.text } : {}),
        })),
      );
      chart.timeScale().fitContent();
    },
    destroy: () => {
      stopFollowingZone();
      chart.remove();
    },
  };
};
