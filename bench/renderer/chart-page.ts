/**
 * Bench page for the chart: the renderer's own chart view (lightweight-charts v5 with the app's
 * candle + volume series, theme and price format) in a fixed-size box. `draw(n)` times
 * `setCandles` of n one-minute bars until the chart's first paint of them. `scroll(...)` scrolls
 * back with the mouse wheel, one wheel event per frame, paging older bars in as the app's candle
 * feed does, and records every frame. Bundled by esbuild (bench/renderer/harness.ts); never shipped.
 */
import type { Candle } from '../../shared/domain/types';
import { HISTORY_LIMIT, MAX_LOADED_BARS, PAGE_LIMIT, PAGE_THRESHOLD } from '../../renderer/features/chart/candle-paging';
import { createLightweightChartView } from '../../renderer/features/chart/lightweight-chart-view';

const cache = new Map<number, Candle[]>();

/** A one-minute random walk ending now (built before timing starts). */
function candles(count: number): Candle[] {
  const cached = cache.get(count);
  if (cached) return cached;
  const step = 60_000;
  const start = Math.floor(Date.now() / step) * step - count * step;
  let close = 30_000;
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const out: Candle[] = [];
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * (1 + (rand() - 0.5) * 0.004);
    out.push([
      start + i * step,
      open,
      Math.max(open, close) * (1 + rand() * 0.001),
      Math.min(open, close) * (1 - rand() * 0.001),
      close,
      1 + rand() * 50,
    ]);
  }
  cache.set(count, out);
  return out;
}

/** Resolves in the animation frame after the current one has run its callbacks (the chart draws in its own). */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Milliseconds from `setCandles` to the first paint (`total`), and of the synchronous `setCandles` call alone (`setData`). */
async function draw(count: number): Promise<{ total: number; setData: number }> {
  const container = document.getElementById('chart') as HTMLElement;
  const data = candles(count);
  const view = createLightweightChartView(container);
  // The empty chart paints first, so only the candles are timed.
  await nextFrame();
  await nextFrame();
  const start = performance.now();
  view.setCandles(data, '1m');
  const setData = performance.now() - start;
  // The chart schedules its paint for the next frame before this callback is queued: when it
  // runs, the bars have been laid out and drawn on the canvas.
  await nextFrame();
  const elapsed = performance.now() - start;
  if (view.count() !== count) throw new Error(`the chart holds ${view.count()} bars, expected ${count}`);
  view.destroy();
  container.replaceChildren();
  return { total: elapsed, setData };
}

export interface ScrollRun {
  /** Intervals between animation frames over the scroll (ms). */
  gaps: number[];
  frames: number;
  /** Bars loaded at the end, and the most the candle series held at any frame. */
  loaded: number;
  maxDrawn: number;
  pages: number;
  /** JS heap in use at the end (Chromium's performance.memory), MB. */
  heapMb: number;
  /** With `returnToLatest`: the newest bar came back into view (the window moved forward again). */
  returned: boolean;
}

/**
 * Scrolls the chart back with one wheel event (`wheelPx` to the left) per animation frame.
 * `history`: bars that exist; the chart opens on the newest HISTORY_LIMIT and, like the app's
 * candle feed, asks for PAGE_LIMIT older ones (answered in a later task, as IPC would) whenever
 * fewer than PAGE_THRESHOLD loaded bars are left of the view, until `loadTarget` are loaded.
 * `frames`: stop after this many frames instead (the baseline: the same scroll over a short
 * history, back and forth, with nothing to page in).
 */
async function scroll(
  history: number,
  wheelPx: number,
  until: { loadTarget?: number; frames?: number; returnToLatest?: boolean },
): Promise<ScrollRun> {
  const container = document.getElementById('chart') as HTMLElement;
  const all = candles(history);
  const view = createLightweightChartView(container);
  view.setCandles(all.slice(-HISTORY_LIMIT), '1m');
  let loading = false;
  let pages = 0;
  // Index in `all` of the oldest loaded bar (pages are contiguous, so no search per page).
  let loadedFrom = all.length - Math.min(all.length, HISTORY_LIMIT);
  const stopPaging = view.onScrollBack((barsBeforeView) => {
    if (loading || barsBeforeView >= PAGE_THRESHOLD || loadedFrom === 0) return;
    loading = true;
    setTimeout(() => {
      const from = Math.max(0, loadedFrom - PAGE_LIMIT);
      view.prependCandles(all.slice(from, loadedFrom), MAX_LOADED_BARS);
      loadedFrom = from;
      pages += 1;
      loading = false;
    }, 0);
  });
  await nextFrame();
  await nextFrame();
  const rect = container.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 3;
  const target = document.elementFromPoint(x, y) as Element;
  const times: number[] = [];
  let maxDrawn = 0;
  let direction = -1;
  // Back and forth over a short history (a wheel step moves 0.8 × wheelPx, about 270 bars at
  // the default spacing for 2,000 px): turn every few frames.
  const turnEvery = 6;
  for (let frame = 0; ; frame++) {
    times.push(await new Promise<number>((resolve) => requestAnimationFrame(resolve)));
    maxDrawn = Math.max(maxDrawn, Number(container.dataset.drawnCount ?? 0));
    if (until.loadTarget !== undefined && view.count() >= until.loadTarget) break;
    if (until.frames !== undefined && frame >= until.frames) break;
    if (until.frames !== undefined && frame > 0 && frame % turnEvery === 0) direction = -direction;
    target.dispatchEvent(new WheelEvent('wheel', { deltaX: direction * wheelPx, clientX: x, clientY: y, bubbles: true, cancelable: true }));
  }
  const loaded = view.count();
  let returned = false;
  // Forward again (not timed): the newest bars come back onto the series as they are scrolled to.
  for (let frame = 0; until.returnToLatest && frame < times.length * 2 && !returned; frame++) {
    target.dispatchEvent(new WheelEvent('wheel', { deltaX: wheelPx, clientX: x, clientY: y, bubbles: true, cancelable: true }));
    await nextFrame();
    returned = container.dataset.viewLast === container.dataset.latest;
  }
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  const heapMb = memory ? memory.usedJSHeapSize / 1_048_576 : Number.NaN;
  stopPaging();
  view.destroy();
  container.replaceChildren();
  return {
    gaps: times.slice(1).map((t, i) => t - times[i]!),
    frames: times.length,
    loaded,
    maxDrawn,
    pages,
    heapMb,
    returned,
  };
}

Object.assign(window, { __twChart: { draw, scroll, prepare: (count: number) => candles(count).length } });
