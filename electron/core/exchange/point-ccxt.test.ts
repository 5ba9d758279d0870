import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { pointExchangeAt, rewriteApiUrls } from './point-ccxt';

const API = {
  public: 'https://api.binance.com/api/v3',
  sapi: 'https://api.binance.com/sapi/v1/',
  ws: {
    spot: 'wss://stream.binance.com:9443/ws',
    'ws-api': { spot: 'wss://ws-api.binance.com:443/ws-api/v3' },
  },
  note: 'not a url',
};

describe('pointing ccxt at another origin', () => {
  it('moves REST and websocket URLs to the base origin, keeping paths and the socket scheme family', () => {
    expect(rewriteApiUrls(API, 'http://127.0.0.1:8123')).toEqual({
      public: 'http://127.0.0.1:8123/api/v3',
      sapi: 'http://127.0.0.1:8123/sapi/v1/',
      ws: { spot: 'ws://127.0.0.1:8123/ws', 'ws-api': { spot: 'ws://127.0.0.1:8123/ws-api/v3' } },
      note: 'not a url',
    });
    expect((rewriteApiUrls(API, 'https://proxy.example:8443') as typeof API).ws.spot).toBe('wss://proxy.example:8443/ws');
  });

  it('moves URLs whose host ccxt fills in late (OKX https://{hostname}, Bybit https://api.{hostname})', () => {
    const api = { rest: 'https://{hostname}', ws: 'wss://ws.okx.com:8443/ws/v5', spot: 'https://api.{hostname}/v5' };
    expect(rewriteApiUrls(api, 'http://127.0.0.1:8123')).toEqual({
      rest: 'http://127.0.0.1:8123',
      ws: 'ws://127.0.0.1:8123/ws/v5',
      spot: 'http://127.0.0.1:8123/v5',
    });
  });

  it('gives the client an http.Agent for plain ws:// (ccxt.pro refuses them without one), and none for TLS', () => {
    const plain: { urls: { api?: unknown }; httpAgent?: unknown } = { urls: { api: structuredClone(API) } };
    pointExchangeAt(plain, 'http://127.0.0.1:9000', () => new http.Agent());
    expect(plain.httpAgent).toBeInstanceOf(http.Agent);
    expect((plain.urls.api as typeof API).ws['ws-api'].spot).toBe('ws://127.0.0.1:9000/ws-api/v3');

    const tls: { urls: { api?: unknown }; httpAgent?: unknown } = { urls: { api: structuredClone(API) } };
    pointExchangeAt(tls, 'https://proxy.example', () => new http.Agent());
    expect(tls.httpAgent).toBeUndefined();
  });
});
