import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Market, Ticker } from '../../../shared/ipc/contract';
import type { SpreadPreferences, SpreadRow } from '../../../shared/ipc/schemas/spread';
import { SpreadMonitor, type SpreadAccount } from './spread-monitor';

const market = (symbol: string): Market => {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, active: true, amountStep: 1e-8, priceStep: 0.01, minAmount: null, minCost: null };
};
const ACCOUNTS: SpreadAccount[] = [
  { id: 'okx', label: 'OKX main', exchangeName: 'OKX', sourceKey: 'okx' },
  { id: 'bybit', label: 'Bybit main', exchangeName: 'Bybit', sourceKey: 'bybit' },
];
const MARKETS: Record<string, Market[]> = {
  okx: [market('BTC/USDT'), market('ETH/USDT'), market('SOL/USDC')],
  bybit: [market('BTC/USDT'), market('SOL/USDT'), market('XRP/USDT')],
};
const ticker = (symbol: string, bid: number, ask: number): Ticker => ({
  symbol,
  last: (bid + ask) / 2,
  bid,
  ask,
  changePct24h: null,
  quoteVolume24h: null,
  timestamp: Date.now(),
});

let preferences: SpreadPreferences;
let emitted: Array<{ rows: SpreadRow[]; removed: string[] }>;
let alerts: SpreadRow[];
let watched: Array<string[] | null>;
let listener: ((sourceKey: string, t: Ticker) => void) | null;

function monitor(poll?: (accountId: string, symbols: string[]) => Promise<Ticker[]>): SpreadMonitor {
  return new SpreadMonitor({
    ...(poll ? { poll } : {}),
    accounts: () => ACCOUNTS,
    markets: async (id) => MARKETS[id] ?? [],
    fee: async (id) => (id === 'okx' ? { takerFee: 0.001, feeAssumed: false } : { takerFee: 0.001, feeAssumed: true }),
    onTicker: (l) => {
      listener = l;
      return () => (listener = null);
    },
    watch: (symbols) => watched.push(symbols),
    preferences: () => preferences,
    emit: (rows, removed) => emitted.push({ rows, removed }),
    above: (row) => alerts.push(row),
    log: () => {},
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  preferences = { thresholdPct: 0.5, stableQuotesComparable: false };
  emitted = [];
  alerts = [];
  watched = [];
  listener = null;
});
afterEach(() => vi.useRealTimers());

describe('SpreadMonitor', () => {
  it('compares assets on two or more accounts, streams only those, and batches ticks into rows', async () => {
    const m = monitor();
    const snapshot = await m.watch('s1');
    expect(snapshot.rows.map((r) => r.key)).toEqual(['BTC|USDT']); // SOL is USDC on one, USDT on the other
    expect(snapshot.accounts).toBe(2);
    expect(watched.at(-1)).toEqual(['BTC/USDT']);
    emitted = [];
    for (let i = 0; i < 20; i += 1) {
      listener!('okx', ticker('BTC/USDT', 29_990 + i, 30_000 + i));
      listener!('bybit', ticker('BTC/USDT', 30_300, 30_310));
      listener!('okx', ticker('ETH/USDT', 1, 2)); // not on two accounts: ignored
    }
    expect(emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(emitted).toHaveLength(1);
    const row = emitted[0]!.rows[0]!;
    expect(row.best).toMatchObject({ buyAccountId: 'okx', ask: 30_019, sellAccountId: 'bybit', bid: 30_300, feeAssumed: true });
    expect(row.aboveThreshold).toBe(true);
    expect(alerts).toHaveLength(1);
    m.close();
    expect(watched.at(-1)).toBeNull();
  });

  it('marks a quote stale after 10 s without a tick and leaves it out of the best pair', async () => {
    const m = monitor();
    await m.watch('s1');
    listener!('okx', ticker('BTC/USDT', 29_990, 30_000));
    listener!('bybit', ticker('BTC/USDT', 30_100, 30_110));
    await vi.advanceTimersByTimeAsync(250);
    expect(emitted.at(-1)!.rows[0]!.best).not.toBeNull();
    // Bybit keeps ticking, OKX goes quiet.
    for (let s = 0; s < 11; s += 1) {
      listener!('bybit', ticker('BTC/USDT', 30_100, 30_110));
      await vi.advanceTimersByTimeAsync(1_000);
    }
    const row = emitted.at(-1)!.rows[0]!;
    expect(row.venues.find((v) => v.accountId === 'okx')?.stale).toBe(true);
    expect(row.venues.find((v) => v.accountId === 'bybit')?.stale).toBe(false);
    expect(row.best).toBeNull();
    expect(row.reason).toMatch(/1 stale/);
    m.close();
  });

  it('reads a quiet quote from its source instead of calling it stale; a failed read makes it stale', async () => {
    const asked: Array<[string, string[]]> = [];
    let okxAnswers = true;
    const m = monitor(async (accountId, symbols) => {
      asked.push([accountId, symbols]);
      if (accountId === 'okx' && !okxAnswers) throw new Error('OKX is down');
      return symbols.map((s) => ticker(s, accountId === 'okx' ? 29_990 : 30_100, accountId === 'okx' ? 30_000 : 30_110));
    });
    await m.watch('s1');
    await vi.advanceTimersByTimeAsync(1_000);
    // Nothing streamed yet: one read per source for its quiet symbols.
    expect(asked).toEqual([
      ['okx', ['BTC/USDT']],
      ['bybit', ['BTC/USDT']],
    ]);
    await vi.advanceTimersByTimeAsync(20_000); // no tick at all, prices unchanged
    expect(emitted.at(-1)!.rows[0]!.best).not.toBeNull();
    expect(asked.length).toBeLessThanOrEqual(2 * (1 + 20 / 5)); // at most one read per source every 5 s
    okxAnswers = false;
    await vi.advanceTimersByTimeAsync(12_000);
    const row = emitted.at(-1)!.rows[0]!;
    expect(row.venues.find((v) => v.accountId === 'okx')?.stale).toBe(true);
    expect(row.best).toBeNull();
    m.close();
  });

  it('compares USDC with USDT markets once the person allows stablecoin quotes', async () => {
    const m = monitor();
    await m.watch('s1');
    preferences = { ...preferences, stableQuotesComparable: true };
    await m.refresh();
    expect(m.snapshot().rows.map((r) => r.key)).toEqual(['BTC|USD*', 'SOL|USD*']);
    expect(m.snapshot().rows[1]!.venues.map((v) => v.symbol)).toEqual(['SOL/USDC', 'SOL/USDT']);
    expect(emitted.at(-1)!.removed).toEqual(['BTC|USDT']);
    m.close();
  });

  it('alerts once when a row rises to the threshold, not on every tick above it', async () => {
    const m = monitor();
    await m.watch('s1');
    for (let i = 0; i < 5; i += 1) {
      listener!('okx', ticker('BTC/USDT', 29_990, 30_000));
      listener!('bybit', ticker('BTC/USDT', 30_300 + i, 30_310 + i));
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.best?.netPct).toBeGreaterThan(0.5);
    m.close();
  });

  it('stops streaming when the last session stops looking', async () => {
    const m = monitor();
    await m.watch('a');
    await m.watch('b');
    expect(m.unwatch('a')).toBe(true);
    expect(m.unwatch('b')).toBe(false);
    expect(listener).toBeNull();
    expect(watched.at(-1)).toBeNull();
  });
});
