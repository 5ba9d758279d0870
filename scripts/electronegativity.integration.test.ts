/**
 * Electronegativity as `npm run lint` runs it: over our Electron sources it finds no HIGH issue
 * of FIRM/CERTAIN confidence and parses every file; over a window built the unsafe way it fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES, scan } from './electronegativity.mjs';

const ROOT = path.resolve(__dirname, '..');

describe('electronegativity in lint', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-eneg-fixture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('our main, preload and renderer have no HIGH finding of FIRM or CERTAIN confidence', async () => {
    const lines: string[] = [];
    const result = await scan({ root: ROOT, sources: DEFAULT_SOURCES, print: (line) => lines.push(line) });
    expect(
      lines.filter((line) => line.startsWith('✖')),
      lines.join('\n'),
    ).toEqual([]);
    expect(result).toMatchObject({ blocking: 0, unparsed: 0 });
    // The hardening flags are verified at the BrowserWindow call, not reported as unknown.
    expect(lines.join('\n')).not.toMatch(/CONTEXT_ISOLATION_JS_CHECK|NODE_INTEGRATION_JS_CHECK|SANDBOX_JS_CHECK/);
  });

  it('fails on a window whose options come from elsewhere or turn isolation off', async () => {
    writeFileSync(
      path.join(dir, 'window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'declare function optionsFromAHelper(): object;',
        'export const hidden = new BrowserWindow(optionsFromAHelper());',
        'export const open = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
      ].join('\n'),
    );
    const lines: string[] = [];
    const result = await scan({ root: ROOT, sources: [dir], print: (line) => lines.push(line) });
    const blocking = lines.filter((line) => line.startsWith('✖'));
    // Options from a helper cannot be verified; explicit isolation off is a finding too.
    expect(
      blocking.some((line) => line.includes('CONTEXT_ISOLATION_JS_CHECK') && line.includes('window.ts:3:')),
      lines.join('\n'),
    ).toBe(true);
    expect(
      blocking.some((line) => line.includes('CONTEXT_ISOLATION_JS_CHECK') && line.includes('window.ts:4:')),
      lines.join('\n'),
    ).toBe(true);
    expect(result.blocking).toBe(blocking.length);
  });
});
