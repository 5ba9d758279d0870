/**
 * The esbuild bundles the hosts run (built by scripts/build.mjs into dist/electron). Kept apart
 * from the build so tests can bundle exactly the shipped shape and check what each bundle needs at
 * run time (electron/main/electron-bundles.integration.test.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

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

/** @param {{ root: string, quiet?: boolean }} options */
export function bundleConfigs({ root, quiet = false }) {
  const out = (...parts) => path.join(root, 'dist', ...parts);
  const src = (...parts) => path.join(root, ...parts);
  const nodeCommon = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node24',
    sourcemap: true,
    packages: 'external',
    logLevel: quiet ? 'error' : 'warning',
  };
  const list = [
    {
      ...nodeCommon,
      ...CJS_IMPORT_META,
      entryPoints: [src('electron/main/index.ts')],
      outfile: out('electron/main.cjs'),
      format: 'cjs',
      external: ['electron'],
      // `await import('pkg')` (core loads native modules lazily) becomes a lazy require(): inside
      // app.asar Electron resolves packages for require() but its ESM loader has failed to.
      supported: { 'dynamic-import': false },
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
  if (existsSync(src('electron/mcp/stdio-main.ts'))) {
    list.push({
      ...nodeCommon,
      entryPoints: [src('electron/mcp/stdio-main.ts')],
      outfile: out('electron/mcp.mjs'),
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
        ...CJS_IMPORT_META,
        // Self-contained CommonJS: in the installed app a worker starts from inside app.asar,
        // which Electron supports for CommonJS worker entries; with its libraries bundled in it
        // resolves no package at run time (only Node built-ins).
        packages: 'bundle',
        entryPoints: [path.join(workersDir, file)],
        outfile: out('electron/workers', `${path.basename(file, '.ts')}.cjs`),
        format: 'cjs',
      });
    }
  }
  return list;
}
