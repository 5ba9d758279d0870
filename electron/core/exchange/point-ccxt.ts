/**
 * Replace the origin of every URL in a ccxt `urls.api` tree, keeping each path. Used to
 * point the real ccxt client at a loopback exchange in tests (and at a proxy if a user needs one).
 * Websocket entries (`urls.api.ws`, ccxt.pro) move too, keeping their scheme family: an
 * http:// base turns wss:// into ws://, an https:// base keeps wss://.
 */
export function rewriteApiUrls(api: unknown, baseUrl: string): unknown {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  const rewrite = (node: unknown): unknown => {
    if (typeof node === 'string') {
      try {
        const url = new URL(node);
        const isSocket = url.protocol === 'ws:' || url.protocol === 'wss:';
        url.protocol = isSocket ? (secure ? 'wss:' : 'ws:') : base.protocol;
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

/** The parts of a ccxt client that pointing it elsewhere touches. */
export interface PointableExchange {
  urls: { api?: unknown };
  httpAgent?: unknown;
}

/**
 * Points a client's REST and websocket URLs at `baseUrl`. ccxt.pro refuses plain ws:// URLs
 * unless the client holds an http.Agent (its proxy hook); a plain agent carries no proxy, so
 * REST requests are unaffected.
 */
export function pointExchangeAt(exchange: PointableExchange, baseUrl: string, makeAgent: () => unknown): void {
  exchange.urls.api = rewriteApiUrls(exchange.urls.api, baseUrl);
  if (new URL(baseUrl).protocol === 'http:' && exchange.httpAgent === undefined) exchange.httpAgent = makeAgent();
}
