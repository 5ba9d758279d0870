/**
 * Where the backtest worker's code is. Bundled (dist/electron/cli.mjs, server.mjs, main.cjs):
 * dist/electron/workers/backtest-worker.cjs beside the running bundle (self-contained CommonJS,
 * which Electron can start from inside app.asar). From source (vitest,
 * tsx): electron/workers/backtest-worker.ts behind a two-line bootstrap that registers tsx
 * first (Node 20 does not reliably apply `--import` loader hooks to a worker's entry module).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** A file path, or a URL (the source bootstrap is a data: URL). */
  specifier: string | URL;
  /** For messages: which file runs. */
  file: string;
}

export function resolveBacktestWorker(): WorkerEntry {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  const bundled = path.join(dir, 'workers', 'backtest-worker.cjs');
  if (fs.existsSync(bundled)) return { specifier: bundled, file: bundled };
  const source = path.resolve(dir, '../../../workers/backtest-worker.ts');
  if (fs.existsSync(source)) {
    const bootstrap = [
      `import { register } from ${JSON.stringify(tsxEsmApi(here))};`,
      'register();',
      `await import(${JSON.stringify(pathToFileURL(source).href)});`,
    ].join('\n');
    return { specifier: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), file: source };
  }
  throw new Error(`backtest worker not found (looked for ${bundled} and ${source})`);
}

/** URL of tsx's ESM register API, read from tsx's own export map (require.resolve would give the CJS build). */
function tsxEsmApi(from: string): string {
  const require = createRequire(from);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = manifest.exports['./esm/api'];
  const relative = typeof entry === 'object' ? entry.import?.default : undefined;
  if (!relative) throw new Error('this tsx version has no ESM register API (tsx/esm/api)');
  return pathToFileURL(path.join(path.dirname(manifestPath), relative)).href;
}
