/**
 * Drawing history in the chart: the renderer's own chart view (lightweight-charts v5, candles +
 * volume, the app's theme) in Debian's Chromium, timed from `setCandles` to the first paint of
 * the bars (bench/renderer/chart-page.ts). 100,000 one-minute candles against 1,000.
 * Figures are printed, never asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { versusBaseline, type BenchFigure } from './bench-kit';
import { bundleBrowserScript, launchChromium, median, serveStatic, tempDir } from './renderer/harness';

const LARGE = 100_000;
const SMALL = 1_000;

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
    ];
  } finally {
    await browser.close();
    await server.close();
    temp.cleanup();
  }
}
