/**
 * The real renderer (built with the project's Vite config) in Debian's Chromium, fed by an
 * in-page bridge that plays core (bench/renderer/fake-bridge.ts): 50 tickers at 10 Hz into the
 * markets list, the chart's live bar and a balance change with every batch. Over a 10 s window,
 * the main thread's busy share (CDP Performance TaskDuration) and dropped frames
 * (requestAnimationFrame intervals) against the same window with nothing streaming; then the
 * same stream one part at a time (tickers, chart bar, balances) to show where the time goes.
 * Figures are printed, never asserted.
 */
import path from 'node:path';
import type { BenchFigure } from './bench-kit';
import { STREAM_HZ, STREAMED_TICKERS } from './renderer/stream-spec';
import type { StreamParts } from './renderer/fake-bridge';
import {
  buildRenderer,
  bundleBrowserScript,
  droppedFrames,
  launchChromium,
  measureWindow,
  median,
  serveStatic,
  tempDir,
  type WindowMeasure,
} from './renderer/harness';

const WINDOW_MS = 10_000;
const SETTLE_MS = 3_000;

export async function run(): Promise<BenchFigure[]> {
  const temp = tempDir('tradewind-bench-renderer-');
  const site = path.join(temp.dir, 'renderer');
  const [bridge] = await Promise.all([bundleBrowserScript('bench/renderer/fake-bridge.ts'), buildRenderer(site)]);
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Runs before the app's own scripts, like the Electron preload that defines window.tradewind.
    await page.addInitScript({ content: bridge });
    await page.goto(`${server.url}/index.html`);
    await page.locator('[role="listbox"][aria-label="Markets"] [role="option"]').nth(20).waitFor();
    await page.locator('canvas').first().waitFor();
    await page.waitForFunction(() => (window as unknown as { __twBench: { chartWatch(): unknown } }).__twBench.chartWatch() !== null);
    await page.waitForTimeout(SETTLE_MS); // first loads (book, orders, history) finish

    const bench = (expression: string) => page.evaluate(`window.__twBench.${expression}`);
    const measureStreaming = async (parts?: Partial<StreamParts>) => {
      await bench(`start(${parts ? JSON.stringify(parts) : ''})`);
      await page.waitForTimeout(1_000); // the window sees steady state, not the first batch
      const measured = await measureWindow(page, WINDOW_MS);
      await bench('stop()');
      await page.waitForTimeout(1_000);
      return measured;
    };
    const idle = await measureWindow(page, WINDOW_MS);
    const streaming = await measureStreaming();
    // The same stream one part at a time, to show where the main thread's time goes.
    const tickersOnly = await measureStreaming({ tickers: true });
    const chartOnly = await measureStreaming({ candles: true });
    const balancesOnly = await measureStreaming({ balances: true });

    const unanswered = (await bench('unanswered()')) as string[];
    if (unanswered.length > 0) process.stderr.write(`renderer-stream: the bench bridge left unanswered: ${unanswered.join(', ')}\n`);
    if (errors.length > 0) process.stderr.write(`renderer-stream: page errors: ${errors.join(' | ')}\n`);

    // The idle window's median frame interval is the display's frame time in this browser.
    const frameMs = median(idle.gaps);
    const name = `renderer.stream.${STREAMED_TICKERS}-tickers-${STREAM_HZ}hz`;
    const percent = (share: number) => Number((share * 100).toFixed(1));
    const busyIdle = percent(idle.busyShare);
    const busyFigure = (suffix: string, measured: WindowMeasure, target: string): BenchFigure => {
      const busy = percent(measured.busyShare);
      return {
        name: `${name}.main-thread-busy${suffix}`,
        value: busy,
        unit: '%',
        baseline: busyIdle,
        ratio: busyIdle > 0 ? Number((busy / busyIdle).toFixed(2)) : undefined,
        target,
      };
    };
    const split = (m: WindowMeasure) =>
      `script ${percent(m.scriptShare)} %, layout ${percent(m.layoutShare)} %, style ${percent(m.styleShare)} %, the rest paint/raster`;
    return [
      busyFigure('', streaming, `<30 % of a 10 s window (${split(streaming)})`),
      {
        name: `${name}.dropped-frames`,
        value: droppedFrames(streaming.gaps, frameMs),
        unit: 'frames',
        baseline: droppedFrames(idle.gaps, frameMs),
        target: `0 in 10 s (frame ${frameMs.toFixed(1)} ms; ${streaming.frames} frames drawn, baseline ${idle.frames})`,
      },
      {
        name: `${name}.long-tasks`,
        value: streaming.longTasks,
        unit: 'tasks >50 ms',
        baseline: idle.longTasks,
        target: `0 (${streaming.longTaskMs.toFixed(0)} ms in long tasks, baseline ${idle.longTaskMs.toFixed(0)} ms)`,
      },
      busyFigure('.tickers-only', tickersOnly, `part of the whole: markets list, ticket, chart header (${split(tickersOnly)})`),
      busyFigure('.chart-bar-only', chartOnly, `part of the whole: the chart's live bar (${split(chartOnly)})`),
      busyFigure('.balances-only', balancesOnly, `part of the whole: portfolio.changed → snapshot re-read (${split(balancesOnly)})`),
    ];
  } finally {
    await browser.close();
    await server.close();
    temp.cleanup();
  }
}
