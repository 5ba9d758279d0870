import { describe, expect, it } from 'vitest';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { FLAT } from '../strategy';
import { positionAtClose, type PositionBook } from './position-at-close';

let seq = 0;
const trade = (side: 'buy' | 'sell', amount: number, price: number, at: number, fee = 0): TradeView => ({
  accountId: 'a',
  tradeId: `t${++seq}`,
  clientOrderId: `c${seq}`,
  symbol: 'BTC/USDT',
  side,
  price,
  amount,
  cost: amount * price,
  fee,
  feeAsset: fee > 0 ? 'BTC' : null,
  maker: false,
  at,
  seq,
});

/** Dust: below 0.001 BTC. */
const book = (trades: TradeView[]): PositionBook => ({ trades, base: 'BTC', isDust: (amount) => amount < 0.001 });

describe('positionAtClose (a live bot position from its fills)', () => {
  const buy1 = trade('buy', 0.1, 100, 1_000);
  const buy2 = trade('buy', 0.3, 120, 2_000, 0.0003);
  const sellAll = trade('sell', 0.3997, 130, 5_000);
  const buy3 = trade('buy', 0.2, 90, 7_000);
  const trades = [buy3, sellAll, buy2, buy1]; // any order in: ledger order (seq) counts

  it('counts only the fills timed before the close', () => {
    expect(positionAtClose(book(trades), 1_000, 100)).toEqual(FLAT);
    expect(positionAtClose(book(trades), 1_001, 100)).toEqual({ open: true, entryPrice: 100, entryTime: 1_000 });
  });

  it('averages the fill prices of the open position’s buys (fees not included) and keeps its first fill time', () => {
    // (0.1 × 100 + 0.3 × 120) / 0.4 = 115
    expect(positionAtClose(book(trades), 3_000, 120)).toEqual({ open: true, entryPrice: 115, entryTime: 1_000 });
  });

  it('is flat once the sale leaves dust, and a later buy starts a new position', () => {
    expect(positionAtClose(book(trades), 6_000, 130)).toEqual(FLAT);
    expect(positionAtClose(book(trades), 8_000, 95)).toEqual({ open: true, entryPrice: 90, entryTime: 7_000 });
  });

  it('a partial sale keeps the position and its entry', () => {
    const partial = [buy1, trade('sell', 0.05, 110, 1_500)];
    expect(positionAtClose(book(partial), 2_000, 110)).toEqual({ open: true, entryPrice: 100, entryTime: 1_000 });
  });
});

describe('positionAtClose on a perpetual swap (shorts)', () => {
  const swapBook = (trades: TradeView[]): PositionBook => ({ ...book(trades), shorts: true });
  const short1 = trade('sell', 0.1, 100, 1_000);
  const short2 = trade('sell', 0.3, 120, 2_000);
  const cover = trade('buy', 0.4, 90, 5_000);

  it('a sale from flat opens a short: entry the average of its sales, first sale’s time, measured downwards', () => {
    expect(positionAtClose(swapBook([cover, short2, short1]), 3_000, 110)).toEqual({
      open: true,
      entryPrice: 115,
      entryTime: 1_000,
      short: true,
    });
  });

  it('the cover that leaves dust ends it; on spot the same sale never opens anything', () => {
    expect(positionAtClose(swapBook([short1, short2, cover]), 6_000, 90)).toEqual(FLAT);
    expect(positionAtClose(book([short1]), 3_000, 100)).toEqual(FLAT);
  });
});
