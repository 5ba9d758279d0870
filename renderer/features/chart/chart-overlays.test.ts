import { describe, expect, it } from 'vitest';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { bracketLines, fillMarkers, orderLines } from './chart-overlays';

const order = (overrides: Partial<OrderView>): OrderView => ({
  clientOrderId: 'tw1',
  accountId: 'paper',
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  amount: 0.01,
  price: 29_000,
  stopPrice: null,
  status: 'open',
  filled: 0,
  averagePrice: null,
  cost: 0,
  fees: [],
  origin: 'manual',
  originId: null,
  originRole: null,
  marketAt: null,
  lookups: 0,
  error: null,
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

const bracket: BracketView = {
  id: 'br-1',
  accountId: 'paper',
  symbol: 'BTC/USDT',
  side: 'buy',
  status: 'open_position',
  entry: { type: 'market', price: null, amount: 0.02, clientOrderId: 'e', filled: 0.02, averagePrice: 30_000 },
  position: 0.01,
  targets: [
    { index: 0, price: 30_300, percent: 1, share: 50, status: 'filled', clientOrderId: 't1', amount: 0.01, filled: 0.01 },
    { index: 1, price: 31_000, percent: null, share: 50, status: 'open', clientOrderId: 't2', amount: 0.01, filled: 0 },
  ],
  stopLoss: { price: 29_000, percent: null },
  trailing: { callbackPct: 1, extreme: 30_500 },
  effectiveStop: 30_195,
  realizedPnl: 3,
  quote: 'USDT',
  closeReason: null,
  message: null,
  createdAt: 0,
  updatedAt: 0,
};

describe('chart overlays', () => {
  it('draws manual orders at their price (and stop), titled with side and remaining amount; bracket legs are left to the bracket', () => {
    expect(
      orderLines([
        order({ filled: 0.004 }),
        order({ type: 'stop_limit', side: 'sell', price: 28_000, stopPrice: 28_100 }),
        order({ origin: 'bracket', price: 31_000 }),
      ]).map((line) => [line.price, line.title, line.style]),
    ).toEqual([
      [29_000, 'Buy 0.006', 'solid'],
      [28_000, 'Sell 0.01', 'solid'],
      [28_100, 'Sell 0.01 stop', 'dotted'],
    ]);
  });

  it('draws the entry, the unfilled targets and the stop in force of active brackets only', () => {
    expect(bracketLines([bracket, { ...bracket, id: 'br-2', status: 'closed' }]).map((line) => [line.price, line.title])).toEqual([
      [30_000, 'Entry buy'],
      [31_000, 'TP2 50%'],
      [30_195, 'Trailing stop'],
    ]);
  });

  it('puts fills on the bar that contains them, oldest first', () => {
    const fill = (at: number, side: 'buy' | 'sell'): TradeView => ({
      accountId: 'paper',
      tradeId: String(at),
      clientOrderId: 'x',
      symbol: 'BTC/USDT',
      side,
      price: 1,
      amount: 0.5,
      cost: 0.5,
      fee: 0,
      feeAsset: null,
      maker: null,
      at,
      seq: at,
    });
    expect(fillMarkers([fill(7_300_000, 'sell'), fill(3_700_000, 'buy')], '1h')).toEqual([
      { time: 3_600_000, side: 'buy', text: 'Buy 0.50' },
      { time: 7_200_000, side: 'sell', text: 'Sell 0.50' },
    ]);
  });
});
