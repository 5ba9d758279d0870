#!/usr/bin/env node
/**
 * `npm run bench [-- --json]`: runs every bench/*.bench.ts. Each exports
 * `run(): Promise<BenchFigure[]>`, measuring against a baseline in the same process, so
 * figures are ratios, comparable across machines. Benchmarks print; they never fail a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const json = process.argv.includes('--json');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const benchDir = path.resolve(import.meta.dirname, '../bench');
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

const rows = [];
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(benchDir, file)).href);
  for (const figure of await mod.run()) {
    rows.push(figure);
    if (json) process.stdout.write(`${JSON.stringify(figure)}\n`);
  }
}
if (!json) {
  const fmt = (n) => (n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 3 : 1));
  const table = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.unit}`,
    fmt(r.ratio),
    r.target,
  ]);
  const head = ['figure', 'value', 'baseline', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}
