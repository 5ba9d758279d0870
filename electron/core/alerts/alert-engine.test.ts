import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { AlertCondition, AlertRepeat } from '../../../shared/ipc/schemas/alerts';
import { openDatabase, type Db } from '../db/connection';
import { EventHub } from '../events/event-hub';
import type { MarketDataSource } from '../market-data/source';
import { WatchRegistry } from '../market-data/watch-registry';
import { makeTempDir } from '../test-support/temp-dir';
import { AlertEngine } from './alert-engine';
import { AlertRulesRepo, type AlertRuleRecord } from './alert-rules-repo';

const MIN = 60_000;
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let engine: AlertEngine | null = null;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('paper', 'Paper', 'binance', 'paper', 0)").run();
  db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('okx', 'OKX', 'okx', 'live', 0)").run();
});
afterEach(() => {
  engine?.close();
  engine = null;
  db.close();
  temp.cleanup();
  vi.useRealTimers();
});

function rule(condition: AlertCondition, repeat: AlertRepeat, expiresAt: number | null = null): AlertRuleRecord {
  return {
    id: `alert_${condition.type}`,
    name: 'test',
    accountId: 'paper',
    symbol: 'BTC/USDT',
    condition,
    graph: null,
    strategyName: null,
    repeat,
    expiresAt,
    enabled: true,
    state: 'active',
    lastTriggeredAt: null,
    lastValue: null,
    triggerCount: 0,
    createdAt: Date.now(),
  };
}

function setUp(history: Candle[] = []) {
  const hub = new EventHub(100);
  const watched: string[][] = [];
  const watches = new WatchRegistry((symbols) => watched.push([...symbols]));
  const repo = new AlertRulesRepo(db);
  const said: string[] = [];
  const source = { fetchCandles: async () => history } as unknown as MarketDataSource;
  engine = new AlertEngine({
    repo,
    watches,
    subscribe: (topic, listener) => hub.subscribe(topic, listener),
    source: async () => source,
    // The paper account reads the reference venue (binance); the OKX account its own.
    venueOf: (accountId) => (accountId === 'okx' ? 'okx' : 'binance'),
    notify: (_level, title, body, kind) => said.push(`${kind} ${title} ${body}`),
    changed: () => {},
    log: () => {},
    expiryCheckMs: MIN,
  });
  const price = (last: number, venue = 'binance') =>
    hub.emit('tickers', {
      tickers: [{ symbol: 'BTC/USDT', last, bid: null, ask: null, changePct24h: null, quoteVolume24h: null, timestamp: Date.now(), venue }],
    });
  const candle = (bar: Candle, venue = 'binance') =>
    hub.emit('candles', { updates: [{ symbol: 'BTC/USDT', timeframe: '5m', candle: bar, venue }] });
  /** Both venues' streams through the hub's own sinks and conflation, as createCore wires them. */
  const streams = { binance: hub.sinkFor('binance'), okx: hub.sinkFor('okx'), flush: () => hub.flush() };
  return { repo, said, watched, price, candle, watches, streams };
}

describe('the alert engine', () => {
  it("with two venues listing the same symbol, a rule reads only its own venue's prices", () => {
    const { repo, said, streams } = setUp();
    const onOkx = {
      ...rule({ type: 'price_cross', level: 100, direction: 'up' }, { mode: 'repeat', cooldownMs: 0 }),
      id: 'alert_okx',
      accountId: 'okx',
    };
    const onPaper = { ...rule({ type: 'price_cross', level: 100, direction: 'up' }, { mode: 'repeat', cooldownMs: 0 }), id: 'alert_paper' };
    repo.save(onOkx, Date.now());
    repo.save(onPaper, Date.now());
    engine!.start();
    const tick = (venue: 'binance' | 'okx', last: number) =>
      streams[venue].ticker({
        symbol: 'BTC/USDT',
        last,
        bid: null,
        ask: null,
        changePct24h: null,
        quoteVolume24h: null,
        timestamp: Date.now(),
      });
    // OKX trades at 90, Binance at 110 then 95: in one conflated batch both venues' prices arrive.
    tick('okx', 90);
    tick('binance', 95);
    streams.flush();
    tick('okx', 91);
    tick('binance', 110);
    streams.flush();
    expect(said).toEqual([expect.stringContaining('Price crossed 100 upwards')]);
    expect(repo.get('alert_paper')?.triggerCount).toBe(1);
    expect(repo.get('alert_okx')?.triggerCount).toBe(0);
    // OKX crosses on its own stream; the Binance rule does not see it.
    tick('okx', 101);
    tick('binance', 111);
    streams.flush();
    expect(repo.get('alert_okx')?.triggerCount).toBe(1);
    expect(repo.get('alert_paper')?.triggerCount).toBe(1);
  });

  it('a repeating cross alert fires on crosses only, waits out its cool-down, and keeps its market watched', () => {
    const { repo, said, watched, price } = setUp();
    const record = rule({ type: 'price_cross', level: 100, direction: 'either' }, { mode: 'repeat', cooldownMs: 5 * MIN });
    repo.save(record, Date.now());
    engine!.start();
    expect(watched.at(-1)).toEqual(['BTC/USDT']);
    price(99);
    price(101); // cross
    price(102);
    price(99); // cross, inside the cool-down
    vi.advanceTimersByTime(5 * MIN);
    price(98); // no cross
    price(101); // cross after the cool-down
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^alert\.rule Alert: test BTC\/USDT · Price crossed 100 upwards/);
    expect(repo.get(record.id)).toMatchObject({ state: 'active', triggerCount: 2, lastValue: 101 });
    expect(repo.history(record.id, 10)).toHaveLength(2);
  });

  it('a one-shot alert fires once and stops watching; an expired one stops at its expiry without firing', () => {
    const { repo, said, watched, price } = setUp();
    const once = rule({ type: 'price_cross', level: 100, direction: 'up' }, { mode: 'once' });
    const expiring = {
      ...rule({ type: 'pct_move', pct: 5, windowMs: 60 * MIN, direction: 'either' }, { mode: 'once' }, Date.now() + 2 * MIN),
    };
    repo.save(once, Date.now());
    repo.save(expiring, Date.now());
    engine!.start();
    price(99);
    price(100);
    price(99.5);
    price(100.5);
    expect(said).toEqual([expect.stringContaining('Price crossed 100 upwards')]);
    expect(repo.get(once.id)?.state).toBe('triggered');
    vi.advanceTimersByTime(2 * MIN);
    expect(repo.get(expiring.id)?.state).toBe('expired');
    expect(engine!.activeCount).toBe(0);
    expect(watched.at(-1)).toEqual([]);
    price(50); // a 50 % drop: nothing listens any more
    expect(said).toHaveLength(1);
  });

  it('a volume spike warms up on history (no alert for the past) and fires on the bar in progress once', async () => {
    const bar = (i: number, volume: number): Candle => [i * 5 * MIN, 100, 100, 100, 100, volume];
    // History: three quiet bars, one loud one in the past, and the bar in progress.
    const { repo, said, candle } = setUp([bar(0, 10), bar(1, 10), bar(2, 10), bar(3, 100), bar(4, 10)]);
    repo.save(rule({ type: 'volume_spike', timeframe: '5m', factor: 2, bars: 3 }, { mode: 'repeat', cooldownMs: MIN }), Date.now());
    engine!.start();
    await vi.waitFor(() => expect(engine!.activeCount).toBe(1));
    await Promise.resolve();
    expect(said).toEqual([]); // bar 3's spike is history
    candle(bar(4, 70)); // average of the last 3 closed bars: (10 + 100 + 10) / 3 = 40 → 70 is not 2×
    candle(bar(4, 80));
    candle(bar(4, 200));
    expect(said).toEqual([expect.stringContaining('Volume 80 is 2× the average of the last 3 bars')]);
  });
});
