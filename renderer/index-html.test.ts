import { describe, expect, it } from 'vitest';
import { RENDERER_META_CSP } from '../shared/security/csp';
// Vite's ?raw import: the file's text, without Node's fs (lint keeps node: out of renderer/).
import html from './index.html?raw';

describe('renderer/index.html', () => {
  it('carries exactly RENDERER_META_CSP in its Content-Security-Policy meta tag', () => {
    const tags = html.match(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/gi) ?? [];
    expect(tags).toHaveLength(1);
    const content = /content="([^"]*)"/.exec(tags[0] ?? '')?.[1];
    expect(content).toBe(RENDERER_META_CSP);
  });

  it('has no inline script, style element, style attribute or event handler', () => {
    for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
