/**
 * The trades poll's cursor (where the catch-up after a restart starts): an account followed for
 * the first time starts now, not at its link's creation; a restart continues from the stored
 * cursor; the cursor moves only when every market was read. The venue here is a stand-in for the
 * exchange's trades endpoint (what `ExternalOrders` asks it is what is checked); the ledger side
 * records what it was handed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderVenue, VenueOrder } from '../exchange/venue';
import { ExternalOrders, type ExternalCursorStore } from './external-orders';

const NOW = Date.UTC(2026, 11, 6, 12);
const HOUR = 3_600_000;

const order = (id: string): VenueOrder => ({
  clientOrderId: `web_${id}`,
  exchangeOrderId: id,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  amount: 0.01,
  price: null,
  stopPrice: null,
  status: 'filled',
  filled: 0.01,
  averagePrice: 30_000,
  cost: 300,
  fills: null,
  updatedAt: NOW - 1_000,
});

function lab(stored: Map<string, number> = new Map()) {
  const asked: Array<[string, number]> = [];
  const observed: string[] = [];
  const failing = new Set<string>();
  // A market whose backlog is longer than one read: every trade read up to this time.
  const backlog = new Map<string, number>();
  const venue = {
    accountId: 'leader',
    kind: 'live',
    exchangeName: 'Binance',
    async ordersTradedSince(symbol: string, since: number) {
      asked.push([symbol, since]);
      if (failing.has(symbol)) throw new Error(`${symbol} read failed`);
      const through = backlog.get(symbol);
      return { orders: [order(`${symbol}-1`)], complete: through === undefined, through: through ?? since };
    },
  } as unknown as OrderVenue;
  const cursors: ExternalCursorStore = { get: (id) => stored.get(id) ?? null, set: (id, at) => void stored.set(id, at) };
  let now = NOW;
  const external = new ExternalOrders({
    orders: {
      venue: () => venue,
      observeExternal: (_accountId, o) => {
        observed.push(o.clientOrderId);
        return null;
      },
    },
    cursors,
    symbols: () => ['BTC/USDT', 'ETH/USDT'],
    log: () => {},
    pollMs: 1e9,
    now: () => now,
  });
  return { external, asked, observed, failing, backlog, stored, advance: (ms: number) => (now += ms) };
}

let open: ExternalOrders | undefined;
afterEach(() => open?.close());

describe('ExternalOrders trades poll', () => {
  it("starts an account followed for the first time now, not at its link's creation, and stores the cursor", async () => {
    const l = lab();
    open = l.external;
    await l.external.follow('leader', NOW - 30 * 24 * HOUR);
    expect(l.asked).toEqual([
      ['BTC/USDT', NOW],
      ['ETH/USDT', NOW],
    ]);
    expect(l.observed).toEqual(['web_BTC/USDT-1', 'web_ETH/USDT-1']);
    l.advance(2 * HOUR);
    await l.external.poll('leader');
    // The next read overlaps the previous poll by a minute; the cursor is kept for a restart.
    expect(l.asked.slice(2)).toEqual([
      ['BTC/USDT', NOW],
      ['ETH/USDT', NOW],
    ]);
    expect(l.stored.get('leader')).toBe(NOW + 2 * HOUR - 60_000);
  });

  it('continues from the stored cursor after a restart, and from the link when it was made later', async () => {
    const first = lab(new Map([['leader', NOW - 5 * HOUR]]));
    open = first.external;
    await first.external.follow('leader', NOW - 30 * 24 * HOUR);
    expect(first.asked[0]).toEqual(['BTC/USDT', NOW - 5 * HOUR]);
    first.external.close();
    const second = lab(new Map([['leader', NOW - 5 * HOUR]]));
    open = second.external;
    await second.external.follow('leader', NOW - HOUR);
    expect(second.asked[0]).toEqual(['BTC/USDT', NOW - HOUR]);
  });

  it('keeps the cursor where it was while a market fails to read, so that market is read from the same point again', async () => {
    const l = lab(new Map([['leader', NOW - 5 * HOUR]]));
    open = l.external;
    l.failing.add('ETH/USDT');
    await l.external.follow('leader', 0);
    l.advance(HOUR);
    await l.external.poll('leader');
    expect(l.asked.filter(([symbol]) => symbol === 'ETH/USDT').map(([, since]) => since)).toEqual([NOW - 5 * HOUR, NOW - 5 * HOUR]);
    expect(l.stored.get('leader')).toBe(NOW - 5 * HOUR);
    l.failing.clear();
    await l.external.poll('leader');
    expect(l.stored.get('leader')).toBe(NOW + HOUR - 60_000);
  });

  it('moves the cursor only up to the last trade read when a market had more trades than one read takes', async () => {
    const l = lab(new Map([['leader', NOW - 5 * HOUR]]));
    open = l.external;
    l.backlog.set('ETH/USDT', NOW - 3 * HOUR);
    await l.external.follow('leader', 0);
    expect(l.stored.get('leader')).toBe(NOW - 3 * HOUR);
    l.backlog.clear();
    l.advance(HOUR);
    await l.external.poll('leader');
    expect(l.asked.at(-1)).toEqual(['ETH/USDT', NOW - 3 * HOUR]);
    expect(l.stored.get('leader')).toBe(NOW + HOUR - 60_000);
  });
});
