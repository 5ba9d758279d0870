/**
 * A trader's performance from its own fills, as pure arithmetic: the fills are replayed at average
 * cost per market (the same bookkeeping as the copied positions), each point of the PnL curve marks
 * open positions at the market's last fill price, and the period's end at the current price.
 *
 * - PnL is realised + unrealised, net of fees (quote fees off the PnL; a buy's base-asset fee leaves
 *   fewer coins for the same cost), measured from the curve just before the period to its end.
 * - ROI is PnL over the most the positions cost at once in the period (capital deployed): a
 *   leader's account may hold much more than it trades, so its balance would understate it.
 * - A trade is a round trip in one market (flat → position → flat) that ended in the period; win
 *   rate and hold time come from the backtester's `tradeStats`.
 * - Max drawdown is on capital + PnL after every fill; Sharpe on daily returns (UTC days, the
 *   backtester's `EquityCurve`), so irregular fill times do not distort it.
 * - Everything is counted in one currency: the link's own (`rules.currency`) or else the quote
 *   most traded. Markets in another quote are converted into it at the current rate the portfolio
 *   values balances with (fill prices, fees and marks alike — today's rate, not the one of each
 *   fill's day: the figures say so); a market whose rate is not known is left out and named.
 */
import type { CurvePoint, Performance } from '../../../../shared/ipc/schemas/copy-stats';
import { EquityCurve } from '../../backtest/equity-curve';
import { tradeStats } from '../../backtest/metrics';
import { clean } from '../../exchange/precision';
import { sellsShort } from '../../bots/position';
import { applyFill } from '../copy-positions';
import { quoteOf } from '../quote-rates';

export const DAY_MS = 86_400_000;
/** The charts need no more points than a panel is wide; the figures use every point. */
export const MAX_CURVE_POINTS = 1_000;

export interface StatsFill {
  symbol: string;
  side: 'buy' | 'sell';
  /** Base filled. */
  amount: number;
  /** Average fill price. */
  price: number;
  at: number;
  fees: ReadonlyArray<{ asset: string; amount: number }>;
}

export interface PerformanceInput {
  fills: readonly StatsFill[];
  /** Start of the period (null: from the first fill) and its end (now). */
  from: number | null;
  to: number;
  /** Current prices of the markets still held; a market without one stays at its last fill price. */
  marks: ReadonlyMap<string, number>;
  /** The currency to count in (null: the quote most traded). */
  currency?: string | null;
  /** One unit of `from` in `to` now, or null when unknown (absent: no conversion, other quotes are left out). */
  rate?: (from: string, to: string) => number | null;
}

interface Point {
  at: number;
  pnl: number;
  fees: number;
  deployed: number;
}

interface Trade {
  entryTime: number;
  exitTime: number;
  pnl: number;
}

interface Holding {
  amount: number;
  cost: number;
  mark: number;
  openedAt: number;
  tradePnl: number;
}

const baseOf = (symbol: string) => symbol.split('/')[0]!;

/** The quote currency with the most traded value. */
function mainQuote(fills: readonly StatsFill[]): { quote: string | null } {
  const value = new Map<string, number>();
  for (const f of fills) value.set(quoteOf(f.symbol), (value.get(quoteOf(f.symbol)) ?? 0) + f.amount * f.price);
  let quote: string | null = null;
  for (const [q, v] of value) if (quote === null || v > value.get(quote)!) quote = q;
  return { quote };
}

/**
 * The fills counted in `quote`: those of other quotes converted at the current rate (price and the
 * fees paid in that quote), or left out and named when no rate is known.
 */
function convertFills(
  fills: readonly StatsFill[],
  quote: string,
  rate: PerformanceInput['rate'],
): { fills: StatsFill[]; others: string[]; converted: string[]; rates: Map<string, number> } {
  const rates = new Map<string, number>([[quote, 1]]);
  const missing = new Set<string>();
  for (const f of fills) {
    const q = quoteOf(f.symbol);
    if (rates.has(q) || missing.has(q)) continue;
    const r = rate?.(q, quote) ?? null;
    if (r !== null && Number.isFinite(r) && r > 0) rates.set(q, r);
    else missing.add(q);
  }
  const out: StatsFill[] = [];
  for (const f of fills) {
    const q = quoteOf(f.symbol);
    const r = rates.get(q);
    if (r === undefined) continue;
    out.push(
      r === 1 && q === quote
        ? f
        : { ...f, price: f.price * r, fees: f.fees.map((x) => (x.asset === q ? { asset: quote, amount: x.amount * r } : x)) },
    );
  }
  const others = [...new Set(fills.filter((f) => missing.has(quoteOf(f.symbol))).map((f) => f.symbol))].sort();
  return { fills: out, others, converted: [...rates.keys()].filter((q) => q !== quote).sort(), rates };
}

/** Replays fills (time order) into the PnL curve after each fill and the closed round trips. */
function replay(
  fills: readonly StatsFill[],
  quote: string,
): { points: Point[]; trades: Trade[]; holdings: Map<string, Holding>; realised: number; fees: number } {
  const holdings = new Map<string, Holding>();
  const points: Point[] = [];
  const trades: Trade[] = [];
  let realised = 0;
  let fees = 0;
  for (const f of fills) {
    const base = baseOf(f.symbol);
    const quoteFee = f.fees.filter((x) => x.asset === quote).reduce((s, x) => s + x.amount, 0);
    const baseFee = f.fees.filter((x) => x.asset === base).reduce((s, x) => s + x.amount, 0);
    fees += quoteFee + baseFee * f.price;
    const h = holdings.get(f.symbol) ?? { amount: 0, cost: 0, mark: f.price, openedAt: f.at, tradePnl: 0 };
    if (sellsShort(f.symbol)) {
      // A perpetual swap: signed, a sale from flat opens a short; a round trip ends when the position is flat or flips.
      const before = Math.sign(h.amount);
      if (before === 0) {
        h.openedAt = f.at;
        h.tradePnl = 0;
      }
      const change = applyFill(h, f.side, f.amount, f.price, true) - quoteFee;
      h.mark = f.price;
      realised += change;
      h.tradePnl += change;
      if (before !== 0 && Math.sign(h.amount) !== before) {
        trades.push({ entryTime: h.openedAt, exitTime: f.at, pnl: clean(h.tradePnl) });
        h.openedAt = f.at;
        h.tradePnl = 0;
      }
      holdings.set(f.symbol, h);
      points.push(snapshot(f.at, realised, fees, holdings));
      continue;
    }
    const wasFlat = h.amount <= 0;
    let change = -quoteFee;
    if (f.side === 'buy') {
      if (wasFlat) {
        h.openedAt = f.at;
        h.tradePnl = 0;
      }
      h.cost += f.amount * f.price;
      h.amount += f.amount - baseFee;
    } else {
      const sold = Math.min(f.amount + baseFee, h.amount);
      const average = h.amount > 0 ? h.cost / h.amount : 0;
      change += Math.min(f.amount, sold) * f.price - sold * average;
      h.cost -= sold * average;
      h.amount -= sold;
    }
    h.amount = clean(h.amount);
    h.mark = f.price;
    realised += change;
    if (!wasFlat || f.side === 'buy') h.tradePnl += change;
    if (h.amount <= 1e-12) {
      if (!wasFlat) trades.push({ entryTime: h.openedAt, exitTime: f.at, pnl: clean(h.tradePnl) });
      h.amount = 0;
      h.cost = 0;
      h.tradePnl = 0;
    }
    holdings.set(f.symbol, h);
    points.push(snapshot(f.at, realised, fees, holdings));
  }
  return { points, trades, holdings, realised, fees };
}

function snapshot(at: number, realised: number, fees: number, holdings: ReadonlyMap<string, Holding>): Point {
  let unrealised = 0;
  let deployed = 0;
  for (const h of holdings.values()) {
    if (h.amount === 0) continue;
    // A long gains as the mark rises above its cost, a short as it falls below what it was sold for.
    unrealised += Math.sign(h.amount) * (Math.abs(h.amount) * h.mark - h.cost);
    deployed += h.cost;
  }
  return { at, pnl: clean(realised + unrealised), fees: clean(fees), deployed: clean(deployed) };
}

export function emptyPerformance(quote: string | null = null, otherQuoteMarkets: string[] = []): Performance {
  return {
    quote,
    pnl: 0,
    fees: 0,
    capital: 0,
    roiPct: null,
    trades: 0,
    winRatePct: null,
    avgHoldMs: null,
    maxDrawdownPct: 0,
    sharpe: null,
    fills: 0,
    otherQuoteMarkets,
  };
}

export function performance(input: PerformanceInput): { performance: Performance; curve: CurvePoint[] } {
  const main = mainQuote(input.fills).quote;
  const quote = input.currency ?? main;
  if (quote === null) return { performance: emptyPerformance(), curve: [] };
  const { fills: inQuote, others, converted, rates } = convertFills(input.fills, quote, input.rate);
  const fills = inQuote.filter((f) => f.at <= input.to).sort((a, b) => a.at - b.at);
  const { points, trades, holdings, realised, fees } = replay(fills, quote);
  // The period ends now: what is still held is marked at its current price (converted like its fills).
  for (const [symbol, h] of holdings) {
    const mark = input.marks.get(symbol);
    if (h.amount !== 0 && mark !== undefined && mark > 0) h.mark = mark * (rates.get(quoteOf(symbol)) ?? 1);
  }
  const end = snapshot(input.to, realised, fees, holdings);
  const from = input.from ?? fills[0]?.at ?? input.to;
  const before = [...points].reverse().find((p) => p.at < from) ?? { at: from, pnl: 0, fees: 0, deployed: 0 };
  const inPeriod = [...points.filter((p) => p.at >= from), end];
  const capital = Math.max(before.deployed, ...inPeriod.map((p) => p.deployed));
  const pnl = clean(end.pnl - before.pnl);

  const curve = new EquityCurve(inPeriod.length, capital > 0 ? capital : 1);
  inPeriod.forEach((p, k) => curve.record(k, (capital > 0 ? capital : 1) + p.pnl - before.pnl));
  const summary = curve.summary(
    Float64Array.from(inPeriod, (p) => p.at),
    DAY_MS,
  );
  const periodTrades = trades.filter((t) => t.exitTime >= from && t.exitTime <= input.to);
  const stats = tradeStats(periodTrades);
  return {
    performance: {
      quote,
      pnl,
      fees: clean(end.fees - before.fees),
      capital: clean(capital),
      roiPct: capital > 0 ? clean((pnl / capital) * 100) : null,
      trades: stats.trades,
      winRatePct: stats.winRatePct,
      avgHoldMs: stats.avgHoldingMs,
      maxDrawdownPct: capital > 0 ? clean(summary.maxDrawdownPct) : 0,
      sharpe: capital > 0 ? dailySharpe(inPeriod, before.pnl, capital, from, input.to) : null,
      fills: fills.filter((f) => f.at >= from).length,
      otherQuoteMarkets: others,
      convertedQuotes: converted,
    },
    curve: chartCurve(inPeriod, curve.drawdownPct, before.pnl, capital, input.from),
  };
}

/** Equity (capital + PnL) at the end of each UTC day of the period; Sharpe of its daily returns, annualised. */
function dailySharpe(points: readonly Point[], basePnl: number, capital: number, from: number, to: number): number | null {
  const firstDay = Math.floor(from / DAY_MS) * DAY_MS;
  const days = Math.ceil((to - firstDay) / DAY_MS);
  if (days < 2) return null;
  const curve = new EquityCurve(days, capital);
  const times = new Float64Array(days);
  let k = 0;
  let pnl = 0;
  for (let d = 0; d < days; d++) {
    const dayEnd = Math.min(firstDay + (d + 1) * DAY_MS, to + 1);
    while (k < points.length && points[k]!.at < dayEnd) pnl = points[k++]!.pnl - basePnl;
    times[d] = firstDay + d * DAY_MS;
    curve.record(d, capital + pnl);
  }
  return curve.summary(times, DAY_MS).sharpe;
}

function chartCurve(
  points: readonly Point[],
  drawdownPct: Float64Array,
  basePnl: number,
  capital: number,
  from: number | null,
): CurvePoint[] {
  const out: CurvePoint[] = [];
  if (from !== null && (points[0]?.at ?? from) > from) out.push({ at: from, returnPct: 0, drawdownPct: 0 });
  const step = Math.max(1, Math.ceil(points.length / MAX_CURVE_POINTS));
  points.forEach((p, i) => {
    if (i % step !== 0 && i !== points.length - 1) return;
    out.push({
      at: p.at,
      returnPct: capital > 0 ? clean(((p.pnl - basePnl) / capital) * 100) : 0,
      drawdownPct: capital > 0 ? clean(drawdownPct[i]!) : 0,
    });
  });
  return out;
}
