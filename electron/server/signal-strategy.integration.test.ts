/**
 * A strategy that combines a signal with its own condition ("enter when a buy signal arrives from
 * source X AND the close is above 0"), run as a paper strategy bot on the offline replay: a real
 * POST to the headless host's signal listener is accepted with no signal bot, read at the close of
 * the bar it arrived in, and the bot places its entry. A strategy naming a deleted source cannot
 * be started (the error names the block and what to do).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDetail, BotEvent, BotView } from '../../shared/ipc/schemas/bots';
import type { SignalLogEntry, SignalSourceCreated } from '../../shared/ipc/schemas/signals';
import type { StrategyGraph } from '../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../shared/strategy/templates/graph-builder';
import { createCore } from '../core/index';
import { testSecretStore } from '../core/test-support/live-core';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { closeServer, createHostServer, listen, type HostServer } from './http-server';

let core: Core;
let server: HostServer;
let temp: ReturnType<typeof makeTempDir>;
let base: string;
const events: BotEvent[] = [];
const waiters: Array<() => void> = [];

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 'signal-strategy-test' });
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Resolves when the bot's event log has a matching line (a readiness signal, no sleep). */
function botEvent(test: (event: BotEvent) => boolean): Promise<BotEvent> {
  return new Promise((resolve) => {
    const check = () => {
      const found = events.find(test);
      if (found) resolve(found);
      else waiters.push(check);
    };
    check();
  });
}

function signalStrategy(sourceId: string): StrategyGraph {
  return graph(
    'Signal and own condition',
    'Buy on a TradingView buy signal while the close is above zero.',
    [
      node('tv', 'signalReceived', { source: sourceId, action: 'buy' }, 0, 0),
      node('candle', 'candle', {}, 0, 1),
      node('positive', 'greaterThan', { b: 0 }, 1, 1),
      node('both', 'and', {}, 2, 0),
      node('enter', 'enterLong', { sizing: 'quoteAmount', size: 100 }, 3, 0),
      node('stop', 'stopLoss', { percent: 50 }, 4, 0),
    ],
    [
      edge('tv.value', 'both.a'),
      edge('candle.close', 'positive.a'),
      edge('positive.value', 'both.b'),
      edge('both.value', 'enter.when'),
      edge('enter.position', 'stop.entry'),
    ],
  );
}

async function post(path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
}

beforeAll(async () => {
  temp = makeTempDir();
  core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    replaySpeed: 3_000,
    // The replay's clock runs (3,000× the wall clock), so 5-minute bars close every 100 ms.
    tradingTickMs: 50,
    botTickMs: 50,
    openSecretStore: testSecretStore(temp.dir),
    signalsPerMinute: 10_000,
    log: () => {},
  });
  core.subscribe('bots.event', (event) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) waiter();
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

describe('"Signal received" in a running strategy bot', () => {
  it('a TradingView alert posted to the listener makes the paper strategy bot enter, with no signal bot', async () => {
    await call('signals.setSettings', { enabled: true });
    const source = await call<SignalSourceCreated>('signals.sources.create', {
      name: 'TV strategy',
      accountId: 'paper',
      symbols: ['BTC/USDT'],
    });
    const strategy = await call<{ id: string }>('strategies.create', { graph: signalStrategy(source.source.id) });
    const bot = await call<BotView>('bots.create', {
      name: 'Signal strategy',
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      mode: 'paper',
      config: { kind: 'strategy', strategyId: strategy.id, capital: 500 },
      risk: { capitalCap: 1_000, maxOpenOrders: 5, maxDailyLoss: null },
    });
    await call('bots.start', { id: bot.id });
    expect((await call<BotDetail>('bots.get', { id: bot.id })).orders).toHaveLength(0);

    const alert = {
      ticker: 'BINANCE:BTCUSDT',
      action: 'buy',
      strategy: { order: { action: 'buy', contracts: '0.01' } },
      secret: source.secret,
      timenow: new Date().toISOString(),
      id: 'tv-strategy-1',
    };
    const answer = await post(source.source.path, alert);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, message: expect.stringContaining('Noted by 1 running strategy bot') } });
    await botEvent((e) => e.botId === bot.id && e.level === 'fill');
    const detail = await call<BotDetail>('bots.get', { id: bot.id });
    expect(detail.orders).toHaveLength(1);
    expect(detail.orders[0]).toMatchObject({ side: 'buy' });
    const log = await call<SignalLogEntry[]>('signals.log', { sourceId: source.source.id });
    expect(log[0]).toMatchObject({ outcome: 'accepted', action: 'buy', symbol: 'BTC/USDT' });

    // Stopped, the strategy no longer listens: the same kind of signal has no taker and is refused.
    await call('bots.stop', { id: bot.id });
    const refused = await post(source.source.path, { ...alert, id: 'tv-strategy-2', timenow: new Date().toISOString() });
    expect(refused).toMatchObject({
      status: 409,
      body: { ok: false, message: expect.stringContaining('No running signal bot or strategy bot') },
    });
  });

  it('a strategy whose block names a deleted source cannot be started, and says which block and what to do', async () => {
    const strategy = await call<{ id: string }>('strategies.create', { graph: signalStrategy('sig_ffffffffffffffff') });
    await expect(
      call('bots.create', {
        name: 'Orphan signal strategy',
        accountId: 'paper',
        symbol: 'BTC/USDT',
        timeframe: '5m',
        mode: 'paper',
        config: { kind: 'strategy', strategyId: strategy.id, capital: 500 },
        risk: { capitalCap: 1_000, maxOpenOrders: 5, maxDailyLoss: null },
      }),
    ).rejects.toThrow(/Signal received "tv": there is no signal source "sig_ffffffffffffffff".*pick an existing source/);
  });
});
