import { describe, expect, it } from 'vitest';
import type { SpreadRow } from '../../../shared/ipc/schemas/spread';
import { visibleRows } from './spread-rows';

const row = (base: string, netPct: number | null, venues = ['OKX', 'Bybit']): SpreadRow => ({
  key: `${base}|USDT`,
  base,
  quote: 'USDT',
  venues: venues.map((exchangeName, i) => ({
    accountId: `a${i}`,
    accountLabel: `${exchangeName} main`,
    exchangeName,
    symbol: `${base}/USDT`,
    bid: 1,
    ask: 1,
    takerFee: 0.001,
    feeAssumed: false,
    receivedAt: 0,
    stale: false,
  })),
  best:
    netPct === null
      ? null
      : {
          buyAccountId: 'a0',
          buySymbol: `${base}/USDT`,
          ask: 1,
          sellAccountId: 'a1',
          sellSymbol: `${base}/USDT`,
          bid: 1,
          grossPct: netPct + 0.2,
          netPct,
          feeAssumed: false,
        },
  reason: netPct === null ? 'Waiting for quotes.' : null,
  aboveThreshold: false,
  updatedAt: 0,
});

describe('spread table rows', () => {
  const rows = [row('BTC', 0.4), row('ETH', -0.1), row('SOL', null), row('XRP', 1.2, ['OKX', 'Bybit', 'Binance'])];

  it('sorts by net spread, rows without a best pair last in both directions', () => {
    expect(visibleRows(rows, '', { key: 'net', direction: 'desc' }).map((r) => r.base)).toEqual(['XRP', 'BTC', 'ETH', 'SOL']);
    expect(visibleRows(rows, '', { key: 'net', direction: 'asc' }).map((r) => r.base)).toEqual(['ETH', 'BTC', 'XRP', 'SOL']);
    expect(visibleRows(rows, '', { key: 'asset', direction: 'asc' }).map((r) => r.base)).toEqual(['BTC', 'ETH', 'SOL', 'XRP']);
  });

  it('filters on every word: asset, quote, account or exchange', () => {
    expect(visibleRows(rows, 'binance', { key: 'asset', direction: 'asc' }).map((r) => r.base)).toEqual(['XRP']);
    expect(visibleRows(rows, 'eth usdt', { key: 'asset', direction: 'asc' }).map((r) => r.base)).toEqual(['ETH']);
    expect(visibleRows(rows, 'doge', { key: 'asset', direction: 'asc' })).toEqual([]);
  });
});
