/**
 * Issue #12 item 7, the renderer's half: the real renderer (built with the project's Vite config)
 * in Debian's Chromium with the Spread workspace open, fed by the bench bridge
 * (bench/renderer/fake-bridge.ts) as core's spread monitor would feed it: 3 venues × 50 symbols,
 * every venue's ticker at 10 Hz, changed rows batched into one `spread.rows` event every 250 ms
 * (so every batch carries all 50 rows, resorted by net spread). Over a 10 s window, the main
 * thread's busy share (CDP Performance TaskDuration), dropped frames (requestAnimationFrame
 * intervals) and long tasks, against the same window with the workspace open and nothing
 * streaming. Core's half is bench/spread.bench.ts. Figures are printed, never asserted.
 */
import path from 'node:path';
import type { BenchFigure } from './bench-kit';
import { SPREAD_FLUSH_MS, SPREAD_SYMBOLS, SPREAD_VENUES } from './renderer/stream-spec';
import {
  buildRenderer,
  bundleBrowserScript,
  droppedFrames,
  launchChromium,
  measureWindow,
  median,
  serveStatic,
  tempDir,
} from './renderer/harness';

const WINDOW_MS = 10_000;
const SETTLE_MS = 3_000;

interface SpreadSent {
  batches: number;
  rows: number;
}

export async function run(): Promise<BenchFigure[]> {
  const temp = tempDir('tradewind-bench-spread-');
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
    // The spread monitor is the Spread workspace's tab (the docking workspace does not host it).
    await page.getByRole('tab', { name: 'Spread' }).click();
    const table = page.getByRole('region', { name: 'Spreads' });
    await table.getByRole('row').nth(SPREAD_SYMBOLS).waitFor(); // header row + every symbol's row
    await page.waitForTimeout(SETTLE_MS); // first loads (top bar, notifications) finish

    const bench = (expression: string) => page.evaluate(`window.__twBench.${expression}`);
    const idle = await measureWindow(page, WINDOW_MS);
    await bench(`start(${JSON.stringify({ spread: true })})`);
    await page.waitForTimeout(1_000); // the window sees steady state, not the first batch
    const sentBefore = (await bench('spreadSent()')) as SpreadSent;
    const streaming = await measureWindow(page, WINDOW_MS);
    const sentAfter = (await bench('spreadSent()')) as SpreadSent;
    await bench('stop()');
    const rowsShown = await table.getByRole('row').count();

    const unanswered = (await bench('unanswered()')) as string[];
    if (unanswered.length > 0) process.stderr.write(`renderer-spread: the bench bridge left unanswered: ${unanswered.join(', ')}\n`);
    if (errors.length > 0) process.stderr.write(`renderer-spread: page errors: ${errors.join(' | ')}\n`);

    const batches = sentAfter.batches - sentBefore.batches;
    const rowsPerBatch = batches > 0 ? (sentAfter.rows - sentBefore.rows) / batches : 0;
    // The idle window's median frame interval is the display's frame time in this browser.
    const frameMs = median(idle.gaps);
    const name = `renderer.spread.${SPREAD_VENUES}-venues-${SPREAD_SYMBOLS}-symbols-10hz`;
    const percent = (share: number) => Number((share * 100).toFixed(1));
    const busy = percent(streaming.busyShare);
    const busyIdle = percent(idle.busyShare);
    const stream = `${batches} spread.rows batches of ${rowsPerBatch.toFixed(0)} rows every ${SPREAD_FLUSH_MS} ms, ${rowsShown - 1} rows shown`;
    return [
      {
        name: `${name}.main-thread-busy`,
        value: busy,
        unit: '%',
        baseline: busyIdle,
        ratio: busyIdle > 0 ? Number((busy / busyIdle).toFixed(2)) : undefined,
        target:
          `<30 % of a 10 s window (${stream}; script ${percent(streaming.scriptShare)} %, ` +
          `layout ${percent(streaming.layoutShare)} %, style ${percent(streaming.styleShare)} %, the rest paint/raster)`,
      },
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
    ];
  } finally {
    await browser.close();
    await server.close();
    temp.cleanup();
  }
}
