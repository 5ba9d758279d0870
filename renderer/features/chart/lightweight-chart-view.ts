import {
  CandlestickSeries,
  HistogramSeries,
  LineStyle,
  createChart,
  createSeriesMarkers,
  type IPriceLine,
  type SeriesMarker,
  type CandlestickData,
  type HistogramData,
  type MouseEventParams,
  type PriceFormat,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, Timeframe } from '../../../shared/domain/types';
import { decimalsForPrice, decimalsForStep } from '../../lib/format/numbers';
import { CandleBook } from './candle-book';
import { CHART_COLORS, CHART_OPTIONS } from './chart-theme';
import type { FillMarkerSpec, LineStyleName, PriceLineSpec } from './chart-overlays';
import type { ChartView } from './chart-view';
import { createValueSource } from './value-source';

const VOLUME_SCALE_ID = 'volume';

function toTime(openTimeMs: number): UTCTimestamp {
  return Math.floor(openTimeMs / 1000) as UTCTimestamp;
}

function toCandleData(candle: Candle): CandlestickData<UTCTimestamp> {
  const [time, open, high, low, close] = candle;
  return { time: toTime(time), open, high, low, close };
}

function toVolumeData(candle: Candle): HistogramData<UTCTimestamp> {
  const [time, open, , , close, volume] = candle;
  return { time: toTime(time), value: volume, color: close >= open ? CHART_COLORS.upVolume : CHART_COLORS.downVolume };
}

const LINE_STYLES: Record<LineStyleName, LineStyle> = {
  solid: LineStyle.Solid,
  dashed: LineStyle.Dashed,
  dotted: LineStyle.Dotted,
};

function toMarker(fill: FillMarkerSpec): SeriesMarker<UTCTimestamp> {
  const buy = fill.side === 'buy';
  return {
    time: toTime(fill.time),
    position: buy ? 'belowBar' : 'aboveBar',
    shape: buy ? 'arrowUp' : 'arrowDown',
    color: buy ? CHART_COLORS.up : CHART_COLORS.down,
    text: fill.text,
  };
}

function priceFormat(step: number | null, sample: number | undefined): PriceFormat {
  const stepDecimals = decimalsForStep(step);
  const precision = stepDecimals ?? decimalsForPrice(sample ?? 0);
  return { type: 'price', precision, minMove: step && stepDecimals !== null ? step : 10 ** -precision };
}

/** Candles with volume on an overlay scale in the bottom fifth, dark theme, sized by ResizeObserver. */
export function createLightweightChartView(container: HTMLElement): ChartView {
  const chart = createChart(container, CHART_OPTIONS);
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: CHART_COLORS.up,
    downColor: CHART_COLORS.down,
    borderUpColor: CHART_COLORS.up,
    borderDownColor: CHART_COLORS.down,
    wickUpColor: CHART_COLORS.up,
    wickDownColor: CHART_COLORS.down,
  });
  const volume = chart.addSeries(HistogramSeries, {
    priceScaleId: VOLUME_SCALE_ID,
    priceFormat: { type: 'volume' },
    lastValueVisible: false,
    priceLineVisible: false,
  });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });

  const markers = createSeriesMarkers(candles, []);
  let orderLines: IPriceLine[] = [];
  let bracketLines: IPriceLine[] = [];
  const replaceLines = (current: IPriceLine[], specs: readonly PriceLineSpec[]) => {
    for (const line of current) candles.removePriceLine(line);
    return specs.map((spec) =>
      candles.createPriceLine({
        price: spec.price,
        color: spec.color,
        lineWidth: 1,
        lineStyle: LINE_STYLES[spec.style],
        axisLabelVisible: true,
        title: spec.title,
      }),
    );
  };

  const book = new CandleBook();
  const legend = createValueSource<Candle | null>(null);
  let priceStep: number | null = null;
  let hoveredTime: number | null = null;

  const showLegend = () => {
    const hovered = hoveredTime === null ? undefined : book.find(hoveredTime);
    legend.set(hovered ?? book.last() ?? null);
  };
  const onCrosshairMove = (param: MouseEventParams) => {
    hoveredTime = typeof param.time === 'number' ? param.time * 1000 : null;
    showLegend();
  };
  chart.subscribeCrosshairMove(onCrosshairMove);

  const applyPriceFormat = () => {
    candles.applyOptions({ priceFormat: priceFormat(priceStep, book.last()?.[4]) });
  };

  return {
    legend,
    setPriceStep(step) {
      priceStep = step;
      applyPriceFormat();
    },
    setCandles(next, timeframe: Timeframe) {
      const bars = book.replace(next);
      candles.setData(bars.map(toCandleData));
      volume.setData(bars.map(toVolumeData));
      applyPriceFormat();
      chart.applyOptions({ timeScale: { timeVisible: timeframe !== '1d' && timeframe !== '1w' } });
      chart.timeScale().fitContent();
      hoveredTime = null;
      showLegend();
    },
    applyCandle(candle) {
      const change = book.upsert(candle);
      if (change === 'ignored') return change;
      const historical = change === 'updated-past';
      candles.update(toCandleData(candle), historical);
      volume.update(toVolumeData(candle), historical);
      showLegend();
      return change;
    },
    clear() {
      book.clear();
      candles.setData([]);
      volume.setData([]);
      hoveredTime = null;
      showLegend();
    },
    count: () => book.size,
    setOrderLines(specs) {
      orderLines = replaceLines(orderLines, specs);
    },
    setBracketLines(specs) {
      bracketLines = replaceLines(bracketLines, specs);
    },
    setFillMarkers(specs) {
      markers.setMarkers(specs.map(toMarker));
    },
    destroy() {
      markers.detach();
      chart.unsubscribeCrosshairMove(onCrosshairMove);
      chart.remove();
    },
  };
}
