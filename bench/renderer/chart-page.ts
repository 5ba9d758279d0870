/**
 * Bench page for the chart: the renderer's own chart view (lightweight-charts v5 with the app's
 * candle + volume series, theme and price format) in a fixed-size box. `draw(n)` times
 * `setCandles` of n one-minute bars until the chart's first paint of them. Bundled by esbuild
 * (bench/renderer/harness.ts); never shipped.
 */
import type { Candle } from '../../shared/domain/types';
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

Object.assign(window, { __twChart: { draw, prepare: (count: number) => candles(count).length } });
