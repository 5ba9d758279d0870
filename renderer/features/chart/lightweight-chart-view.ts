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
import type { IndicatorPoints } from './indicator-values';
import { createValueSource } from './value-source';
import {
  firstAfter,
  firstAtOrAfter,
  firstWindow,
  newerWindow,
  olderWindow,
  prependedWindow,
  shouldDrawNewer,
  shouldDrawOlder,
  type DrawWindow,
} from './draw-window';
import { clearViewAttributes, setViewAttributes } from './chart-attributes';
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
  // Bars the candle series holds: `drawnCount` of the book's from index `drawnFrom` (other loaded
  // bars are drawn when scrolled to, see draw-window.ts; live bars reach the series a moment later).
  let drawnFrom = 0;
  let drawnCount = 0;
  // The window ends at the newest loaded bar, so live bars are drawn; false while scrolled far
  // back in a long history (the newest bars are off the series until scrolled to).
  let atLatest = true;
  // At the latest bars the window runs to the book's end: live bars in the book and not drawn yet
  // are drawn by the next setData too.
  const drawnWindow = (): DrawWindow => ({ from: drawnFrom, to: atLatest ? book.size : drawnFrom + drawnCount });
  candles.attachPrimitive(
    createVolumePrimitive(
      chart,
      () => book.all(),
      () => ({ from: drawnFrom, count: drawnCount }),
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

  // Scroll-back: the logical range's `from` is the number of drawn bars left of the view
  // (negative when there is empty space before the first bar). Loaded bars not drawn yet are
  // drawn first; the listeners (the feed, which pages older bars in from core) hear of every
  // loaded bar left of the view, so they ask core only when all of them are drawn.
  const scrollListeners = new Set<(barsBeforeView: number) => void>();
  let drawMoreFrame: number | null = null;
  const cancelDrawMore = () => {
    if (drawMoreFrame !== null) cancelAnimationFrame(drawMoreFrame);
    drawMoreFrame = null;
  };
  const onRangeChange = (range: LogicalRange | null) => {
    if (!range || book.size === 0) return;
    const drawnBefore = Math.max(0, range.from);
    const drawnAfter = Math.max(0, drawnCount - 1 - range.to);
    // Not from inside the chart's own range notification: in the next frame. At the latest bars,
    // bars newer than the drawn ones are live bars on their way (drawLive), not a window to move.
    if (drawMoreFrame === null) {
      if (shouldDrawOlder(drawnWindow(), drawnBefore)) drawMoreFrame = requestAnimationFrame(() => moveWindow('older'));
      else if (!atLatest && shouldDrawNewer(drawnWindow(), book.size, drawnAfter))
        drawMoreFrame = requestAnimationFrame(() => moveWindow('newer'));
    }
    showViewAttributes(range);
    for (const listener of [...scrollListeners]) listener(drawnFrom + drawnBefore);
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(onRangeChange);
  // For e2e: open times of the first and last bar in view (data-view-first / data-view-last).
  // Also written after a load: the same number of bars gives the same logical range, and an
  // unchanged range is not notified.
  const showViewAttributes = (range: LogicalRange | null = chart.timeScale().getVisibleLogicalRange()) => {
    if (!range) return;
    const bars = book.all();
    const first = bars[drawnFrom + Math.max(0, Math.ceil(range.from))];
    const last = bars[drawnFrom + Math.min(drawnCount - 1, Math.floor(range.to))];
    const latest = bars[bars.length - 1];
    if (first && last && latest) setViewAttributes(container, { first: first[0], last: last[0], latest: latest[0], drawn: drawnCount });
  };

  // lastTime: the newest bar each line holds (series.data() would copy the whole line per update).
  const indicatorSeries = new Map<string, { spec: IndicatorSeriesSpec; api: IndicatorApi; lastTime: number | null }>();
  const seriesOf = (indicatorId: string) => [...indicatorSeries.values()].filter(({ spec }) => spec.indicatorId === indicatorId);
  // Every value of each indicator, as the feed set them (its IndicatorValues merges live tails
  // into the same object): the lines get the drawn stretch's part, again when it grows.
  const indicatorPoints = new Map<string, IndicatorPoints>();
  let fillMarkers: readonly FillMarkerSpec[] = [];

  const firstDrawnTime = (): number | null => book.all()[drawnFrom]?.[0] ?? null;
  const lastDrawnTime = (): number | null => book.all()[drawnFrom + drawnCount - 1]?.[0] ?? null;
  const drawIndicator = (indicatorId: string) => {
    const points = indicatorPoints.get(indicatorId);
    if (!points) return;
    // A line holding times outside the candles' would stretch the time scale over them.
    const start = firstAtOrAfter(points.times, firstDrawnTime() ?? Number.NEGATIVE_INFINITY);
    const end = atLatest ? points.times.length : firstAfter(points.times, lastDrawnTime() ?? Number.POSITIVE_INFINITY);
    const times = start === 0 && end === points.times.length ? points.times : points.times.slice(start, end);
    for (const entry of seriesOf(indicatorId)) {
      const values = points.lines[entry.spec.line] ?? [];
      entry.api.setData(times.map((time, i) => toIndicatorData(time, values[start + i], entry.spec.style === 'histogram')));
      entry.lastTime = times.at(-1) ?? null;
    }
  };
  const drawFillMarkers = () => {
    const from = firstDrawnTime() ?? Number.NEGATIVE_INFINITY;
    const to = atLatest ? Number.POSITIVE_INFINITY : (lastDrawnTime() ?? Number.POSITIVE_INFINITY);
    const shown = fillMarkers.filter((fill) => fill.time >= from && fill.time <= to);
    if (shown.length === 0) {
      markers?.detach();
      markers = null;
      return;
    }
    if (markers) markers.setMarkers(shown.map(toMarker));
    else markers = createSeriesMarkers(candles, shown.map(toMarker));
  };

  // The book's bars [from, to) in one pass into an array sized up front; volume is drawn
  // from the book by the primitive, so it needs no series data of its own.
  const setSeriesData = ({ from, to }: DrawWindow) => {
    const bars = book.all();
    const count = Math.max(0, Math.min(to, bars.length) - from);
    const candleData = new Array<CandlestickData<UTCTimestamp>>(count);
    for (let i = 0; i < count; i++) candleData[i] = toCandleData(bars[from + i] as Candle);
    const firstBefore = firstDrawnTime();
    const lastBefore = lastDrawnTime();
    const wasAtLatest = atLatest;
    candles.setData(candleData);
    drawnFrom = from;
    drawnCount = count;
    atLatest = from + count >= bars.length;
    drawnLastTime = lastDrawnTime();
    if (firstDrawnTime() !== firstBefore || lastDrawnTime() !== lastBefore || atLatest !== wasAtLatest) {
      for (const indicatorId of indicatorPoints.keys()) drawIndicator(indicatorId);
      drawFillMarkers();
    }
  };

  // Scrolled or zoomed near an end of the drawn window: draw more of the loaded bars on that side,
  // keeping the bars in view where they are (their index on the series moves by the shift).
  const moveWindow = (side: 'older' | 'newer') => {
    drawMoreFrame = null;
    const now = drawnWindow();
    if (side === 'older' ? now.from === 0 : atLatest) return;
    const next = side === 'older' ? olderWindow(now) : newerWindow(now, book.size);
    const visible = chart.timeScale().getVisibleLogicalRange();
    const shift = now.from - next.from;
    // The book holds the live bars not drawn yet: setData draws them too when it reaches them.
    cancelLive();
    setSeriesData(next);
    if (visible) chart.timeScale().setVisibleLogicalRange({ from: visible.from + shift, to: visible.to + shift });
    // Now, not when the chart notifies the range: e2e reads the drawn count beside the loaded one.
    showViewAttributes();
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
      cancelDrawMore();
      const bars = book.replace(next);
      // Options first: set after the data, each would make the chart redo its work over every bar.
      applyPriceFormat();
      chart.applyOptions({ timeScale: { timeVisible: timeframe !== '1d' && timeframe !== '1w' } });
      setSeriesData(firstWindow(bars.length));
      // Open on the latest bars at the default bar spacing (the right margin kept), not on all of them.
      chart.timeScale().resetTimeScale();
      showViewAttributes();
      hoveredTime = null;
      showLegend();
    },
    prependCandles(older, maxBars) {
      const visible = chart.timeScale().getVisibleLogicalRange();
      const before = drawnWindow();
      const added = book.prepend(older);
      const dropped = book.trimNewest(maxBars);
      if (added === 0 && dropped === 0) return { added, dropped };
      // The book holds the live bars not drawn yet: setData draws them too.
      cancelLive();
      cancelDrawMore();
      // The page is drawn from its first bar: the bars in view move right by the page and by the
      // loaded bars that were not drawn yet (the feed pages only when there are none or almost none).
      const shift = added + drawnFrom;
      setSeriesData(prependedWindow(before, added));
      if (visible) chart.timeScale().setVisibleLogicalRange({ from: visible.from + shift, to: visible.to + shift });
      showViewAttributes();
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
      const ids = new Set(specs.map((spec) => spec.indicatorId));
      for (const indicatorId of [...indicatorPoints.keys()]) if (!ids.has(indicatorId)) indicatorPoints.delete(indicatorId);
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
      indicatorPoints.set(indicatorId, points);
      drawIndicator(indicatorId);
    },
    updateIndicatorData(indicatorId, points) {
      // Live tails belong after the newest bar: off the series while scrolled far back (the
      // points hold them, so the line gets them when the window returns to the latest bars).
      if (!atLatest) return;
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
      // Scrolled far back, the newest bars are off the series: the book keeps the bar for later.
      if (atLatest) queueLive(candle);
      return change;
    },
    clear() {
      cancelLive();
      cancelDrawMore();
      book.clear();
      drawnLastTime = null;
      drawnFrom = 0;
      drawnCount = 0;
      atLatest = true;
      clearViewAttributes(container);
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
      fillMarkers = specs;
      drawFillMarkers();
    },
    destroy() {
      container.removeEventListener('pointerdown', onPointerDown, true);
      container.removeEventListener('pointermove', onPointerMove, true);
      container.removeEventListener('pointerup', onPointerUp, true);
      cancelLive();
      cancelDrawMore();
      markers?.detach();
      chart.unsubscribeCrosshairMove(onCrosshairMove);
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRangeChange);
      themeWatch.disconnect();
      stopFollowingZone();
      chart.remove();
    },
  };
}
