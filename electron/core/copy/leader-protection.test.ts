/** The leader's bracket as the protection stream sees it, and its exits as leader fills that name the position. */
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../orders/orders-repo';
import type { BracketRecord } from '../trading/brackets-repo';
import { leaderFillsOf } from './ledger-leaders';
import { leaderProtectionOf } from './leader-protection';

const row = (over: Partial<OrderRow>): OrderRow => ({
  accountId: 'leader-1',
  clientOrderId: 'entry-1',
  exchangeOrderId: 'x1',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  amount: 0.02,
  price: null,
  stopPrice: null,
  status: 'filled',
  filled: 0.02,
  averagePrice: 30_000,
  cost: 600,
  origin: 'bracket',
  originId: 'br-1',
  originRole: 'entry',
  lookups: 0,
  nextLookupAt: null,
  error: null,
  createdAt: 1_000,
  updatedAt: 2_000,
  marketAt: null,
  ...over,
});

const target = (key: number, price: number, status: BracketRecord['state']['targets'][number]['status']) => ({
  key,
  price,
  percent: null,
  share: 50,
  status,
  clientOrderId: null,
  amount: null,
});

const bracket = (over: Partial<BracketRecord> = {}, state: Partial<BracketRecord['state']> = {}): BracketRecord => ({
  id: 'br-1',
  accountId: 'leader-1',
  symbol: 'BTC/USDT',
  side: 'buy',
  status: 'open_position',
  plan: { amount: 0.02, entry: { type: 'market', price: null }, stopLoss: { price: 28_500, percent: null }, trailing: null },
  state: {
    base: 'BTC',
    quote: 'USDT',
    targets: [target(1, 33_000, 'open'), target(2, 36_000, 'open')],
    targetKeys: 2,
    stopPrice: 28_500,
    extreme: 30_000,
    closeReason: null,
    closeAttempts: 0,
    message: null,
    ...state,
  },
  createdAt: 1_000,
  updatedAt: 2_000,
  ...over,
});

describe('leader protection from a bracket', () => {
  it("names the leader's position and entry order, and changes revision only when a target, the stop or the trailing distance moves", () => {
    const open = leaderProtectionOf(bracket(), [row({})], 0.01998)!;
    expect(open).toMatchObject({
      leaderId: 'account:leader-1',
      key: 'leader-1|br-1',
      entryOrderId: 'leader-1|entry-1',
      entryAmount: 0.01998,
      stopPrice: 28_500,
      trailingPct: null,
      state: 'active',
      targets: [
        { key: 1, price: 33_000, share: 50, done: false },
        { key: 2, price: 36_000, share: 50, done: false },
      ],
    });
    // A leader target filling is the leader's sell, not a move of the mirror.
    const oneFilled = leaderProtectionOf(
      bracket({}, { targets: [target(1, 33_000, 'filled'), target(2, 36_000, 'open')] }),
      [row({})],
      0.01998,
    )!;
    expect(oneFilled.revision).toBe(open.revision);
    expect(oneFilled.targets[0]!.done).toBe(true);
    expect(leaderProtectionOf(bracket({}, { stopPrice: 29_000 }), [row({})], 0.01998)!.revision).not.toBe(open.revision);
    expect(leaderProtectionOf(bracket({ status: 'closing' }), [row({})], 0.01998)!.state).toBe('cancelled');
    // Nothing to mirror before the entry fills, nor for a sell bracket (copy follows longs).
    expect(leaderProtectionOf(bracket({ status: 'pending_entry' }), [row({ filled: 0, status: 'open' })], 0)).toBeNull();
    expect(leaderProtectionOf(bracket({ side: 'sell' }), [row({ side: 'sell' })], 0.02)).toBeNull();
  });

  it("marks a bracket's exit fills with the position they close, and leaves the entry unmarked", () => {
    expect(leaderFillsOf(row({}))[0]!.exitOf).toBeUndefined();
    const [exit] = leaderFillsOf(
      row({ clientOrderId: 't1', side: 'sell', type: 'limit', originRole: 'target:1', filled: 0.01, cost: 330 }),
    );
    expect(exit!.exitOf).toEqual({ key: 'leader-1|br-1', role: 'target:1' });
  });
});
