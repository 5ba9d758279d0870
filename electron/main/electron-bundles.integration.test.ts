/**
 * What each shipped bundle needs at run time, checked on the bundles exactly as scripts/build.mjs
 * makes them (scripts/bundles.mjs), for the things that break only inside Electron:
 * - a sandboxed preload is one CommonJS file that may require nothing but 'electron';
 * - the installed app has only production dependencies, inside app.asar, where Electron resolves
 *   require() but its ESM loader has failed to resolve packages: main must not `import()` one;
 * - worker threads start from inside app.asar too: a worker is self-contained CommonJS, except
 *   for XGBoost's WebAssembly glue, which must sit beside its .wasm file: the worker resolves it at
 *   run time from the app's node_modules (`ml-xgboost`, unpacked from the asar).
 */
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleConfigs } from '../../scripts/bundles.mjs';
import { ModelSpecSchema } from '../../shared/ml/model-spec';
import { modelGraph } from '../core/ml/test-support/model-graph';
import { syntheticCandles } from '../core/ml/test-support/synthetic';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

interface Built {
  config: BuildOptions & { outfile: string };
  text: string;
  /** External modules the bundle loads at run time. */
  externals: string[];
}

const isBuiltin = (id: string) => id.startsWith('node:') || builtinModules.includes(id);
/** `lodash/fp` → lodash, `@scope/pkg/x` → @scope/pkg. */
const packageOf = (id: string) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');
/** String-literal require() calls left in the output. */
const requiresIn = (text: string) => [...new Set([...text.matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g)].map((m) => m[2]!))].sort();

describe('Electron bundles as built (scripts/bundles.mjs)', { timeout: 60_000 }, () => {
  const built = new Map<string, Built>();

  beforeAll(async () => {
    for (const config of bundleConfigs({ root: ROOT, quiet: true })) {
      const result = await build({ ...config, write: false, sourcemap: false, metafile: true, logLevel: 'error' });
      const text = result.outputFiles.find((file) => file.path === config.outfile)?.text ?? '';
      const outputs = Object.values((result.metafile as Metafile).outputs);
      const externals = [...new Set(outputs.flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)))].sort();
      built.set(path.relative(path.join(ROOT, 'dist'), config.outfile).split(path.sep).join('/'), { config, text, externals });
    }
  });

  const get = (name: string): Built => {
    const found = built.get(name);
    if (!found) throw new Error(`scripts/bundles.mjs builds no ${name} (it builds: ${[...built.keys()].join(', ')})`);
    return found;
  };

  it('the preload is one CommonJS file whose only require is electron (a sandboxed preload gets nothing else)', () => {
    const preload = get('electron/preload.cjs');
    expect(preload.config.format).toBe('cjs');
    expect(preload.externals).toEqual(['electron']);
    expect(requiresIn(preload.text)).toEqual(['electron']);
    expect(preload.text).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('main loads only Node built-ins, electron and production dependencies, all through require()', () => {
    const main = get('electron/main.cjs');
    expect(main.config.format).toBe('cjs');
    const outside = main.externals.filter((id) => !isBuiltin(id) && id !== 'electron' && !(packageOf(id) in pkg.dependencies));
    expect(outside, 'a devDependency is missing from the installed app').toEqual([]);
    // A dynamic import() of a package goes through the ESM loader, which inside app.asar has
    // failed to find packages; the lazy native-module loads must be require() calls.
    expect(main.text.match(/\bimport\(\s*["'`][^"'`]+["'`]\s*\)/g) ?? []).toEqual([]);
    expect(requiresIn(main.text)).toEqual(expect.arrayContaining(['better-sqlite3', 'electron']));
  });

  it('workers are self-contained CommonJS that need only Node built-ins (and resolve XGBoost’s wasm glue at run time)', () => {
    const workers = [...built.keys()].filter((name) => name.startsWith('electron/workers/'));
    expect(workers).toContain('electron/workers/backtest-worker.cjs');
    for (const name of workers) {
      const worker = get(name);
      expect(worker.config.format, name).toBe('cjs');
      expect(
        worker.externals.filter((id) => !isBuiltin(id)),
        name,
      ).toEqual([]);
      expect(
        requiresIn(worker.text).filter((id) => !isBuiltin(id)),
        name,
      ).toEqual([]);
    }
    // Not bundled (it finds xgboost.wasm beside itself): a production dependency, required lazily.
    const backtest = get('electron/workers/backtest-worker.cjs').text;
    expect(backtest).toContain('"ml-xgboost/dist/wasm/xgboost.js"');
    expect(backtest).not.toContain('Module.wasmBinaryFile');
    expect(pkg.dependencies['ml-xgboost']).toBeDefined();
  });

  describe('the backtest worker bundle, started from a folder without node_modules', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'tw-worker-bundle-'));
      writeFileSync(path.join(dir, 'backtest-worker.cjs'), get('electron/workers/backtest-worker.cjs').text);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('runs a job (here: parsing a CSV) and answers', async () => {
      const worker = new Worker(path.join(dir, 'backtest-worker.cjs'));
      try {
        const reply = await new Promise<unknown>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage({
            type: 'run',
            jobId: 1,
            cancelFlag: new SharedArrayBuffer(4),
            task: { kind: 'csv', text: 'time,open,high,low,close,volume\n1700000000000,1,2,0.5,1.5,10\n1700000060000,1.5,2,1,1.8,12\n' },
          });
        });
        expect(reply).toMatchObject({ type: 'result', jobId: 1, result: { ok: true } });
      } finally {
        await worker.terminate();
      }
    });
  });

  describe('the backtest worker bundle where the app keeps it (dist/electron/workers, node_modules above)', () => {
    let dir: string;
    beforeAll(() => {
      // Inside the checkout's dist/ (git-ignored), so ml-xgboost resolves as from app.asar/dist/electron/workers.
      mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
      dir = mkdtempSync(path.join(ROOT, 'dist', 'test-worker-bundle-'));
      writeFileSync(path.join(dir, 'backtest-worker.cjs'), get('electron/workers/backtest-worker.cjs').text);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('trains a gradient-boosted model (XGBoost’s WebAssembly found at run time) and prints nothing', async () => {
      const worker = new Worker(path.join(dir, 'backtest-worker.cjs'), { stdout: true, stderr: true });
      const printed: string[] = [];
      worker.stdout.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
      worker.stderr.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
      try {
        const candles = syntheticCandles(600, 1);
        const reply = await new Promise<{ type: string; result?: unknown; message?: string }>((resolve, reject) => {
          worker.on('message', (message: { type: string }) => {
            if (message.type !== 'progress') resolve(message);
          });
          worker.once('error', reject);
          worker.postMessage({
            type: 'run',
            jobId: 2,
            cancelFlag: new SharedArrayBuffer(4),
            task: {
              kind: 'train',
              request: {
                spec: ModelSpecSchema.parse({
                  kind: 'xgboostClassifier',
                  label: { kind: 'direction', horizon: 1 },
                  windows: { trainBars: 200, testBars: 100, purgeBars: 1 },
                  xgboost: { trees: 10 },
                }),
                graph: modelGraph(),
                features: [
                  { node: 'rsi', port: 'value' },
                  { node: 'roc', port: 'value' },
                ],
                candles,
              },
            },
          });
        });
        expect(reply.message).toBeUndefined();
        expect(reply).toMatchObject({
          type: 'result',
          result: { latest: { model: { kind: 'xgboostClassifier', library: 'ml-xgboost@1.1.2' } } },
        });
      } finally {
        await worker.terminate();
      }
      expect(printed.join('')).toBe('');
    });
  });
});
