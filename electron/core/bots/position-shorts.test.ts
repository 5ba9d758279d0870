/** Shorts on perpetual swaps in the bot's position: a sale beyond the position opens one, a buy covers it. */
import { describe, expect, it } from 'vitest';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { positionOf, sellsShort } from './position';

const PERP = 'BTC/USDT:USDT';

const fill = (seq: number, side: 'buy' | 'sell', amount: number, price: number, fee = 0): TradeView => ({
  accountId: 'bybit-1',
  tradeId: `t${seq}`,
  clientOrderId: `c${seq}`,
  symbol: PERP,
  side,
  price,
  amount,
  cost: amount * price,
  fee,
  feeAsset: fee > 0 ? 'USDT' : null,
  maker: false,
  at: seq,
  seq,
});

describe('a short in the bot position (perpetual swaps)', () => {
  it('tells derivatives from spot by ccxt’s settle suffix', () => {
    expect(sellsShort(PERP)).toBe(true);
    expect(sellsShort('BTC/USDT')).toBe(false);
  });

  it('opens at the sale net of its fee and books (sale − cover) less both fees when covered, worked by hand', () => {
    // Sold 0.01 at 30,000 (fee 0.165 USDT): 299.835 USDT received, 29,983.5 per unit.
    const open = positionOf([fill(1, 'sell', 0.01, 30_000, 0.165)], 'BTC', 'USDT', { shorts: true });
    expect(open).toMatchObject({ amount: -0.01, realised: 0, cost: 299.835, oversold: 0 });
    expect(open.averagePrice).toBeCloseTo(29_983.5, 6);
    // Covered at 29,000 (fee 0.1595): 299.835 − 290.1595 = 9.6755 profit.
    const closed = positionOf([fill(1, 'sell', 0.01, 30_000, 0.165), fill(2, 'buy', 0.01, 29_000, 0.1595)], 'BTC', 'USDT', {
      shorts: true,
    });
    expect(closed.amount).toBe(0);
    expect(closed.averagePrice).toBeNull();
    expect(closed.cost).toBe(0);
    expect(closed.oversold).toBe(0);
    expect(closed.realised).toBeCloseTo(9.6755, 9);
  });

  it('a cover at a higher price is a loss; a partial cover books its share and keeps the average', () => {
    const trades = [fill(1, 'sell', 0.02, 30_000), fill(2, 'buy', 0.01, 31_000)];
    const position = positionOf(trades, 'BTC', 'USDT', { shorts: true });
    expect(position).toMatchObject({ amount: -0.01, averagePrice: 30_000, oversold: 0 });
    expect(position.realised).toBeCloseTo(-10, 9);
  });

  it('a buy beyond the short covers it and opens a long with the rest', () => {
    const position = positionOf([fill(1, 'sell', 0.01, 30_000), fill(2, 'buy', 0.03, 29_000)], 'BTC', 'USDT', { shorts: true });
    expect(position).toMatchObject({ amount: 0.02, averagePrice: 29_000, oversold: 0 });
    expect(position.realised).toBeCloseTo(10, 9);
  });

  it('on spot the same sale is still the oversold error, never a short', () => {
    expect(positionOf([fill(1, 'sell', 0.01, 30_000)], 'BTC', 'USDT')).toEqual({
      amount: 0,
      averagePrice: null,
      realised: 0,
      cost: 0,
      oversold: 0.01,
    });
  });
});
