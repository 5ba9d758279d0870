import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * Markup that RENDERER_CSP (no 'unsafe-inline') would block: inline <script> bodies, <style>
 * elements, style="" attributes, on*="" handlers, javascript: URLs. Kept in this file because
 * Vite's config loader wants config imports to carry file extensions.
 */
function findInlineCode(html: string): string[] {
  const markup = html.replace(/<!--[\s\S]*?-->/g, '');
  const problems: string[] = [];
  for (const [tag, attributes = '', body = ''] of markup.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/\bsrc\s*=/i.test(attributes) || body.trim() !== '') problems.push(`inline script: ${tag}`);
  }
  const patterns: Array<[string, RegExp]> = [
    ['<style> element', /<style\b[^>]*>/gi],
    ['style attribute', /<[a-z][^>]*?\sstyle\s*=[^>]*>/gi],
    ['inline event handler', /<[a-z][^>]*?\son[a-z]+\s*=[^>]*>/gi],
    ['javascript: URL', /<[a-z][^>]*?=\s*["']?\s*javascript:[^>]*>/gi],
  ];
  for (const [what, pattern] of patterns) for (const [tag] of markup.matchAll(pattern)) problems.push(`${what}: ${tag}`);
  return problems;
}

/** Fails the build when index.html would need 'unsafe-inline' (see shared/security/csp.ts). */
function cspGuard(): Plugin {
  return {
    name: 'tradewind:csp-guard',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const html = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        const problems = findInlineCode(html);
        if (problems.length > 0) this.error(`${file.fileName} breaks the CSP:\n  ${problems.join('\n  ')}`);
      }
    },
  };
}

/**
 * The dev server's React Fast Refresh needs an inline preamble and its own HMR socket, which the
 * CSP meta tag refuses. Drop the meta tag in dev only; built pages keep it, and every host also
 * sends the policy as a header.
 */
function devWithoutCspMeta(): Plugin {
  return {
    name: 'tradewind:dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the same build loads from file:// (Electron) and http://127.0.0.1:PORT/.
  base: './',
  plugins: [react(), cspGuard(), devWithoutCspMeta()],
  build: {
    outDir,
    emptyOutDir: true,
    // Never inline assets as data: URLs into JS/CSS; everything is a file served from 'self'.
    assetsInlineLimit: 0,
    // Electron 45 and current Chromium support modulepreload natively; skip the polyfill.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1' },
});
