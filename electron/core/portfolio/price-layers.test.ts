import { describe, expect, it } from 'vitest';
import { STALE_PRICE_MS, valueAccount, type PriceLayer } from './price-layers';

const NOW = Date.UTC(2026, 11, 6, 7, 0);
const layer = (kind: PriceLayer['kind'], name: string, table: Record<string, number>, at: number | null = NOW): PriceLayer => ({
  kind,
  name,
  price: (symbol) => table[symbol] ?? null,
  at,
});

const okx = layer('own', 'OKX', { 'BTC/USDT': 30_000, 'ETH/USDT': 1_500 });
const binance = layer('venue', 'Binance', { 'BTC/USDT': 30_100, 'XRP/BTC': 0.00002, 'ETH/BTC': 0.051 });
const replay = layer('reference', 'offline replay', { 'BTC/USDT': 29_000, 'LTC/BTC': 0.003 }, null);

describe('valueAccount', () => {
  it('crosses through BTC and USDT on the own venue: ETH in BTC via ETH/USDT and BTC/USDT', () => {
    const valued = valueAccount([{ asset: 'ETH', free: 2, used: 0 }], 'BTC', [okx], NOW, true);
    expect(valued.balances[0]).toMatchObject({ asset: 'ETH', total: 2, value: 0.1, source: { kind: 'own', name: 'OKX', via: 'USDT' } });
    expect(valued.totalValue).toBe(0.1);
  });

  it("prefers the asset's own venue, then other connected venues, then the reference data, and names the source", () => {
    const valued = valueAccount(
      [
        { asset: 'BTC', free: 0.1, used: 0.2 },
        { asset: 'XRP', free: 1000, used: 0 },
        { asset: 'LTC', free: 10, used: 0 },
      ],
      'USDT',
      [okx, binance, replay],
      NOW,
      true,
    );
    const byAsset = Object.fromEntries(valued.balances.map((b) => [b.asset, b]));
    // 0.1 + 0.2 read as decimals, at OKX's own price although Binance's is higher.
    expect(byAsset['BTC']).toMatchObject({ total: 0.3, value: 9_000, source: { kind: 'own', name: 'OKX', via: null, stale: false } });
    // XRP has no market on OKX: Binance prices it through XRP/BTC and its own BTC/USDT.
    expect(byAsset['XRP']?.source).toMatchObject({ kind: 'venue', name: 'Binance', via: 'BTC' });
    expect(byAsset['XRP']?.value).toBeCloseTo(602);
    // LTC is listed nowhere connected: the replay prices it, and says so.
    expect(byAsset['LTC']?.source).toMatchObject({ kind: 'reference', name: 'offline replay', at: null, stale: false });
    expect(byAsset['LTC']?.value).toBeCloseTo(870);
    expect(valued.unpriced).toEqual([]);
  });

  it('names EUR as unavailable when no connected venue has a EUR market, and leaves it out of the total', () => {
    const valued = valueAccount(
      [
        { asset: 'BTC', free: 0.5, used: 0 },
        { asset: 'USDT', free: 100, used: 0 },
      ],
      'EUR',
      [okx, binance, replay],
      NOW,
      false,
    );
    expect(valued.totalValue).toBe(0);
    expect(valued.balances.every((b) => b.value === null && b.source === null)).toBe(true);
    expect(valued.unpriced).toEqual([
      { asset: 'BTC', amount: 0.5, reason: 'no EUR market on any connected venue' },
      { asset: 'USDT', amount: 100, reason: 'no EUR market on any connected venue' },
    ]);
  });

  it('values EUR through a EUR market on another venue when one exists', () => {
    const kraken = layer('venue', 'Kraken', { 'BTC/EUR': 27_000 });
    const valued = valueAccount([{ asset: 'ETH', free: 1, used: 0 }], 'EUR', [okx, kraken], NOW, true);
    expect(valued.balances[0]?.source).toMatchObject({ kind: 'venue', name: 'OKX + Kraken', via: 'USDT, BTC' });
    expect(valued.balances[0]?.value).toBeCloseTo(1_350);
  });

  it('keeps a stale price but marks the row and the account with its time', () => {
    const readAt = NOW - STALE_PRICE_MS - 1;
    const stale = layer('own', 'Bybit', { 'BTC/USDT': 30_000 }, readAt);
    const valued = valueAccount([{ asset: 'BTC', free: 1, used: 0 }], 'USDT', [stale], NOW, true);
    expect(valued.balances[0]).toMatchObject({ value: 30_000, source: { name: 'Bybit', stale: true, at: readAt } });
    expect(valued.stalePricesSince).toBe(readAt);
    const fresh = valueAccount(
      [{ asset: 'BTC', free: 1, used: 0 }],
      'USDT',
      [layer('own', 'Bybit', { 'BTC/USDT': 30_000 }, NOW - 1_000)],
      NOW,
      true,
    );
    expect(fresh.stalePricesSince).toBeNull();
  });

  it('names an asset no venue prices, with its amount, instead of counting it as 0', () => {
    const valued = valueAccount(
      [
        { asset: 'XYZ', free: 12.5, used: 0 },
        { asset: 'USDT', free: 50, used: 0 },
      ],
      'USDT',
      [okx, binance, replay],
      NOW,
      true,
    );
    expect(valued.unpriced).toEqual([{ asset: 'XYZ', amount: 12.5, reason: 'no market to USDT on any connected venue' }]);
    expect(valued.totalValue).toBe(50);
    expect(valued.balances.find((b) => b.asset === 'XYZ')).toMatchObject({ value: null, source: null });
  });

  it('values USD through a stated stablecoin peg when no venue quotes USD', () => {
    const valued = valueAccount([{ asset: 'BTC', free: 1, used: 0 }], 'USD', [okx], NOW, true);
    expect(valued.balances[0]).toMatchObject({ value: 30_000, source: { peg: 'USDT' } });
    expect(valued.pegs).toEqual(['USDT']);
  });
});
