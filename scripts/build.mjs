#!/usr/bin/env node
/**
 * Builds everything the hosts run: the renderer (Vite) into dist/renderer, and the Electron main,
 * preload, headless server, CLI and worker bundles (esbuild) into dist/electron.
 * `--quiet` prints nothing but errors (used by `npm run serve`, whose stdout is one line).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--quiet');
if (unknown.length > 0) {
  process.stderr.write(`build: unknown argument(s): ${unknown.join(' ')}\nUsage: node scripts/build.mjs [--quiet]\n`);
  process.exit(2);
}
const quiet = args.includes('--quiet');
const out = (...parts) => path.join(root, 'dist', ...parts);
const src = (...parts) => path.join(root, ...parts);

// Vite resolves the config's `root` against the working directory.
process.chdir(root);

/** ESM bundles keep node_modules external; this lets bundled CJS-style `require` calls still work. */
const ESM_BANNER = [
  "import { createRequire as __twCreateRequire } from 'node:module';",
  'const require = __twCreateRequire(import.meta.url);',
].join('\n');

/**
 * esbuild empties `import.meta` in CJS output; core code written as ESM may still read
 * `import.meta.url`, so the CJS bundle gets the real value of its own file.
 */
const CJS_IMPORT_META = {
  banner: { js: "const __twImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__twImportMetaUrl' },
};

const nodeCommon = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  packages: 'external',
  logLevel: quiet ? 'error' : 'warning',
};

function bundles() {
  const list = [
    {
      ...nodeCommon,
      ...CJS_IMPORT_META,
      entryPoints: [src('electron/main/index.ts')],
      outfile: out('electron/main.cjs'),
      format: 'cjs',
      external: ['electron'],
    },
    {
      // Sandboxed preloads cannot require anything but 'electron' (and a few shims): bundle the
      // rest in, and target the browser so a stray Node built-in import fails the build.
      absWorkingDir: root,
      bundle: true,
      platform: 'browser',
      target: 'chrome130',
      sourcemap: true,
      logLevel: quiet ? 'error' : 'warning',
      entryPoints: [src('electron/preload/index.ts')],
      outfile: out('electron/preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    },
    {
      ...nodeCommon,
      entryPoints: [src('electron/server/index.ts')],
      outfile: out('electron/server.mjs'),
      format: 'esm',
      banner: { js: ESM_BANNER },
    },
  ];
  if (existsSync(src('electron/server/cli.ts'))) {
    list.push({
      ...nodeCommon,
      entryPoints: [src('electron/server/cli.ts')],
      outfile: out('electron/cli.mjs'),
      format: 'esm',
      banner: { js: ESM_BANNER },
    });
  }
  const workersDir = src('electron/workers');
  if (existsSync(workersDir)) {
    const workers = readdirSync(workersDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
    for (const file of workers) {
      list.push({
        ...nodeCommon,
        entryPoints: [path.join(workersDir, file)],
        outfile: out('electron/workers', `${path.basename(file, '.ts')}.mjs`),
        format: 'esm',
        banner: { js: ESM_BANNER },
      });
    }
  }
  return list;
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({
    configFile: src('vite.config.ts'),
    logLevel: quiet ? 'error' : 'info',
    // The hosts look for the renderer exactly here (server: ../renderer, Electron: loadFile).
    build: { outDir: out('renderer'), emptyOutDir: true },
  });
}

function size(file) {
  const bytes = statSync(file).size;
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

async function main() {
  if (!existsSync(src('vite.config.ts'))) throw new Error('vite.config.ts not found at the project root');
  const configs = bundles();
  await Promise.all([buildRenderer(), ...configs.map((config) => esbuild.build(config))]);
  if (!quiet) {
    process.stdout.write('built dist/renderer\n');
    for (const config of configs) process.stdout.write(`built ${path.relative(root, config.outfile)} (${size(config.outfile)})\n`);
  }
}

main().catch((err) => {
  // esbuild has already printed its diagnostics; Vite and everything else have not.
  const printed = Array.isArray(err?.errors) && err.errors.length > 0 && 'location' in err.errors[0];
  if (!printed) process.stderr.write(`build failed: ${err?.stack ?? err}\n`);
  else process.stderr.write('build failed\n');
  process.exit(1);
});
