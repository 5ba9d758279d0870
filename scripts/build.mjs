#!/usr/bin/env node
/**
 * Builds everything the hosts run: the renderer (Vite) into dist/renderer, and the Electron main,
 * preload, headless server, CLI and worker bundles (esbuild) into dist/electron.
 * `--quiet` prints nothing but errors (used by `npm run serve`, whose stdout is one line).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleConfigs } from './bundles.mjs';

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

function bundles() {
  return bundleConfigs({ root, quiet });
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
