/**
 * Drawing history in the chart: the renderer's own chart view (lightweight-charts v5, candles +
 * volume, the app's theme) in Debian's Chromium (bench/renderer/chart-page.ts):
 *  - timed from `setCandles` to the first paint of the bars, 100,000 one-minute candles against 1,000;
 *  - frame times while scrolling back with the mouse wheel until 100,000 candles are loaded by
 *    scroll-back paging (1,000 a page, as the app's feed asks core), against the same scroll over
 *    2,000 candles for as many frames.
 * Figures are printed, never asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_DRAWN_BARS } from '../renderer/features/chart/draw-window';
import { versusBaseline, type BenchFigure } from './bench-kit';
import type { ScrollRun } from './renderer/chart-page';
import { bundleBrowserScript, droppedFrames, launchChromium, measureWindow, median, serveStatic, tempDir } from './renderer/harness';

const LARGE = 100_000;
const SMALL = 1_000;
/** The scroll baseline's history: the first load and one older page. */
const SCROLL_BASELINE = 2_000;
/** Pixels per wheel event, one per frame: about 270 bars at the default bar spacing, a fast fling. */
const WHEEL_PX = 2_000;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

export async function run(): Promise<BenchFigure[]> {
  const temp = tempDir('tradewind-bench-chart-');
  fs.writeFileSync(path.join(temp.dir, 'chart-page.js'), await bundleBrowserScript('bench/renderer/chart-page.ts'));
  for (const file of ['chart.html', 'chart.css'])
    fs.copyFileSync(path.join(import.meta.dirname, 'renderer', file), path.join(temp.dir, file));
  const server = await serveStatic(temp.dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${server.url}/chart.html`);
    type Timing = { total: number; setData: number };
    const draw = (count: number) =>
      page.evaluate((n) => (window as unknown as { __twChart: { draw(n: number): Promise<Timing> } }).__twChart.draw(n), count);
    await page.evaluate(
      (counts) => {
        const bench = (window as unknown as { __twChart: { prepare(n: number): number } }).__twChart;
        for (const n of counts) bench.prepare(n);
      },
      [SMALL, LARGE],
    );
    // Warm-up: the first draws compile the chart's code paths.
    for (const n of [SMALL, SMALL, LARGE]) await draw(n);
    const small: Timing[] = [];
    const large: Timing[] = [];
    for (let i = 0; i < 7; i++) {
      small.push(await draw(SMALL));
      large.push(await draw(LARGE));
    }
    const baseline = `baseline ${SMALL.toLocaleString('en-US')} candles`;

    type Until = { loadTarget?: number; frames?: number; returnToLatest?: boolean };
    const scroll = (history: number, until: Until) =>
      page.evaluate(
        ([n, px, u]) =>
          (window as unknown as { __twChart: { scroll(n: number, px: number, u: Until): Promise<ScrollRun> } }).__twChart.scroll(n, px, u),
        [history, WHEEL_PX, until] as const,
      );
    await page.evaluate((n) => (window as unknown as { __twChart: { prepare(n: number): number } }).__twChart.prepare(n), SCROLL_BASELINE);
    // Warm-up (paging and window moves compiled), and a check that scrolling forward again from
    // beyond the drawn window's reach brings the newest bars back.
    const warm = await scroll(16_000, { loadTarget: 16_000, returnToLatest: true });
    if (!warm.returned) throw new Error('scrolling forward after a long scroll-back did not reach the newest bar again');
    const frameMs = median((await measureWindow(page, 1_000)).gaps);
    const deep = await scroll(LARGE, { loadTarget: LARGE });
    const shallow = await scroll(SCROLL_BASELINE, { frames: deep.frames });
    if (deep.loaded < LARGE) throw new Error(`the scroll loaded ${deep.loaded} candles, expected ${LARGE}`);
    if (deep.maxDrawn > MAX_DRAWN_BARS) throw new Error(`the series held ${deep.maxDrawn} candles, more than ${MAX_DRAWN_BARS}`);
    const scrollBaseline = `same scroll over ${SCROLL_BASELINE.toLocaleString('en-US')} candles`;
    const scrollNote = `${deep.frames} frames, ${deep.pages} pages, series ≤ ${deep.maxDrawn.toLocaleString('en-US')} bars, heap ${deep.heapMb.toFixed(0)} MB; ${scrollBaseline}`;
    const scrollFigures: BenchFigure[] = [
      ...(
        [
          ['p50', 0.5],
          ['p95', 0.95],
          ['p99', 0.99],
        ] as const
      ).map(([label, p]) =>
        versusBaseline(
          `chart.scroll-back.${LARGE}-candles.frame-${label}`,
          percentile(deep.gaps, p),
          percentile(shallow.gaps, p),
          label === 'p50' ? `smooth: near the baseline (${scrollNote})` : `frame ${label} (${scrollBaseline})`,
        ),
      ),
      {
        name: `chart.scroll-back.${LARGE}-candles.dropped-frames`,
        value: droppedFrames(deep.gaps, frameMs),
        unit: 'frames',
        baseline: droppedFrames(shallow.gaps, frameMs),
        target: `few over ${deep.frames} frames (frame ${frameMs.toFixed(1)} ms; ${scrollBaseline})`,
      },
    ];
    return [
      versusBaseline(
        `chart.draw.${LARGE}-candles`,
        median(large.map((t) => t.total)),
        median(small.map((t) => t.total)),
        `<150 ms to first paint, the chart opening on the latest bars (${baseline})`,
      ),
      // Where the time goes: the synchronous setCandles (series data, CandleBook, fitContent) vs the paint after it.
      versusBaseline(
        `chart.draw.${LARGE}-candles.set-data`,
        median(large.map((t) => t.setData)),
        median(small.map((t) => t.setData)),
        `part of the above (${baseline})`,
      ),
      ...scrollFigures,
    ];
  } finally {
    await browser.close();
    await server.close();
    temp.cleanup();
  }
}
