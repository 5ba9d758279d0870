import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_META_CSP } from '../../shared/security/csp';

/**
 * Electron loads the renderer over file://, where response-header CSP is not guaranteed to apply;
 * the page's own meta tag is what enforces the policy there, so it must equal the shared one.
 */
describe('renderer CSP meta tag', () => {
  const indexHtml = path.resolve(__dirname, '../../renderer/index.html');

  it('matches RENDERER_META_CSP exactly', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
    expect(metas).toHaveLength(1);
    expect(metas[0]?.[1]).toBe(RENDERER_META_CSP);
  });
});
