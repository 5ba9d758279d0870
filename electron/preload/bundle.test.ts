import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** A sandboxed preload can require only 'electron': everything else must be bundled in. */
describe('preload bundle', () => {
  it('is self-contained apart from electron, and small', async () => {
    const result = await build({
      absWorkingDir: path.resolve(__dirname, '../..'),
      entryPoints: [path.join(__dirname, 'index.ts')],
      bundle: true,
      platform: 'browser',
      target: 'chrome130',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    // No schema library or contract tables in here: the preload is a short allow-list.
    expect(code.length).toBeLessThan(20_000);
  });
});
