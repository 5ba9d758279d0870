/**
 * The signal listener on the headless host's own HTTP server, end to end with a real core on the
 * offline replay: enable signals, create a source (its secret only in the keychain), run a paper
 * signal bot, post a TradingView-format alert with fetch → the bot trades (orders in the ledger).
 * Then every kind of bad request — wrong secret, replay, stale, garbage, unknown source or market,
 * below the minimum, wrong content type, too large — is a 4xx with the reason and a log row, and
 * nothing is traded; a deal's take-profit, start_bot / stop_bot of another bot, and a fuzz of 600
 * hostile payloads that leaves the host up and the ledger untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDetail, BotEvent, BotView } from '../../shared/ipc/schemas/bots';
import type { SignalLogEntry, SignalSourceCreated } from '../../shared/ipc/schemas/signals';
import { createCore } from '../core/index';
import { testSecretStore } from '../core/test-support/live-core';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { closeServer, createHostServer, listen, type HostServer } from './http-server';

let core: Core;
let server: HostServer;
let temp: ReturnType<typeof makeTempDir>;
let base: string;
let created: SignalSourceCreated;
let bot: BotView;
const events: BotEvent[] = [];
const eventWaiters: Array<() => void> = [];

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 'signals-test' });
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Resolves when the bot's event log has a line matching `test` (a readiness signal, no sleep). */
function botEvent(test: (event: BotEvent) => boolean): Promise<BotEvent> {
  return new Promise((resolve) => {
    const check = () => {
      const found = events.find(test);
      if (found) resolve(found);
      else eventWaiters.push(check);
    };
    check();
  });
}

async function post(body: unknown, options: { path?: string; type?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${base}${options.path ?? created.source.path}`, {
    method: 'POST',
    headers: { 'Content-Type': options.type ?? 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: { ok?: boolean; message?: string; orders?: unknown[] } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // not a signal answer (the listener is off): the status says enough
  }
  return { status: response.status, body: json };
}

const nowIso = () => new Date().toISOString();
const alert = (extra: Record<string, unknown> = {}) => ({
  ticker: 'BINANCE:BTCUSDT',
  action: 'buy',
  close: '30123.5',
  strategy: { order: { action: 'buy', contracts: '0.01' } },
  secret: created.secret,
  timenow: nowIso(),
  ...extra,
});

async function botOrders(): Promise<number> {
  return (await call<BotDetail>('bots.get', { id: bot.id })).orders.length;
}

async function allOrders(): Promise<number> {
  const page = await call<{ items: unknown[] }>('orders.page', { accountId: 'paper', status: 'all', limit: 500 });
  return page.items.length;
}

beforeAll(async () => {
  temp = makeTempDir();
  const wall = Date.now();
  core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    replaySpeed: 3_000,
    replayClock: () => wall,
    tradingTickMs: 50,
    openSecretStore: testSecretStore(temp.dir),
    signalsPerMinute: 10_000,
    log: () => {},
  });
  core.subscribe('bots.event', (event) => {
    events.push(event);
    for (const waiter of eventWaiters.splice(0)) waiter();
  });
  server = createHostServer(temp.dir, () => {}, { signals: () => core.signals });
  const { port } = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  if (server) await closeServer(server);
  await core?.close();
  temp?.cleanup();
});

describe('inbound signals on the headless host', () => {
  it('answers nothing on the signal path while signals are off (the default)', async () => {
    expect(await call('signals.settings')).toEqual({ enabled: false, port: null });
    const answer = await post({ ticker: 'BTCUSDT', action: 'buy' }, { path: '/signals/sig_0000000000000000' });
    expect(answer.body.ok).toBeUndefined();
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(await call<SignalLogEntry[]>('signals.log')).toEqual([]);
  });

  it('creates a source whose secret is shown once and kept out of SQLite and other answers', async () => {
    await call('signals.setSettings', { enabled: true });
    created = await call<SignalSourceCreated>('signals.sources.create', {
      name: 'TradingView BTC',
      accountId: 'paper',
      symbols: ['BTC/USDT'],
    });
    expect(created.secret).toMatch(/^tws_[A-Za-z0-9_-]{32}$/);
    expect(created.source.path).toBe(`/signals/${created.source.id}`);
    expect(JSON.stringify(await call('signals.sources.list'))).not.toContain(created.secret);
    for (const file of fs.readdirSync(temp.dir).filter((name) => name.endsWith('.sqlite') || name.endsWith('-wal'))) {
      expect(fs.readFileSync(path.join(temp.dir, file)).includes(created.secret)).toBe(false);
    }
    await expect(call('signals.sources.create', { name: 'Nope', accountId: 'paper', symbols: ['NOPE/USDT'] })).rejects.toThrow(
      /NOPE\/USDT is not a market/,
    );
  });

  it('a TradingView alert makes the paper signal bot trade; a duplicate is not acted on again', async () => {
    const noBot = await post(alert());
    expect(noBot).toMatchObject({ status: 409, body: { ok: false, message: expect.stringContaining('No running signal bot') } });

    bot = await call<BotView>('bots.create', {
      name: 'Signal bot',
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      mode: 'paper',
      config: { kind: 'signal', sourceId: created.source.id, size: { unit: 'quote', value: 100 }, maxOpenDeals: 5, useSignalSize: true },
      risk: { capitalCap: 2_000, maxOpenOrders: 10, maxDailyLoss: null },
    });
    await call('bots.start', { id: bot.id });

    const body = alert({ id: 'tv-1' });
    const answer = await post(body);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, message: expect.stringContaining('Deal 1 opening: buy 0.01 BTC') } });
    expect(answer.body.orders).toHaveLength(1);
    await botEvent((e) => e.botId === bot.id && e.level === 'fill' && /Bought 0\.01 BTC/.test(e.message));
    expect(await botOrders()).toBe(1);

    expect(await post(body)).toMatchObject({ status: 409, body: { message: expect.stringContaining('already received') } });
    // Without an id the body's digest is the id: the same alert twice is one signal.
    const plain = alert();
    const [first, second] = await Promise.all([post(plain), post(plain)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    await botEvent((e) => e.botId === bot.id && e.level === 'fill' && events.filter((x) => x.level === 'fill').length >= 2);
    expect(await botOrders()).toBe(2);

    const log = await call<SignalLogEntry[]>('signals.log', { sourceId: created.source.id });
    expect(log.filter((row) => row.outcome === 'accepted')).toHaveLength(2);
    expect(log.find((row) => row.outcome === 'accepted')).toMatchObject({ status: 200, botId: bot.id, symbol: 'BTC/USDT', action: 'buy' });
  });

  it('refuses bad requests with a 4xx and the reason, logs each, trades nothing', async () => {
    const before = await allOrders();
    const logBefore = (await call<SignalLogEntry[]>('signals.log', { limit: 500 })).length;
    const cases: Array<[string, Promise<{ status: number; body: { message?: string } }>, number, RegExp]> = [
      ['wrong secret', post(alert({ secret: 'tws_wrong' })), 401, /Wrong secret/],
      ['no secret', post({ ...alert(), secret: undefined }), 401, /no secret/],
      ['stale', post(alert({ timenow: new Date(Date.now() - 120_000).toISOString() })), 400, /stale/],
      ['no timestamp', post({ ...alert(), timenow: undefined }), 400, /no timestamp/],
      ['garbage', post('{"ticker": "BTCUSDT", "action": ', { type: 'text/plain' }), 400, /not valid JSON/],
      ['unknown source', post(alert(), { path: '/signals/sig_ffffffffffffffff' }), 404, /no signal source/],
      ['unknown market', post(alert({ ticker: 'ETHUSDT' })), 422, /Unknown market "ETHUSDT"/],
      ['below minimum', post(alert({ strategy: { order: { action: 'buy', contracts: '0.0000001' } } })), 422, /below the market's minimum/],
      ['withdraw', post(alert({ action: 'withdraw', strategy: undefined })), 422, /not one of buy, sell/],
      ['content type', post(alert(), { type: 'application/x-www-form-urlencoded' }), 415, /application\/json/],
      ['too large', post(alert({ note: 'x'.repeat(20_000) })), 413, /larger than 16 KB/],
      ['header secret, wrong', post({ ...alert(), secret: undefined }, { headers: { 'X-Tradewind-Secret': 'nope' } }), 401, /Wrong secret/],
    ];
    for (const [name, pending, status, reason] of cases) {
      const answer = await pending;
      expect({ name, status: answer.status }).toEqual({ name, status });
      expect(answer.body.message).toMatch(reason);
    }
    const get = await fetch(`${base}${created.source.path}`);
    expect(get.status).toBe(405);
    await get.text();
    const log = await call<SignalLogEntry[]>('signals.log', { limit: 500 });
    expect(log.length - logBefore).toBe(cases.length + 1);
    expect(log.slice(0, cases.length + 1).every((row) => row.outcome === 'refused' && row.status >= 400 && row.status < 500)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(created.secret);
    expect(await allOrders()).toBe(before);
  });

  it('closes the deals on a close signal, and the secret rotates', async () => {
    const answer = await post(alert({ action: 'close', strategy: undefined }));
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    await botEvent((e) => e.botId === bot.id && /Deal 2 closed|Deal 1 closed/.test(e.message));
    // A Tradewind-format open with a take-profit under the price: the bot's tick sells the deal at market.
    const tp = await post({
      action: 'open',
      market: 'BTC/USDT',
      quote: 60,
      takeProfit: 1,
      id: 'tw-tp',
      timestamp: Date.now(),
      secret: created.secret,
    });
    expect(tp).toMatchObject({ status: 200, body: { ok: true } });
    await botEvent((e) => e.botId === bot.id && /take-profit 1 reached/.test(e.message));
    await botEvent((e) => e.botId === bot.id && /Deal 3 closed/.test(e.message));
    // A close withdraws an entry still resting (a limit far under the market) and closes its deal.
    const resting = await post({
      action: 'buy',
      market: 'BTCUSDT',
      quote: 60,
      price: 1_000,
      id: 'tw-limit',
      timestamp: Date.now(),
      secret: created.secret,
    });
    expect(resting).toMatchObject({ status: 200, body: { orders: [{ status: 'open' }] } });
    const withdrawn = await post({
      action: 'close',
      market: 'BTCUSDT',
      id: 'tw-close-limit',
      timestamp: Date.now(),
      secret: created.secret,
    });
    expect(withdrawn).toMatchObject({ status: 200, body: { message: expect.stringContaining('Cancelled 1 unfilled entry order') } });
    await botEvent((e) => e.botId === bot.id && /Deal 4 closed/.test(e.message));

    // start_bot / stop_bot act on another bot of the account; never on a signal bot.
    const helper = await call<BotView>('bots.create', {
      name: 'Helper DCA',
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      mode: 'paper',
      config: {
        kind: 'dca',
        baseOrder: 20,
        safetyOrder: 20,
        safetyOrders: 1,
        priceDeviationPct: 5,
        stepScale: 1,
        volumeScale: 1,
        takeProfitPct: 50,
        maxActiveDeals: 1,
        start: 'immediately',
        strategyId: null,
      },
      risk: { capitalCap: 500, maxOpenOrders: 10, maxDailyLoss: null },
    });
    const control = (action: string, target: string, id: string) =>
      post({ action, bot: target, id, timestamp: Date.now(), secret: created.secret });
    expect(await control('start_bot', 'Helper DCA', 'tw-start')).toMatchObject({ status: 200, body: { message: 'Started "Helper DCA".' } });
    expect((await call<BotDetail>('bots.get', { id: helper.id })).bot.state).toBe('running');
    expect(await control('stop_bot', helper.id, 'tw-stop')).toMatchObject({ status: 200, body: { message: 'Stopped "Helper DCA".' } });
    expect((await call<BotDetail>('bots.get', { id: helper.id })).bot.state).toBe('stopped');
    expect(await control('stop_bot', 'Signal bot', 'tw-self')).toMatchObject({ status: 422 });

    const rotated = await call<SignalSourceCreated>('signals.sources.rotate', { id: created.source.id });
    expect(rotated.secret).not.toBe(created.secret);
    expect((await post(alert({ id: 'after-rotation' }))).status).toBe(401);
    created = rotated;
  });

  it('survives 600 hostile payloads: the host stays up and nothing is traded', async () => {
    const before = await allOrders();
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const hostileValue = (depth = 0): unknown =>
      pick([
        () => null,
        () => rand() * 1e308 * (rand() < 0.5 ? -1 : 1),
        () => 'A'.repeat(Math.floor(rand() * 6_000)),
        () => '\u0000\u202e' + '💥'.repeat(50),
        () => (depth > 3 ? [] : Array.from({ length: 3 }, () => hostileValue(depth + 1))),
        () => (depth > 3 ? {} : { __proto__: { admin: true }, constructor: { prototype: { polluted: true } }, x: hostileValue(depth + 1) }),
        () => true,
        () => '{{ticker}}',
        () => -1,
        () => '1e400',
      ])();
    const bodies: string[] = [];
    for (let i = 0; i < 600; i++) {
      const kind = i % 6;
      if (kind === 0) bodies.push(JSON.stringify(hostileValue()));
      else if (kind === 1) bodies.push(Buffer.from(Array.from({ length: 200 }, () => Math.floor(rand() * 256))).toString('latin1'));
      else if (kind === 2)
        bodies.push(
          `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"secret":"${created.secret}","timenow":"${nowIso()}","ticker":${JSON.stringify(hostileValue())},"action":${JSON.stringify(hostileValue())},"n":${i}}`,
        );
      else if (kind === 3)
        bodies.push(
          JSON.stringify({
            secret: created.secret,
            timenow: nowIso(),
            id: `f${i}`,
            action: pick(['withdraw', 'transfer', 'set_settings', 42, null, ['buy']]),
            market: hostileValue(),
            amount: hostileValue(),
          }),
        );
      else if (kind === 4)
        bodies.push(
          JSON.stringify({
            secret: created.secret,
            timenow: nowIso(),
            id: `g${i}`,
            ticker: 'BTCUSDT',
            action: 'buy',
            contracts: pick(['-1', '0', '1e400', 'NaN', '0x10', '9'.repeat(60), {}, []]),
          }),
        );
      else bodies.push(JSON.stringify({ secret: hostileValue(), timestamp: hostileValue(), ticker: 'BTCUSDT', action: 'buy' }));
    }
    const statuses = new Map<number, number>();
    // Ten at a time: enough concurrency to interleave, small enough for a loaded 2-core machine.
    for (let i = 0; i < bodies.length; i += 10) {
      const answers = await Promise.all(
        bodies
          .slice(i, i + 10)
          .map((body, j) => post(body, { path: j % 7 === 0 ? '/signals/%00%2e%2e%2f' : created.source.path, type: 'text/plain' })),
      );
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await allOrders()).toBe(before);
    // Still up and still working: a valid signal after the storm trades.
    const after = await post(alert({ id: 'after-fuzz' }));
    expect(after.status).toBe(200);
    expect(await allOrders()).toBe(before + 1);
  }, 120_000);
});
