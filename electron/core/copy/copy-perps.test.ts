/** Signed copy positions and perpetuals copy decisions: shorts opened, added to, covered reduce-only, flipped. */
import { describe, expect, it } from 'vitest';
import { asAmount, asPrice } from '../../../shared/domain/types';
import type { OrderRow } from '../orders/orders-repo';
import type { MarketRules } from '../exchange/venue';
import { copyPositions } from './copy-positions';
import { linkLoss } from './copy-loss';
import { decidePerpCopy, splitLeaderFill, type PerpInput } from './copy-perps';
import { copyRules } from './test-support/copy-rules';

const PERP = 'BTC/USDT:USDT';
const filled = (side: 'buy' | 'sell', amount: number, price: number, symbol = PERP) =>
  ({ symbol, side, filled: amount, averagePrice: price, accountId: 'f', clientOrderId: `${side}${amount}${price}` }) as OrderRow;

describe('copyPositions on a perpetual swap', () => {
  it('a sale opens a short at its price; adding averages; a cover books (average − price) per unit', () => {
    const positions = copyPositions([filled('sell', 0.005, 30_000), filled('sell', 0.003, 31_000)]);
    expect(positions.get(PERP)).toMatchObject({ amount: -0.008, cost: 150 + 93, realisedPnl: 0 });
    expect(positions.get(PERP)!.averagePrice).toBeCloseTo(30_375, 9);
    const covered = copyPositions([filled('sell', 0.005, 30_000), filled('sell', 0.003, 31_000), filled('buy', 0.002, 29_000)]).get(PERP)!;
    expect(covered.amount).toBe(-0.006);
    expect(covered.averagePrice).toBeCloseTo(30_375, 9);
    expect(covered.realisedPnl).toBeCloseTo(0.002 * (30_375 - 29_000), 9);
  });

  it('a flip closes the short and opens a long at the fill price', () => {
    const p = copyPositions([filled('sell', 0.01, 30_000), filled('buy', 0.015, 31_000)]).get(PERP)!;
    expect(p.amount).toBe(0.005);
    expect(p.averagePrice).toBe(31_000);
    expect(p.realisedPnl).toBeCloseTo(-10, 9);
  });

  it('spot is unchanged: a sale beyond what is held opens nothing', () => {
    const p = copyPositions([filled('buy', 0.01, 30_000, 'BTC/USDT'), filled('sell', 0.02, 31_000, 'BTC/USDT')]).get('BTC/USDT')!;
    expect(p).toMatchObject({ amount: 0, averagePrice: null, realisedPnl: 10 });
  });

  it('the loss of a short rises with the price (unrealised for the loss limit)', () => {
    const positions = copyPositions([filled('sell', 0.01, 30_000)]);
    expect(linkLoss(positions, new Map([[PERP, 33_000]]))).toEqual({ kind: 'known', pnl: -30, quote: 'USDT' });
    expect(linkLoss(positions, new Map([[PERP, null]]))).toMatchObject({ kind: 'unknown' });
  });
});

describe('splitLeaderFill', () => {
  it('splits a sale into what closes the leader long and what opens a short', () => {
    expect(splitLeaderFill('sell', 0.03, 0.01, false)).toEqual({ closing: 0.01, opening: 0.02, against: 0.01 });
    expect(splitLeaderFill('sell', 0.01, -0.01, false)).toEqual({ closing: 0, opening: 0.01, against: 0 });
    expect(splitLeaderFill('buy', 0.005, -0.017, false)).toEqual({ closing: 0.005, opening: 0, against: 0.017 });
  });

  it('a reduce-only fill opens nothing, even when the link never saw what it reduces', () => {
    expect(splitLeaderFill('buy', 0.02, -0.01, true)).toEqual({ closing: 0.02, opening: 0, against: 0.01 });
    expect(splitLeaderFill('buy', 0.02, 0, true)).toEqual({ closing: 0.02, opening: 0, against: 0 });
  });
});

const market: MarketRules = {
  symbol: PERP,
  base: 'BTC',
  quote: 'USDT',
  amountStep: 0.001,
  priceStep: 0.1,
  minAmount: 0.001,
  minCost: 5,
  maxAmount: null,
  makerFee: 0.0002,
  takerFee: 0.00055,
  feeSide: 'quote',
  stopMarket: true,
  stopLimit: true,
  marketType: 'swap',
  contractSize: 1,
};
const precision = { amount: (v: number) => asAmount(Number(v.toFixed(3))), price: (v: number) => asPrice(v) };

const input = (over: Partial<PerpInput> & Pick<PerpInput, 'side' | 'leaderAmount' | 'leaderPosition' | 'followerPosition'>): PerpInput => ({
  leaderSymbol: PERP,
  leaderPrice: 30_000,
  filledAt: 1_000,
  now: 1_000,
  rules: copyRules({ mode: 'ratio', ratio: 0.5 }),
  follower: {
    symbol: PERP,
    market,
    precision,
    quote: { last: 30_000, bid: 30_000, ask: 30_000 },
    held: 0,
    free: null,
    closedByHand: false,
    openCost: 0,
  },
  equityRatio: null,
  reduceOnly: false,
  ...over,
});

describe('decidePerpCopy', () => {
  it('opens and adds to a short at the ratio, rounded down to the step, never reduce-only', () => {
    expect(decidePerpCopy(input({ side: 'sell', leaderAmount: 0.01, leaderPosition: 0, followerPosition: 0 }))).toMatchObject({
      kind: 'place',
      amount: 0.005,
    });
    const add = decidePerpCopy(input({ side: 'sell', leaderAmount: 0.007, leaderPosition: -0.01, followerPosition: -0.005 }));
    expect(add).toMatchObject({ kind: 'place', amount: 0.003 });
    expect(add).not.toHaveProperty('reduceOnly');
  });

  it('covers the same share of the link short as the leader covered of its own, reduce-only, capped at the short', () => {
    expect(decidePerpCopy(input({ side: 'buy', leaderAmount: 0.005, leaderPosition: -0.017, followerPosition: -0.008 }))).toMatchObject({
      kind: 'place',
      amount: 0.002,
      reduceOnly: true,
    });
    // A leader that buys back more than its short (reduce-only, as the venue cut it) takes all of the link's short, no more.
    expect(
      decidePerpCopy(input({ side: 'buy', leaderAmount: 0.05, leaderPosition: -0.012, followerPosition: -0.006, reduceOnly: true })),
    ).toMatchObject({ kind: 'place', amount: 0.006, reduceOnly: true });
  });

  it('copies a flip as close + open in one order, never more', () => {
    const flip = decidePerpCopy(input({ side: 'sell', leaderAmount: 0.03, leaderPosition: 0.01, followerPosition: 0.005 }));
    expect(flip).toMatchObject({ kind: 'place', amount: 0.015, note: 'closes the 0.005 long and opens a 0.01 short' });
    expect(flip).not.toHaveProperty('reduceOnly');
  });

  it('a flip whose new side is below the minimum only closes, reduce-only, and says why', () => {
    const flip = decidePerpCopy(input({ side: 'sell', leaderAmount: 0.0111, leaderPosition: 0.01, followerPosition: 0.005 }));
    expect(flip).toMatchObject({ kind: 'place', amount: 0.005, reduceOnly: true });
    expect(flip.kind === 'place' && flip.note).toContain("the leader's new short was not copied: Below the minimum");
  });

  it('skips a follower market counting in contracts of another size (OKX: 0.01 BTC), naming it, rather than sending 100× the amount', () => {
    const fill = { side: 'sell', leaderAmount: 0.01, leaderPosition: 0, followerPosition: 0 } as const;
    const decision = decidePerpCopy(input({ ...fill, follower: { ...input(fill).follower, market: { ...market, contractSize: 0.01 } } }));
    expect(decision).toMatchObject({ kind: 'skip' });
    expect(decision.kind !== 'place' && decision.reason).toBe(
      'Not copied to BTC/USDT:USDT: BTC/USDT:USDT counts orders in contracts of 0.01 BTC; Tradewind sizes orders in BTC and trades only perpetuals whose contract is 1 BTC (as on Bybit and Binance USDT perpetuals). Pick such a market, or trade BTC on a spot account.',
    );
  });

  it('ignores a reduce-only fill with no copied short to reduce, saying so', () => {
    expect(decidePerpCopy(input({ side: 'buy', leaderAmount: 0.01, leaderPosition: 0, followerPosition: 0, reduceOnly: true }))).toEqual({
      kind: 'ignore',
      reason:
        "The leader's reduce-only buy on BTC/USDT:USDT reduces its short, and this link holds no copied BTC/USDT:USDT short to reduce; nothing was sent.",
      referencePrice: null,
      slippagePct: null,
    });
  });

  it('sizes a short in quote mode like a long', () => {
    const rules = copyRules({ mode: 'quote', amount: 300 });
    expect(decidePerpCopy(input({ side: 'sell', leaderAmount: 1, leaderPosition: 0, followerPosition: 0, rules }))).toMatchObject({
      kind: 'place',
      amount: 0.01,
    });
  });
});
