/** Leader/follower performance from fills, every figure worked out by hand in the comments. */
import { describe, expect, it } from 'vitest';
import { DAY_MS, performance, type StatsFill } from './performance';

const t0 = Date.UTC(2026, 0, 1, 12); // noon, 1 January
const buy = (at: number, amount: number, price: number, fee = 0, feeAsset = 'USDT', symbol = 'BTC/USDT'): StatsFill => ({
  symbol,
  side: 'buy',
  amount,
  price,
  at,
  fees: fee > 0 ? [{ asset: feeAsset, amount: fee }] : [],
});
const sell = (at: number, amount: number, price: number, fee = 0, symbol = 'BTC/USDT'): StatsFill => ({
  ...buy(at, amount, price, fee, 'USDT', symbol),
  side: 'sell',
});

// Two round trips, 0.1 % fees in USDT:
//   day 0 buy 1 @ 100 (fee 0.10), day 1 sell 1 @ 110 (fee 0.11) → +10 − 0.21 = +9.79
//   day 2 buy 2 @ 100 (fee 0.20), day 3 sell 2 @  95 (fee 0.19) → −10 − 0.39 = −10.39
const roundTrips = [
  buy(t0, 1, 100, 0.1),
  sell(t0 + DAY_MS, 1, 110, 0.11),
  buy(t0 + 2 * DAY_MS, 2, 100, 0.2),
  sell(t0 + 3 * DAY_MS, 2, 95, 0.19),
];
const end = t0 + 3 * DAY_MS + 3_600_000;

describe('leader performance', () => {
  it('over all time: PnL net of fees, ROI on the capital deployed, win rate, hold time, drawdown and daily Sharpe', () => {
    const { performance: p, curve } = performance({ fills: roundTrips, from: null, to: end, marks: new Map() });
    expect(p.quote).toBe('USDT');
    expect(p.pnl).toBeCloseTo(-0.6, 10); // 9.79 − 10.39
    expect(p.fees).toBeCloseTo(0.6, 10); // 0.10 + 0.11 + 0.20 + 0.19
    expect(p.capital).toBe(200); // the most held at cost at once: 2 × 100
    expect(p.roiPct).toBeCloseTo(-0.3, 10); // −0.6 / 200
    expect(p.trades).toBe(2);
    expect(p.winRatePct).toBe(50);
    expect(p.avgHoldMs).toBe(DAY_MS);
    expect(p.fills).toBe(4);
    // Equity 200 + PnL after each fill: 199.9, 209.79, 209.59, 199.4 → deepest fall 10.39 / 209.79.
    expect(p.maxDrawdownPct).toBeCloseTo((10.39 / 209.79) * 100, 8);
    // End of each UTC day (1–4 January): 199.9, 209.79, 209.59, 199.4, from 200.
    const equity = [200, 199.9, 209.79, 209.59, 199.4];
    const r = equity.slice(1).map((e, i) => e / equity[i]! - 1);
    const mean = r.reduce((s, x) => s + x, 0) / 4;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
    expect(p.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365.25), 8);
    expect(curve.map((c) => c.returnPct)).toEqual([-0.05, 4.895, 4.795, -0.3, -0.3]);
    expect(curve[3]!.drawdownPct).toBeCloseTo((10.39 / 209.79) * 100, 8);
  });

  it('over a window: PnL from the curve just before it, only the trades that ended in it, its own capital and drawdown', () => {
    const from = t0 + 1.5 * DAY_MS;
    const { performance: p, curve } = performance({ fills: roundTrips, from, to: end, marks: new Map() });
    expect(p.pnl).toBeCloseTo(-10.39, 10); // −0.6 now − 9.79 before the window
    expect(p.fees).toBeCloseTo(0.39, 10);
    expect(p.capital).toBe(200);
    expect(p.roiPct).toBeCloseTo(-5.195, 10);
    expect([p.trades, p.winRatePct, p.fills]).toEqual([1, 0, 2]);
    // Equity from 200: 199.8 after the buy's fee, 189.61 after the loss.
    expect(p.maxDrawdownPct).toBeCloseTo(5.195, 8);
    expect(curve[0]).toEqual({ at: from, returnPct: 0, drawdownPct: 0 });
    expect(curve.map((c) => c.returnPct)).toEqual([0, -0.1, -5.195, -5.195]);
  });

  it('marks an open position at the current price, takes a base-asset fee off the coins held, and leaves other quote currencies out', () => {
    const fills = [
      // 0.5 BTC bought @ 100, fee 0.001 BTC: 0.499 held for 50.
      buy(t0, 0.5, 100, 0.001, 'BTC'),
      // Half of what is held sold @ 120: 0.2495 × (120 − 100.2004…) = +4.94, fee 0.03 USDT.
      sell(t0 + DAY_MS, 0.2495, 120, 0.03),
      buy(t0, 1, 0.05, 0, 'BTC', 'ETH/BTC'),
    ];
    const { performance: p } = performance({ fills, from: null, to: end, marks: new Map([['BTC/USDT', 90]]) });
    const average = 50 / 0.499;
    const realised = 0.2495 * (120 - average) - 0.03;
    const unrealised = 0.2495 * (90 - average);
    expect(p.pnl).toBeCloseTo(realised + unrealised, 10);
    // The base fee is valued at its fill price: 0.001 × 100.
    expect(p.fees).toBeCloseTo(0.1 + 0.03, 10);
    expect(p.capital).toBe(50);
    expect([p.trades, p.winRatePct, p.avgHoldMs]).toEqual([0, null, null]);
    expect(p.otherQuoteMarkets).toEqual(['ETH/BTC']);
  });

  it("converts markets of another quote into the link's currency at the current rate, leaving out one without a rate", () => {
    const fills = [
      // BTC/USDT: 1 bought @ 100, fee 0.1 USDT, marked at 110 → +10 − 0.1 USDT.
      buy(t0, 1, 100, 0.1),
      // BTC/EUR: 1 bought @ 92, fee 0.092 EUR, sold @ 96.6, fee 0.0966 EUR → +4.6 − 0.1886 EUR.
      buy(t0, 1, 92, 0.092, 'EUR', 'BTC/EUR'),
      { ...buy(t0 + DAY_MS, 1, 96.6, 0.0966, 'EUR', 'BTC/EUR'), side: 'sell' as const },
      // No GBP rate: left out and named.
      buy(t0, 1, 80, 0, 'GBP', 'BTC/GBP'),
    ];
    const rate = (from: string, to: string) => (from === 'USDT' && to === 'EUR' ? 0.92 : null);
    const { performance: p } = performance({ fills, from: null, to: end, marks: new Map([['BTC/USDT', 110]]), currency: 'EUR', rate });
    // In EUR: (10 − 0.1) × 0.92 = 9.108, plus 4.6 − 0.1886 = 4.4114 → 13.5194; fees 0.1 × 0.92 + 0.092 + 0.0966 = 0.2806.
    expect(p.quote).toBe('EUR');
    expect(p.pnl).toBeCloseTo(9.108 + 4.4114, 10);
    expect(p.fees).toBeCloseTo(0.1 * 0.92 + 0.092 + 0.0966, 10);
    // Capital: both buys held at once, 100 USDT × 0.92 + 92 EUR = 184 EUR.
    expect(p.capital).toBeCloseTo(184, 10);
    expect(p.convertedQuotes).toEqual(['USDT']);
    expect(p.otherQuoteMarkets).toEqual(['BTC/GBP']);
  });

  it('says nothing made up without fills: no ROI, no win rate, no Sharpe', () => {
    const { performance: p, curve } = performance({ fills: [], from: end - 7 * DAY_MS, to: end, marks: new Map() });
    expect(p).toMatchObject({ quote: null, pnl: 0, roiPct: null, winRatePct: null, sharpe: null, trades: 0, fills: 0 });
    expect(curve).toEqual([]);
  });
});

describe('performance of shorts on a perpetual swap', () => {
  const PERP = 'BTC/USDT:USDT';
  it('books a short round trip as a gain when the price falls, fees deducted, and marks an open short against the price', () => {
    // Sell 2 @ 100 (fee 0.2), buy back 2 @ 90 (fee 0.18): +20 − 0.38 = +19.62; then sell 1 @ 100, marked at 105: −5.
    const fills = [sell(t0, 2, 100, 0.2, PERP), buy(t0 + DAY_MS, 2, 90, 0.18, 'USDT', PERP), sell(t0 + 2 * DAY_MS, 1, 100, 0, PERP)];
    const { performance: p } = performance({ fills, from: null, to: t0 + 3 * DAY_MS, marks: new Map([[PERP, 105]]) });
    expect(p.pnl).toBeCloseTo(19.62 - 5, 10);
    expect(p.fees).toBeCloseTo(0.38, 10);
    expect(p.capital).toBe(200); // the most held at cost at once: the 2 sold at 100
    expect(p.trades).toBe(1);
    expect(p.winRatePct).toBe(100);
    expect(p.avgHoldMs).toBe(DAY_MS);
  });

  it('a flip ends the short round trip and opens a long at the fill price', () => {
    // Sell 1 @ 100, buy 3 @ 95: the short gains 5 and a 2 long opens at 95, marked at 97: +4.
    const fills = [sell(t0, 1, 100, 0, PERP), buy(t0 + DAY_MS, 3, 95, 0, 'USDT', PERP)];
    const { performance: p } = performance({ fills, from: null, to: t0 + 2 * DAY_MS, marks: new Map([[PERP, 97]]) });
    expect(p.pnl).toBeCloseTo(9, 10);
    expect(p.trades).toBe(1);
  });
});
