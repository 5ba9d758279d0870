import { describe, expect, it } from 'vitest';
import type { BracketView, OrderView } from '../../../shared/ipc/schemas/orders';
import { FillNotifier, type FillNotice } from './fill-notifications';

const order = (overrides: Partial<OrderView>): OrderView => ({
  clientOrderId: 'tw1',
  accountId: 'paper',
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  amount: 0.02,
  price: 30_000,
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

describe('fill notifications', () => {
  it('notifies a manual order partly filled, then filled, once each', () => {
    const notices: FillNotice[] = [];
    const notifier = new FillNotifier((notice) => notices.push(notice));
    notifier.observe([order({})], []);
    notifier.observe([order({ status: 'partially_filled', filled: 0.01, averagePrice: 30_000 })], []);
    notifier.observe([order({ status: 'partially_filled', filled: 0.01, averagePrice: 30_000 })], []);
    notifier.observe([order({ status: 'filled', filled: 0.02, averagePrice: 30_000.123456789 })], []);
    // Bot orders notify through their bot.
    notifier.observe([order({ clientOrderId: 'tw2', origin: 'bot', status: 'filled', filled: 0.02 })], []);
    expect(notices).toEqual([
      { level: 'fill', kind: 'order.partly_filled', title: 'Buy order partly filled: BTC/USDT', body: 'Bought 0.01 of 0.02 BTC at 30000.' },
      { level: 'fill', kind: 'order.filled', title: 'Buy order filled: BTC/USDT', body: 'Bought 0.02 BTC at 30000.123.' },
    ]);
  });

  it('says once when the exchange ended a manual order by itself, not when it was cancelled on request', () => {
    const notices: FillNotice[] = [];
    const notifier = new FillNotifier((notice) => notices.push(notice));
    notifier.observe([order({ clientOrderId: 'tw3', status: 'cancelled' })], []);
    notifier.observe([order({ status: 'expired', filled: 0.005, averagePrice: 30_000, error: 'Order would trade against itself' })], []);
    notifier.observe([order({ status: 'expired', filled: 0.005, averagePrice: 30_000, error: 'Order would trade against itself' })], []);
    expect(notices.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['order.cancelled', 'Buy order cancelled by the exchange: BTC/USDT', '0.02 BTC, 0.005 filled: Order would trade against itself'],
    ]);
  });

  it('notifies a smart trade’s targets and its stop when hit', () => {
    const notices: FillNotice[] = [];
    const notifier = new FillNotifier((notice) => notices.push(notice));
    const bracket = {
      id: 'br1',
      symbol: 'BTC/USDT',
      targets: [{ index: 0, price: 31_000, percent: null, share: 50, status: 'filled', clientOrderId: 'x', amount: 0.01, filled: 0.01 }],
      closeReason: null,
      effectiveStop: 29_000,
      stopLoss: { price: 29_000, percent: null },
    } as unknown as BracketView;
    notifier.observe([], [bracket]);
    notifier.observe([], [bracket]);
    notifier.observe([], [{ ...bracket, closeReason: 'stop_loss' }]);
    expect(notices.map((n) => [n.level, n.title])).toEqual([
      ['fill', 'Target 1 hit: BTC/USDT'],
      ['warning', 'Stop-loss hit: BTC/USDT'],
    ]);
  });
});
