import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../shared/ipc/contract';
import { createCore, type Core } from './index';
import { makeTempDir } from './test-support/temp-dir';
import { APP_VERSION } from './version';
import pkg from '../../package.json';

const ctx = { sessionId: 's1' };
let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await core?.close();
  core = undefined;
  temp?.cleanup();
});

async function offlineCore(replaySpeed = 1): Promise<Core> {
  temp = makeTempDir();
  core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, replaySpeed, log: () => {} });
  return core;
}

async function value<T = unknown>(c: Core, method: string, input?: unknown): Promise<T> {
  const result = await c.invoke(method, input, ctx);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('createCore', () => {
  it('opens a first run with a paper account holding 10,000 USDT', async () => {
    const c = await offlineCore();
    const accounts = await value<Array<{ id: string; kind: string }>>(c, 'accounts.list');
    expect(accounts).toEqual([expect.objectContaining({ id: 'paper', kind: 'paper', exchangeId: 'binance' })]);
    const snapshot = await value<{ totalValue: number; accounts: Array<{ balances: unknown[] }> }>(c, 'portfolio.snapshot', {});
    expect(snapshot.totalValue).toBe(10_000);
    expect(snapshot.accounts[0]!.balances).toEqual([{ asset: 'USDT', free: 10_000, used: 0, total: 10_000, value: 10_000, source: null }]);
  });

  it('keeps one paper account across restarts of the same data folder', async () => {
    const c = await offlineCore();
    await c.close();
    core = await createCore({ host: 'test', dataDir: temp!.dir, offline: true, log: () => {} });
    expect(await value<unknown[]>(core, 'accounts.list')).toHaveLength(1);
  });

  it('reports replay mode with the reason, and serves markets and candles from it', async () => {
    const c = await offlineCore();
    const markets = await value<{ exchangeId: string; venue: string; markets: Array<{ symbol: string }>; timeframes: string[] }>(
      c,
      'markets.list',
      { accountId: 'paper' },
    );
    expect(markets.exchangeId).toBe('binance');
    // Paper prices come from the reference stream: the venue its tickers and candles are stamped with.
    expect(markets.venue).toBe('reference');
    expect(markets.markets.map((m) => m.symbol)).toContain('BTC/USDT');
    expect(markets.timeframes).toContain('1h');
    const info = await value<{ version: string; marketData: { mode: string; detail: string } }>(c, 'app.info');
    expect(info.version).toBe(pkg.version);
    expect(info.marketData.mode).toBe('replay');
    expect(info.marketData.detail).toMatch(/Offline mode/);
    const candles = await value<{ venue: string; candles: number[][] }>(c, 'candles.get', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '1h',
      limit: 100,
    });
    expect(candles.candles).toHaveLength(100);
    expect(candles.venue).toBe('reference');
  });

  it('answers bad input with a specific error and unknown methods with unknown_method', async () => {
    const c = await offlineCore();
    const bad = await c.invoke('candles.get', { accountId: 'paper', symbol: 'not a symbol', timeframe: '1h' }, ctx);
    expect(bad).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('input.symbol') } });
    const badTf = await c.invoke('candles.get', { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '7m' }, ctx);
    expect(badTf.ok === false && badTf.error.message).toMatch(/input\.timeframe/);
    const extra = await c.invoke('accounts.list', { sneaky: 1 }, ctx);
    expect(extra.ok === false && extra.error.code).toBe('invalid_input');
    expect(await c.invoke('orders.nuke', {}, ctx)).toEqual({
      ok: false,
      error: {
        code: 'unknown_method',
        message: expect.stringMatching(/^Unknown method "orders\.nuke"\. Methods in "orders": orders\.[a-z]/),
      },
    });
    // An unknown group names the groups, not every method of a contract that keeps growing.
    const noGroup = await c.invoke('nuke', {}, ctx);
    expect(noGroup.ok === false && noGroup.error.message).toMatch(/^Unknown method "nuke"\. Method groups: app, accounts, /);
    expect((await c.invoke('__proto__', {}, ctx)).ok).toBe(false);
    const missing = await c.invoke('candles.get', { accountId: 'nope', symbol: 'BTC/USDT', timeframe: '1h' }, ctx);
    expect(missing.ok === false && missing.error.code).toBe('not_found');
    const unknownMarket = await c.invoke('candles.get', { accountId: 'paper', symbol: 'DOGE/USDT', timeframe: '1h' }, ctx);
    expect(unknownMarket.ok === false && unknownMarket.error.code).toBe('not_found');
  });

  it('streams conflated tickers and candles for what a session watches, and stops when it ends', async () => {
    // The replay's pushes and the event hub's 100 ms flushes run on a fake clock: the test moves
    // it on instead of waiting for real time, so a slow machine sees the same batches.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const c = await offlineCore(300);
    const tickers: EventPayload<'tickers'>[] = [];
    const candles: EventPayload<'candles'>[] = [];
    c.subscribe('tickers', (p) => tickers.push(p));
    c.subscribe('candles', (p) => candles.push(p));
    await value(c, 'market.watch', {
      accountId: 'paper',
      symbols: ['ETH/USDT', 'NOPE/USDT'],
      candles: { symbol: 'BTC/USDT', timeframe: '5m' },
    });
    await vi.advanceTimersByTimeAsync(1_200);
    expect(tickers.length).toBeGreaterThan(0);
    // Conflation: each batch has at most one ticker per symbol.
    for (const batch of tickers) expect(new Set(batch.tickers.map((t) => t.symbol)).size).toBe(batch.tickers.length);
    expect(new Set(tickers.flatMap((b) => b.tickers.map((t) => t.symbol)))).toEqual(new Set(['ETH/USDT', 'BTC/USDT']));
    expect(candles.flatMap((b) => b.updates).every((u) => u.symbol === 'BTC/USDT' && u.timeframe === '5m')).toBe(true);
    c.endSession(ctx.sessionId);
    await vi.advanceTimersByTimeAsync(300); // what was already batched is flushed
    const seen = tickers.length;
    await vi.advanceTimersByTimeAsync(5_000); // ten replay pushes later, nothing more
    expect(tickers.length).toBe(seen);
  });

  it('falls back to replay quickly when the exchange does not answer', async () => {
    // A loopback server that accepts connections and never answers: the worst case for start-up.
    const silent = http.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    temp = makeTempDir();
    core = await createCore({
      host: 'test',
      dataDir: temp.dir,
      offline: false,
      referenceApiUrl: `http://127.0.0.1:${port}`,
      probeTimeoutMs: 500,
      log: () => {},
    });
    const statuses: string[] = [];
    core.subscribe('marketData.status', (s) => statuses.push(s.mode));
    // createCore returned while the probe is still waiting on the silent server: start-up never blocks on it.
    const first = await value<{ marketData: { mode: string } }>(core, 'app.info');
    expect(first.marketData.mode).toBe('connecting');
    const markets = await value<{ markets: unknown[] }>(core, 'markets.list', { accountId: 'paper' });
    expect(markets.markets.length).toBeGreaterThan(0);
    const info = await value<{ marketData: { mode: string; detail: string } }>(core, 'app.info');
    expect(info.marketData.mode).toBe('replay');
    expect(info.marketData.detail).toMatch(/could not be reached/);
    expect(statuses).toContain('replay');
    silent.closeAllConnections();
    silent.close();
  });
});

describe('APP_VERSION', () => {
  it('matches package.json', () => {
    expect(APP_VERSION).toBe(pkg.version);
  });
});

describe('createCore without market data', () => {
  it('reports "unavailable" with the reason instead of crashing when the bundled replay is missing', async () => {
    const saved = process.env.TRADEWIND_ASSETS_DIR;
    temp = makeTempDir();
    process.env.TRADEWIND_ASSETS_DIR = temp.dir; // no data/replay in here
    try {
      core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
      const markets = await core.invoke('markets.list', { accountId: 'paper' }, ctx);
      expect(markets).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('No market data') } });
      const info = await value<{ marketData: { mode: string } }>(core, 'app.info');
      expect(info.marketData.mode).toBe('unavailable');
      expect((await core.invoke('accounts.list', undefined, ctx)).ok).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TRADEWIND_ASSETS_DIR;
      else process.env.TRADEWIND_ASSETS_DIR = saved;
    }
  });
});
