/** The committed ONNX fixtures are exactly what their generator writes (no hand-edited model, no stale expected values). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('scripts/make-onnx-fixture.mjs', () => {
  it('would write the committed fixtures byte for byte', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'make-onnx-fixture.mjs'), '--check']);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
  });
});
