/**
 * What the renderer benches share: building the real renderer (same Vite config as
 * scripts/build.mjs, into a temp folder so dist/ is left alone), bundling the bench pages, a
 * static server on 127.0.0.1, Debian's Chromium, and main-thread / frame measurements.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.TRADEWIND_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `vite build` of the renderer with the project's config, as `node scripts/build.mjs` does, into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const cwd = process.cwd();
  process.chdir(root); // Vite resolves the config's root against the working directory
  try {
    await build({
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.chdir(cwd);
  }
}

/** Bundles a bench page script (browser, one IIFE) and returns its code. */
export async function bundleBrowserScript(entry: string): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** Serves `dir` read-only on 127.0.0.1 (module scripts need http, not file://). */
export async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}; set TRADEWIND_CHROMIUM to its path.`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export interface WindowMeasure {
  /** Share of the window the renderer's main thread spent running tasks (CDP Performance TaskDuration). */
  busyShare: number;
  /** The parts of it spent in script, layout and style recalculation (the rest is mostly paint and raster). */
  scriptShare: number;
  layoutShare: number;
  styleShare: number;
  frames: number;
  /** Frame intervals (ms) as requestAnimationFrame saw them. */
  gaps: number[];
  /** Tasks over 50 ms (PerformanceObserver 'longtask'). */
  longTasks: number;
  longTaskMs: number;
}

/**
 * Installed in the page as source text: functions handed to page.evaluate would carry the
 * helpers tsx adds to named functions, which do not exist in the page.
 */
const FRAME_RECORDER = `(() => {
  const state = { frames: [], on: true, longTasks: 0, longTaskMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.longTasks += 1;
      state.longTaskMs += entry.duration;
    }
  });
  observer.observe({ type: 'longtask' });
  const loop = (time) => {
    if (!state.on) return observer.disconnect();
    state.frames.push(time);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  window.__twFrames = state;
})()`;

/** Records frames and main-thread time over `ms` of wall time. */
export async function measureWindow(page: Page, ms: number): Promise<WindowMeasure> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
    return {
      task: get('TaskDuration'),
      script: get('ScriptDuration'),
      layout: get('LayoutDuration'),
      style: get('RecalcStyleDuration'),
      at: get('Timestamp'),
    };
  };
  await page.evaluate(FRAME_RECORDER);
  const before = await metrics();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await metrics();
  const recorded = await page.evaluate(() => {
    const state = (window as unknown as { __twFrames: { frames: number[]; on: boolean; longTasks: number; longTaskMs: number } })
      .__twFrames;
    state.on = false;
    return { frames: state.frames, longTasks: state.longTasks, longTaskMs: state.longTaskMs };
  });
  await cdp.detach();
  const gaps = recorded.frames.slice(1).map((t, i) => t - (recorded.frames[i] as number));
  const wall = after.at - before.at;
  return {
    busyShare: (after.task - before.task) / wall,
    scriptShare: (after.script - before.script) / wall,
    layoutShare: (after.layout - before.layout) / wall,
    styleShare: (after.style - before.style) / wall,
    frames: recorded.frames.length,
    gaps,
    longTasks: recorded.longTasks,
    longTaskMs: recorded.longTaskMs,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Frames lost: each interval longer than 1.5 frames counts the frames that fit in it beyond the one shown. */
export function droppedFrames(gaps: readonly number[], frameMs: number): number {
  let dropped = 0;
  for (const gap of gaps) if (gap > frameMs * 1.5) dropped += Math.round(gap / frameMs) - 1;
  return dropped;
}
