import { describe, expect, it } from 'vitest';
import type { Basket } from '../../../shared/ipc/schemas/rebalance';
import { planRebalance, PlanError, type PlanInput, type PlanMarket } from './plan';
import { nextScheduled, rebalanceTrigger } from './trigger';

const market = (symbol: string, amountStep: number, extra: Partial<PlanMarket> = {}): PlanMarket => ({
  symbol,
  amountStep,
  minAmount: null,
  minCost: null,
  takerFee: 0,
  buyFeeIn: 'base',
  sellFeeIn: 'quote',
  ...extra,
});

const basket: Basket = [
  { asset: 'BTC', weight: 50 },
  { asset: 'ETH', weight: 30 },
  { asset: 'USDT', weight: 20 },
];

/** 0.3 BTC at 20 000 (6 000), 2 ETH at 1 000 (2 000), 2 000 USDT: 60 / 20 / 20 against 50 / 30 / 20. */
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  quote: 'USDT',
  basket,
  holdings: new Map([
    ['BTC', 0.3],
    ['ETH', 2],
  ]),
  cash: 2000,
  prices: new Map([
    ['BTC', 20000],
    ['ETH', 1000],
  ]),
  markets: new Map([
    ['BTC', market('BTC/USDT', 0.00001)],
    ['ETH', market('ETH/USDT', 0.001)],
  ]),
  minTrade: 0,
  ...over,
});

describe('planRebalance', () => {
  it('scales the whole round down when its buys would cost more than the cap (maxBuy), sells included', () => {
    // Unlimited: sell 0.05 BTC (1 000), buy 1 ETH (1 000). With a 400 cap: 40 % of each leg.
    const plan = planRebalance(input({ maxBuy: 400 }));
    expect(plan.legs.map((l) => [l.side, l.amount, l.value, l.dropped])).toEqual([
      ['sell', 0.02, 400, null],
      ['buy', 0.4, 400, null],
    ]);
    // A cap above what the round wants changes nothing.
    expect(planRebalance(input({ maxBuy: 5_000 })).legs).toEqual(planRebalance(input()).legs);
  });

  it('reaches the target weights exactly in a hand-computed case (no fees, amounts on the step)', () => {
    const plan = planRebalance(input());
    expect(plan.totalValue).toBe(10000);
    expect(plan.assets.map((a) => [a.asset, a.weightPct, a.driftPct])).toEqual([
      ['BTC', 60, 10],
      ['ETH', 20, -10],
      ['USDT', 20, 0],
    ]);
    expect(plan.maxDriftPct).toBe(10);
    // BTC: 6 000 → 5 000, sell 0.05; ETH: 2 000 → 3 000, buy 1 with the sale's 1 000.
    expect(plan.legs.map((l) => [l.side, l.symbol, l.amount, l.value, l.dropped])).toEqual([
      ['sell', 'BTC/USDT', 0.05, 1000, null],
      ['buy', 'ETH/USDT', 1, 1000, null],
    ]);
    expect(plan.assets.map((a) => a.afterPct)).toEqual([50, 30, 20]);
    expect(plan.cashAfter).toBe(2000);
    expect(plan.fees).toBe(0);
  });

  it('plans the fees in: the value split is what the round leaves after its fees', () => {
    const fee = { takerFee: 0.001 };
    const plan = planRebalance(
      input({
        markets: new Map([
          ['BTC', market('BTC/USDT', 0.00001, fee)],
          ['ETH', market('ETH/USDT', 0.00001, fee)],
        ]),
      }),
    );
    // Hand: fees ≈ 0.1 % of ~1 000 sold + ~1 000 bought ≈ 2.0; the 10 000 split is ~9 998.
    expect(plan.fees).toBeCloseTo(2.0, 1);
    const [sell, buy] = plan.legs;
    // BTC target 0.5 × 9 998 = 4 999 → sell (6 000 − 4 999) / 20 000 = 0.05005, on the 0.00001 step.
    expect(sell).toMatchObject({ side: 'sell', amount: 0.05005 });
    // ETH arrives net of its fee (charged in ETH): buy 999.4 / 1 000 / 0.999 ≈ 1.0004.
    expect(buy!.side).toBe('buy');
    expect(buy!.amount).toBeCloseTo(1.0004, 4);
    // Legs sent at a step of 0.00001 leave every weight within 0.01 pp of its target.
    for (const a of plan.assets) expect(Math.abs(a.afterPct - a.targetPct)).toBeLessThan(0.01);
    // The sale's fee in USDT and the buy's in ETH both count.
    expect(sell!.fee).toBeCloseTo(1.001, 3);
  });

  it('rounds amounts down to the step and never sells more than is held', () => {
    const plan = planRebalance(
      input({
        basket: [
          { asset: 'BTC', weight: 0 },
          { asset: 'ETH', weight: 100 },
        ],
        holdings: new Map([
          ['BTC', 0.123456],
          ['ETH', 0],
        ]),
        cash: 0,
        markets: new Map([
          ['BTC', market('BTC/USDT', 0.001)],
          ['ETH', market('ETH/USDT', 0.01)],
        ]),
      }),
    );
    expect(plan.legs[0]).toMatchObject({ side: 'sell', amount: 0.123 });
    // 0.123 × 20 000 = 2 460 buys 2.46 ETH.
    expect(plan.legs[1]).toMatchObject({ side: 'buy', amount: 2.46 });
  });

  it('leaves legs below the venue minimums or the bot minimum out, with the reason, never rounded up', () => {
    const plan = planRebalance(
      input({
        holdings: new Map([
          ['BTC', 0.2502],
          ['ETH', 2.995],
        ]),
        cash: 2000,
        markets: new Map([
          ['BTC', market('BTC/USDT', 0.00001, { minCost: 10 })],
          ['ETH', market('ETH/USDT', 0.0001, { minAmount: 0.01 })],
        ]),
      }),
    );
    // Total 5 004 + 2 995 + 2 000 = 9 999; BTC wants −4.5 (0.00022 BTC, 4.40 USDT); ETH +4.7, but with
    // the sale left out only 2 000 − 20 % × 9 999 = 0.2 USDT can pay for it: 0.0002 ETH.
    const [sell, buy] = plan.legs;
    expect(sell!.dropped).toBe("4.40 USDT is below the venue's minimum order value 10.00 USDT");
    expect(buy!.dropped).toBe("0.0002 ETH is below the venue's minimum amount 0.01 ETH");
    const minTrade = planRebalance(input({ minTrade: 2000 }));
    expect(minTrade.legs[0]!.dropped).toBe("1000.00 USDT is below the bot's minimum trade 2000.00 USDT");
    // With the sale left out nothing pays for the buy.
    expect(minTrade.legs[1]!.dropped).toMatch(/rounds to 0/);
    const tiny = planRebalance(
      input({
        holdings: new Map([
          ['BTC', 0.25],
          ['ETH', 3],
        ]),
        cash: 1999.99,
      }),
    );
    expect(tiny.legs.some((l) => l.dropped?.includes('rounds to 0'))).toBe(true);
  });

  it('lists sells before buys and shrinks the buys to the cash the sells and the account give', () => {
    const plan = planRebalance(
      input({
        basket: [
          { asset: 'ETH', weight: 50 },
          { asset: 'BTC', weight: 50 },
        ],
        holdings: new Map([
          ['BTC', 0.5],
          ['ETH', 0],
        ]),
        cash: 0,
        markets: new Map([
          // The BTC sale is below the minimum: nothing pays for the ETH, so the buy shrinks to 0.
          ['BTC', market('BTC/USDT', 0.00001, { minAmount: 1 })],
          ['ETH', market('ETH/USDT', 0.001)],
        ]),
      }),
    );
    expect(plan.legs.map((l) => l.side)).toEqual(['sell', 'buy']);
    expect(plan.legs[1]!.dropped).toMatch(/rounds to 0/);
    const buffered = planRebalance(input({ buyBuffer: 0.01 }));
    // 1 % of the 1 000 the ETH buy may spend is held back.
    expect(buffered.legs[1]).toMatchObject({ side: 'buy', amount: 0.99 });
  });

  it('refuses to plan without a price or a market, saying which', () => {
    expect(() => planRebalance(input({ prices: new Map([['BTC', 20000]]) }))).toThrow(
      new PlanError('No price for ETH/USDT yet; the plan waits for one.'),
    );
    expect(() => planRebalance(input({ markets: new Map([['BTC', market('BTC/USDT', 0.001)]]) }))).toThrow(
      'There is no ETH/USDT market on this venue.',
    );
  });
});

describe('rebalanceTrigger', () => {
  const plan = planRebalance(input());
  const HOUR = 3_600_000;

  it('fires on drift at the threshold, not below it', () => {
    expect(rebalanceTrigger({ driftPct: 10, intervalHours: null }, plan, 0, 5 * HOUR)).toMatchObject({ due: true, reason: 'drift' });
    expect(rebalanceTrigger({ driftPct: 10.5, intervalHours: null }, plan, 0, 5 * HOUR)).toEqual({ due: false, text: null });
  });

  it('fires on the schedule: at start, then once every interval', () => {
    const rules = { driftPct: null, intervalHours: 24 };
    expect(rebalanceTrigger(rules, plan, null, 1000)).toMatchObject({ due: true, reason: 'start' });
    expect(rebalanceTrigger(rules, plan, 0, 24 * HOUR - 1)).toEqual({ due: false, text: null });
    expect(rebalanceTrigger(rules, plan, 0, 24 * HOUR)).toMatchObject({ due: true, reason: 'schedule' });
    expect(nextScheduled(rules, 0, 5)).toBe(24 * HOUR);
  });

  it('does not start a round with nothing to send and says why', () => {
    const dropped = planRebalance(input({ minTrade: 5000 }));
    const trigger = rebalanceTrigger({ driftPct: 5, intervalHours: null }, dropped, 0, 1);
    expect(trigger).toMatchObject({ due: false, skipped: 'drift' });
    expect(trigger.text).toMatch(/BTC drifted 10 pp from its 50 % target \(threshold 5 pp\), but every leg is below a minimum/);
  });
});
