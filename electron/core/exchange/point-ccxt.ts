/**
 * Replace the origin of every URL in a ccxt `urls.api` tree, keeping each path. Used to
 * point the real ccxt client at a loopback exchange in tests (and at a proxy if a user needs one).
 */
export function rewriteApiUrls(api: unknown, baseUrl: string): unknown {
  const base = new URL(baseUrl);
  const rewrite = (node: unknown): unknown => {
    if (typeof node === 'string') {
      try {
        const url = new URL(node);
        url.protocol = base.protocol;
        url.host = base.host;
        return url.toString().replace(/\/$/, node.endsWith('/') ? '/' : '');
      } catch {
        return node;
      }
    }
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value)]));
    }
    return node;
  };
  return rewrite(api);
}
