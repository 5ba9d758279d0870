import { describe, expect, it } from 'vitest';
import { linkLoss, linkPnl, lossLimitReached } from './copy-loss';
import type { CopyPosition } from './copy-positions';

const held = (symbol: string, amount: number, averagePrice: number, realisedPnl = 0): CopyPosition => ({
  symbol,
  amount,
  averagePrice,
  cost: amount * averagePrice,
  realisedPnl,
});
const positions = (...list: CopyPosition[]) => new Map(list.map((p) => [p.symbol, p]));

describe('a link loss for its loss limit', () => {
  it('is unknown, never a partial sum, while a held position has no price', () => {
    const both = positions(held('BTC/USDT', 0.1, 30_000), held('ETH/USDT', 1, 2_000));
    const loss = linkLoss(both, new Map([['BTC/USDT', 29_000]]));
    expect(loss).toEqual({ kind: 'unknown', reason: 'no price for the held ETH/USDT on the follower account' });
    expect(linkPnl(both, new Map([['BTC/USDT', 29_000]]))).toBeNull();
    expect(
      linkLoss(
        both,
        new Map([
          ['BTC/USDT', 29_000],
          ['ETH/USDT', 1_500],
        ]),
      ),
    ).toEqual({ kind: 'known', pnl: -600, quote: 'USDT' });
  });

  it('sums positions of several quotes in the link currency at current rates, unknown only when a rate is missing', () => {
    const mixed = positions(held('BTC/USDT', 0.1, 30_000, -10), held('BTC/EUR', 0.1, 27_000));
    const prices = new Map([
      ['BTC/USDT', 29_000],
      ['BTC/EUR', 26_500],
    ]);
    const rate = (from: string, to: string) => (from === 'USDT' && to === 'EUR' ? { from, to, rate: 0.92, source: 'Kraken' } : null);
    // USDT: −10 realised − 100 unrealised = −110 USDT × 0.92 = −101.2 EUR; EUR: 0.1 × (26 500 − 27 000) = −50 EUR.
    const loss = linkLoss(mixed, prices, { currency: 'EUR', rate });
    expect(loss.kind).toBe('known');
    expect(loss).toMatchObject({ quote: 'EUR' });
    expect(loss.kind === 'known' && loss.pnl).toBeCloseTo(-151.2, 9);
    expect(lossLimitReached(loss, 150)).toBe('The loss on this leader reached 151.2 EUR (limit 150 EUR).');
    // No currency on the link and no USDT→USD / EUR→USD rate: unknown, naming the rates.
    const unknown = linkLoss(mixed, prices, { rate });
    expect(unknown.kind).toBe('unknown');
    expect(unknown).toMatchObject({
      reason: expect.stringMatching(
        /^the copied positions in USDT and EUR are summed in USD, but no USDT→USD rate is known.*; no EUR→USD rate is known/,
      ),
    });
    expect(lossLimitReached(unknown, 1)).toBeNull();
    expect(linkPnl(mixed, prices, { currency: 'EUR', rate })?.currency).toBe('EUR');
  });

  it('counts realised PnL of closed positions and says the limit in the quote currency', () => {
    const loss = linkLoss(positions(held('BTC/USDT:USDT', 0, 0, -150)), new Map());
    expect(loss).toEqual({ kind: 'known', pnl: -150, quote: 'USDT' });
    expect(lossLimitReached(loss, 100)).toBe('The loss on this leader reached 150 USDT (limit 100 USDT).');
  });
});
