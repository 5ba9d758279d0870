import { describe, expect, it } from 'vitest';
import { nextSort, sortAssets } from './sort-assets';

const asset = (name: string, total: number, value: number | null) => ({ asset: name, free: total, used: 0, total, value, byAccount: [] });
const assets = [asset('ETH', 2, 3_000), asset('XYZ', 12.5, null), asset('BTC', 0.3, 9_000), asset('ADA', 1_000, 301)];

describe('sortAssets', () => {
  it('sorts by value, total or name, with unpriced assets last in either direction', () => {
    expect(sortAssets(assets, { key: 'value', descending: true }).map((a) => a.asset)).toEqual(['BTC', 'ETH', 'ADA', 'XYZ']);
    expect(sortAssets(assets, { key: 'value', descending: false }).map((a) => a.asset)).toEqual(['ADA', 'ETH', 'BTC', 'XYZ']);
    expect(sortAssets(assets, { key: 'total', descending: true }).map((a) => a.asset)).toEqual(['ADA', 'XYZ', 'ETH', 'BTC']);
    expect(sortAssets(assets, { key: 'asset', descending: false }).map((a) => a.asset)).toEqual(['ADA', 'BTC', 'ETH', 'XYZ']);
  });

  it('flips the direction on the same column and starts a new one descending (names ascending)', () => {
    expect(nextSort({ key: 'value', descending: true }, 'value')).toEqual({ key: 'value', descending: false });
    expect(nextSort({ key: 'value', descending: true }, 'total')).toEqual({ key: 'total', descending: true });
    expect(nextSort({ key: 'value', descending: true }, 'asset')).toEqual({ key: 'asset', descending: false });
  });
});
