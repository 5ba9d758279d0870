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

  it('refuses to add up positions quoted in different currencies', () => {
    const mixed = positions(held('BTC/USDT', 0.1, 30_000), held('ETH/BTC', 1, 0.05));
    const loss = linkLoss(
      mixed,
      new Map([
        ['BTC/USDT', 30_000],
        ['ETH/BTC', 0.05],
      ]),
    );
    expect(loss.kind).toBe('unknown');
    expect(loss).toMatchObject({ reason: expect.stringMatching(/^the copied positions are in USDT and BTC, which cannot be added/) });
    expect(lossLimitReached(loss, 1)).toBeNull();
  });

  it('counts realised PnL of closed positions and says the limit in the quote currency', () => {
    const loss = linkLoss(positions(held('BTC/USDT:USDT', 0, 0, -150)), new Map());
    expect(loss).toEqual({ kind: 'known', pnl: -150, quote: 'USDT' });
    expect(lossLimitReached(loss, 100)).toBe('The loss on this leader reached 150 USDT (limit 100 USDT).');
  });
});
