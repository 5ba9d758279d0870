import {
  CandlestickSeries,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createSeriesMarkers,
  type IPriceLine,
  type ISeriesApi,
  type LogicalRange,
  type WhitespaceData,
  type SeriesMarker,
  type ISeriesMarkersPluginApi,
  type Time,
  type CandlestickData,
  type HistogramData,
  type MouseEventParams,
  type PriceFormat,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, Timeframe } from '../../../shared/domain/types';
import { decimalsForPrice, decimalsForStep } from '../../lib/format/numbers';
import { CandleBook } from './candle-book';
import { CHART_COLORS, CHART_OPTIONS, chartSurfaceOptions, pageTheme } from './chart-theme';
import type { FillMarkerSpec, LineStyleName, PriceLineSpec } from './chart-overlays';
import type { ChartView } from './chart-view';
import type { IndicatorSeriesSpec } from './indicator-layout';
import { createValueSource } from './value-source';
import { followDisplayTimeZone } from './chart-time-zone';
import { createTimeChart } from './time-weights';
import { createVolumePrimitive } from './volume-primitive';

/**
 * Live bars reach the canvas at most this often. Every series update makes lightweight-charts
 * repaint the whole pane (and its axes), which costs several milliseconds in software rendering;
 * core streams up to 10 bars a second. 200 ms (5 Hz) is below human reaction time, and the last
 * price in the chart header and the markets list still follows every tick.
 */
export const LIVE_BAR_INTERVAL_MS = 200;

function toTime(openTimeMs: number): UTCTimestamp {
  return Math.floor(openTimeMs / 1000) as UTCTimestamp;
}

function toCandleData(candle: Candle): CandlestickData<UTCTimestamp> {
  const [time, open, high, low, close] = candle;
  return { time: toTime(time), open, high, low, close };
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

/** Oscillator panes take this share of the height each; the price pane keeps the rest. */
const OSCILLATOR_STRETCH = 0.28;

type IndicatorApi = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;

/** Indicator values as series data: null (warming up) becomes whitespace so the bar keeps its slot. */
function toIndicatorData(
  time: number,
  value: number | null | undefined,
  histogram: boolean,
): HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp> {
  if (value === null || value === undefined) return { time: toTime(time) };
  if (!histogram) return { time: toTime(time), value };
  return { time: toTime(time), value, color: value >= 0 ? CHART_COLORS.upVolume : CHART_COLORS.downVolume };
}

function priceFormat(step: number | null, sample: number | undefined): PriceFormat {
  const stepDecimals = decimalsForStep(step);
  const precision = stepDecimals ?? decimalsForPrice(sample ?? 0);
  return { type: 'price', precision, minMove: step && stepDecimals !== null ? step : 10 ** -precision };
}

/** Candles with volume in the bottom fifth (see volume-primitive), in the page's theme, sized by ResizeObserver. */
export function createLightweightChartView(container: HTMLElement): ChartView {
  const chart = createTimeChart(container, CHART_OPTIONS);
  // Follows the theme chosen in the settings, also when it changes while the chart is open.
  chart.applyOptions(chartSurfaceOptions(pageTheme()));
  const themeWatch = new MutationObserver(() => chart.applyOptions(chartSurfaceOptions(pageTheme())));
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const stopFollowingZone = followDisplayTimeZone(chart);
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: CHART_COLORS.up,
    downColor: CHART_COLORS.down,
    borderUpColor: CHART_COLORS.up,
    borderDownColor: CHART_COLORS.down,
    wickUpColor: CHART_COLORS.up,
    wickDownColor: CHART_COLORS.down,
  });

  // The markers primitive recomputes its autoscale margins on every repaint (copying the time
  // scale's options each time), so it is attached only while there are fills to mark.
  let markers: ISeriesMarkersPluginApi<Time> | null = null;
  type DrawnLine = { spec: PriceLineSpec; line: IPriceLine };
  let orderLines: DrawnLine[] = [];
  let bracketLines: DrawnLine[] = [];
  const replaceLines = (current: DrawnLine[], specs: readonly PriceLineSpec[]): DrawnLine[] => {
    for (const { line } of current) candles.removePriceLine(line);
    return specs.map((spec) => ({
      spec,
      line: candles.createPriceLine({
        price: spec.price,
        color: spec.color,
        lineWidth: 1,
        lineStyle: LINE_STYLES[spec.style],
        axisLabelVisible: true,
        title: spec.title,
      }),
    }));
  };

  // Dragging a movable line (an order, a target, a stop) amends it. Pointer events in the capture
  // phase, cancelled on a hit, so the chart's own (mouse) panning never starts under the drag.
  let onLineDrop: ((line: PriceLineSpec, price: number) => void) | null = null;
  let dragging: DrawnLine | null = null;
  const DRAG_SLOP_PX = 5;
  const yOf = (event: PointerEvent) => event.clientY - container.getBoundingClientRect().top;
  const lineAt = (y: number): DrawnLine | null =>
    [...orderLines, ...bracketLines].find(({ spec }) => {
      if (!spec.drag) return false;
      const at = candles.priceToCoordinate(spec.price);
      return at !== null && Math.abs(at - y) <= DRAG_SLOP_PX;
    }) ?? null;
  const toTick = (price: number) => {
    const decimals = decimalsForStep(priceStep) ?? decimalsForPrice(price);
    return Number(price.toFixed(decimals));
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!onLineDrop || event.button !== 0) return;
    const hit = lineAt(yOf(event));
    if (!hit) return;
    dragging = hit;
    event.preventDefault();
    event.stopPropagation();
    container.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!dragging) {
      container.style.cursor = onLineDrop && lineAt(yOf(event)) ? 'ns-resize' : '';
      return;
    }
    event.stopPropagation();
    const price = candles.coordinateToPrice(yOf(event));
    if (price !== null && price > 0) dragging.line.applyOptions({ price });
  };
  const onPointerUp = (event: PointerEvent) => {
    if (!dragging) return;
    event.stopPropagation();
    const { spec, line } = dragging;
    dragging = null;
    const price = candles.coordinateToPrice(yOf(event));
    line.applyOptions({ price: spec.price }); // back until the amend lands and the lines are redrawn
    if (price !== null && price > 0 && Math.abs(price - spec.price) > 0) onLineDrop?.(spec, toTick(price));
  };
  container.addEventListener('pointerdown', onPointerDown, true);
  container.addEventListener('pointermove', onPointerMove, true);
  container.addEventListener('pointerup', onPointerUp, true);

  const book = new CandleBook();
  // Bars the candle series holds: the book's first `drawnCount` (live bars reach it a moment later).
  let drawnCount = 0;
  candles.attachPrimitive(
    createVolumePrimitive(
      chart,
      () => book.all(),
      () => drawnCount,
      { up: CHART_COLORS.upVolume, down: CHART_COLORS.downVolume },
    ),
  );
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

  // Scroll-back: the logical range's `from` is the number of bars left of the view (negative
  // when there is empty space before the first bar).
  const scrollListeners = new Set<(barsBeforeView: number) => void>();
  const onRangeChange = (range: LogicalRange | null) => {
    if (!range || book.size === 0) return;
    for (const listener of [...scrollListeners]) listener(Math.max(0, range.from));
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(onRangeChange);

  // lastTime: the newest bar each line holds (series.data() would copy the whole line per update).
  const indicatorSeries = new Map<string, { spec: IndicatorSeriesSpec; api: IndicatorApi; lastTime: number | null }>();
  const seriesOf = (indicatorId: string) => [...indicatorSeries.values()].filter(({ spec }) => spec.indicatorId === indicatorId);

  // One pass into an array sized up front (100,000 bars of history are one 100,000-item setData);
  // volume is drawn from the book by the primitive, so it needs no series data of its own.
  const setSeriesData = (bars: readonly Candle[]) => {
    const candleData = new Array<CandlestickData<UTCTimestamp>>(bars.length);
    for (let i = 0; i < bars.length; i++) candleData[i] = toCandleData(bars[i] as Candle);
    candles.setData(candleData);
    drawnCount = bars.length;
    drawnLastTime = bars.at(-1)?.[0] ?? null;
  };

  // Live bars already in the book but not yet on the canvas, one per open time, oldest first.
  let pendingLive: Candle[] = [];
  let drawnLastTime: number | null = null;
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  let liveFrame: number | null = null;
  let lastLiveDraw = Number.NEGATIVE_INFINITY;
  const cancelLive = () => {
    if (liveTimer !== null) clearTimeout(liveTimer);
    if (liveFrame !== null) cancelAnimationFrame(liveFrame);
    liveTimer = null;
    liveFrame = null;
    pendingLive = [];
  };
  const drawLive = () => {
    liveFrame = null;
    lastLiveDraw = performance.now();
    const bars = pendingLive;
    pendingLive = [];
    for (const bar of bars) {
      // lightweight-charts throws when `update` gets a bar older than its last without the flag.
      const historical = drawnLastTime !== null && bar[0] < drawnLastTime;
      candles.update(toCandleData(bar), historical);
      if (drawnLastTime === null || bar[0] > drawnLastTime) drawnCount += 1;
      if (!historical) drawnLastTime = bar[0];
    }
    showLegend();
  };
  // Drawn in an animation frame, at most once per LIVE_BAR_INTERVAL_MS: the first bar after a
  // quiet spell goes out in the next frame, a burst waits for the rest of the interval.
  const scheduleLive = () => {
    if (liveTimer !== null || liveFrame !== null) return;
    const wait = lastLiveDraw + LIVE_BAR_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      liveFrame = requestAnimationFrame(drawLive);
      return;
    }
    liveTimer = setTimeout(() => {
      liveTimer = null;
      liveFrame = requestAnimationFrame(drawLive);
    }, wait);
  };
  const queueLive = (bar: Candle) => {
    const index = pendingLive.findIndex((pending) => pending[0] >= bar[0]);
    if (index < 0) pendingLive.push(bar);
    else if (pendingLive[index]?.[0] === bar[0]) pendingLive[index] = bar;
    else pendingLive.splice(index, 0, bar);
    scheduleLive();
  };

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
      cancelLive();
      const bars = book.replace(next);
      // Options first: set after the data, each would make the chart redo its work over every bar.
      applyPriceFormat();
      chart.applyOptions({ timeScale: { timeVisible: timeframe !== '1d' && timeframe !== '1w' } });
      setSeriesData(bars);
      chart.timeScale().fitContent();
      hoveredTime = null;
      showLegend();
    },
    prependCandles(older, maxBars) {
      const visible = chart.timeScale().getVisibleLogicalRange();
      const added = book.prepend(older);
      const dropped = book.trimNewest(maxBars);
      if (added === 0 && dropped === 0) return { added, dropped };
      // The book holds the live bars not drawn yet: setData draws them too.
      cancelLive();
      setSeriesData(book.all());
      // The bars in view moved `added` places to the right in the index space: keep them in view.
      if (visible) chart.timeScale().setVisibleLogicalRange({ from: visible.from + added, to: visible.to + added });
      return { added, dropped };
    },
    bars: () => book.all(),
    onScrollBack(listener) {
      scrollListeners.add(listener);
      return () => {
        scrollListeners.delete(listener);
      };
    },
    setIndicatorSeries(specs) {
      for (const { api } of indicatorSeries.values()) chart.removeSeries(api);
      indicatorSeries.clear();
      for (const spec of specs) {
        const common = {
          color: spec.color,
          priceLineVisible: false,
          lastValueVisible: spec.pane > 0,
          title: spec.pane > 0 ? spec.title : '',
        };
        const api =
          spec.style === 'histogram'
            ? chart.addSeries(HistogramSeries, common, spec.pane)
            : chart.addSeries(LineSeries, { ...common, lineWidth: 1, crosshairMarkerVisible: false }, spec.pane);
        indicatorSeries.set(spec.key, { spec, api, lastTime: null });
      }
      const panes = chart.panes();
      panes.forEach((pane, index) => pane.setStretchFactor(index === 0 ? 1 - OSCILLATOR_STRETCH * (panes.length - 1) : OSCILLATOR_STRETCH));
    },
    panes: () => chart.panes().length,
    setIndicatorData(indicatorId, points) {
      for (const entry of seriesOf(indicatorId)) {
        const values = points.lines[entry.spec.line] ?? [];
        entry.api.setData(points.times.map((time, i) => toIndicatorData(time, values[i], entry.spec.style === 'histogram')));
        entry.lastTime = points.times.at(-1) ?? null;
      }
    },
    updateIndicatorData(indicatorId, points) {
      for (const entry of seriesOf(indicatorId)) {
        const values = points.lines[entry.spec.line] ?? [];
        points.times.forEach((time, i) => {
          const historical = entry.lastTime !== null && time < entry.lastTime;
          entry.api.update(toIndicatorData(time, values[i], entry.spec.style === 'histogram'), historical);
          if (!historical) entry.lastTime = time;
        });
      }
    },
    applyCandle(candle) {
      const change = book.upsert(candle);
      if (change === 'ignored') return change;
      queueLive(candle);
      return change;
    },
    clear() {
      cancelLive();
      book.clear();
      drawnLastTime = null;
      drawnCount = 0;
      candles.setData([]);
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
    onLineDrag(handler) {
      onLineDrop = handler;
    },
    priceAt(y) {
      const price = candles.coordinateToPrice(y);
      return price !== null && price > 0 ? toTick(price) : null;
    },
    setFillMarkers(specs) {
      if (specs.length === 0) {
        markers?.detach();
        markers = null;
        return;
      }
      if (markers) markers.setMarkers(specs.map(toMarker));
      else markers = createSeriesMarkers(candles, specs.map(toMarker));
    },
    destroy() {
      container.removeEventListener('pointerdown', onPointerDown, true);
      container.removeEventListener('pointermove', onPointerMove, true);
      container.removeEventListener('pointerup', onPointerUp, true);
      cancelLive();
      markers?.detach();
      chart.unsubscribeCrosshairMove(onCrosshairMove);
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRangeChange);
      themeWatch.disconnect();
      stopFollowingZone();
      chart.remove();
    },
  };
}
