/**
 * The rebalance bot on history: the basket's candles replayed bar by bar, triggers checked at each
 * close with the bot's own `rebalanceTrigger`, the round planned there with the bot's own
 * `planRebalance`, and filled at the next bar's open (the honest fill model: a decision at a close
 * cannot trade at that close), sells before buys, fees in the quote. Buy-and-hold makes the same
 * first allocation at the same moment and never trades again.
 */
import type { Basket, RebalanceBacktestResult } from '../../../shared/ipc/schemas/rebalance';
import { EquityCurve, finiteOrNull, YEAR_MS } from './equity-curve';
import { BacktestCancelledError, BacktestInputError } from './errors';
import { medianInterval } from './metrics';
import { clean } from '../exchange/precision';
import type { CandleColumns } from '../strategy/candle-columns';
import { PlanError, planRebalance, type PlanMarket } from '../rebalance/plan';
import { rebalanceTrigger } from '../rebalance/trigger';

export interface RebalanceBacktestSpec {
  quote: string;
  basket: Basket;
  /** Candles of ASSET/quote for each basket asset other than the quote. */
  series: ReadonlyMap<string, CandleColumns>;
  startingCash: number;
  feeRate: number;
  minTrade: number;
  driftPct: number | null;
  intervalHours: number | null;
  /** Amount step per asset (default: none), so amounts round as the venue's would. */
  amountSteps?: ReadonlyMap<string, number>;
}

/** How a caller (the worker pool) follows and stops a run; both optional, as for strategy backtests. */
export interface RebalanceRunControl {
  /** Fraction of the bars replayed, 0..1 (called every `PROGRESS_BARS` bars and at the end). */
  onProgress?: (fraction: number) => void;
  /** Read every `PROGRESS_BARS` bars; true stops the run with BacktestCancelledError. */
  isCancelled?: () => boolean;
}

interface Book {
  cash: number;
  holdings: Map<string, number>;
  fees: number;
  traded: number;
}

const CURVE_POINTS = 500;
const HOUR_MS = 3_600_000;
/** Bars between progress reports and cancel checks: cheap enough to be invisible, often enough to stop at once. */
const PROGRESS_BARS = 256;

/** Bar times every series has (the replay advances only when all markets have a bar). */
function commonTimes(series: ReadonlyMap<string, CandleColumns>): { times: number[]; index: Map<string, Map<number, number>> } {
  const index = new Map<string, Map<number, number>>();
  let times: number[] | null = null;
  for (const [asset, candles] of series) {
    const byTime = new Map<number, number>();
    for (let i = 0; i < candles.length; i++) byTime.set(candles.time[i]!, i);
    index.set(asset, byTime);
    times = times === null ? [...byTime.keys()] : times.filter((t) => byTime.has(t));
  }
  return { times: (times ?? []).sort((a, b) => a - b), index };
}

export function runRebalanceBacktest(spec: RebalanceBacktestSpec, control: RebalanceRunControl = {}): RebalanceBacktestResult {
  const coins = spec.basket.filter((e) => e.asset !== spec.quote).map((e) => e.asset);
  for (const asset of coins) {
    if (!spec.series.has(asset)) throw new BacktestInputError(`No candles for ${asset}/${spec.quote}: pick a data set for it.`);
  }
  const { times, index } = commonTimes(new Map(coins.map((a) => [a, spec.series.get(a)!])));
  if (times.length < 3) {
    throw new BacktestInputError(
      `The data sets share ${times.length} bar time${times.length === 1 ? '' : 's'}; a backtest needs at least 3 bars every market has (pick data sets of the same timeframe and period).`,
    );
  }
  const priceAt = (k: number, field: 'open' | 'close') =>
    new Map(coins.map((a) => [a, spec.series.get(a)![field][index.get(a)!.get(times[k]!)!]!]));
  const markets = new Map<string, PlanMarket>(
    coins.map((a) => [
      a,
      {
        symbol: `${a}/${spec.quote}`,
        amountStep: spec.amountSteps?.get(a) ?? null,
        minAmount: null,
        minCost: null,
        takerFee: spec.feeRate,
        buyFeeIn: 'quote',
        sellFeeIn: 'quote',
      },
    ]),
  );
  const plan = (book: Book, prices: Map<string, number>) =>
    planRebalance({
      quote: spec.quote,
      basket: spec.basket,
      holdings: book.holdings,
      cash: book.cash,
      prices,
      markets,
      minTrade: spec.minTrade,
    });
  const value = (book: Book, prices: Map<string, number>) =>
    coins.reduce((sum, a) => sum + (book.holdings.get(a) ?? 0) * prices.get(a)!, book.cash);

  /** Fills planned legs at the bar's open: sells first, then buys shrunk to the cash there is. */
  const fill = (book: Book, legs: Array<{ asset: string; side: 'buy' | 'sell'; amount: number }>, prices: Map<string, number>) => {
    const f = spec.feeRate;
    for (const l of legs.filter((x) => x.side === 'sell')) {
      const amount = Math.min(l.amount, book.holdings.get(l.asset) ?? 0);
      const gross = amount * prices.get(l.asset)!;
      book.holdings.set(l.asset, (book.holdings.get(l.asset) ?? 0) - amount);
      book.cash += gross * (1 - f);
      book.fees += gross * f;
      book.traded += gross;
    }
    const buys = legs.filter((x) => x.side === 'buy');
    const need = buys.reduce((sum, l) => sum + l.amount * prices.get(l.asset)! * (1 + f), 0);
    const scale = need > book.cash && need > 0 ? book.cash / need : 1;
    for (const l of buys) {
      const amount = l.amount * scale;
      const gross = amount * prices.get(l.asset)!;
      book.holdings.set(l.asset, (book.holdings.get(l.asset) ?? 0) + amount);
      book.cash -= gross * (1 + f);
      book.fees += gross * f;
      book.traded += gross;
    }
    book.cash = Math.max(0, book.cash);
  };

  const targets = new Map(spec.basket.map((e) => [e.asset, e.weight]));
  const mayTrigger = (book: Book, prices: Map<string, number>, time: number, lastRoundAt: number | null): boolean => {
    if (spec.intervalHours !== null && (lastRoundAt === null || time - lastRoundAt >= spec.intervalHours * HOUR_MS)) return true;
    if (spec.driftPct === null) return false;
    const total = value(book, prices);
    if (total <= 0) return false;
    let drift = Math.abs((book.cash / total) * 100 - (targets.get(spec.quote) ?? 0));
    for (const a of coins)
      drift = Math.max(drift, Math.abs((((book.holdings.get(a) ?? 0) * prices.get(a)!) / total) * 100 - (targets.get(a) ?? 0)));
    // A hair under the threshold still goes to the trigger: it, not this shortcut, decides.
    return drift >= spec.driftPct - 1e-9;
  };

  const rebal: Book = { cash: spec.startingCash, holdings: new Map(), fees: 0, traded: 0 };
  const hold: Book = { cash: spec.startingCash, holdings: new Map(), fees: 0, traded: 0 };
  const n = times.length;
  const curveR = new EquityCurve(n, spec.startingCash);
  const curveH = new EquityCurve(n, spec.startingCash);
  let pending: ReturnType<typeof plan>['legs'] | null = null;
  let pendingHold: ReturnType<typeof plan>['legs'] | null = null;
  let lastRoundAt: number | null = null;
  let rounds = 0;
  for (let k = 0; k < n; k++) {
    if (k % PROGRESS_BARS === 0) {
      if (control.isCancelled?.()) throw new BacktestCancelledError();
      control.onProgress?.(k / n);
    }
    const time = times[k]!;
    if (pending || pendingHold) {
      const open = priceAt(k, 'open');
      if (pending) fill(rebal, pending, open);
      if (pendingHold) fill(hold, pendingHold, open);
      pending = pendingHold = null;
    }
    const close = priceAt(k, 'close');
    curveR.record(k, value(rebal, close));
    curveH.record(k, value(hold, close));
    if (k === n - 1) break;
    // Most closes trigger nothing: the drift is measured first, the plan made only when a rule may fire.
    if (k > 0 && !mayTrigger(rebal, close, time, lastRoundAt)) continue;
    let next;
    try {
      next = plan(rebal, close);
    } catch (error) {
      if (error instanceof PlanError) continue;
      throw error;
    }
    const sendable = next.legs.filter((l) => l.dropped === null);
    // The first close is the first allocation for both; later ones rebalance by the bot's rules.
    const due = k === 0 || rebalanceTrigger({ driftPct: spec.driftPct, intervalHours: spec.intervalHours }, next, lastRoundAt, time).due;
    if (due && sendable.length > 0) {
      pending = sendable;
      lastRoundAt = time;
      rounds++;
      if (k === 0) pendingHold = plan(hold, close).legs.filter((l) => l.dropped === null);
    }
  }

  control.onProgress?.(1);
  const timeArray = Float64Array.from(times);
  const interval = medianInterval(timeArray);
  const years = (times[n - 1]! + interval - times[0]!) / YEAR_MS;
  const summary = (curve: EquityCurve, book: Book) => {
    const s = curve.summary(timeArray, interval);
    const final = curve.last;
    return {
      finalEquity: clean(final),
      returnPct: clean((final / spec.startingCash - 1) * 100),
      cagrPct: years > 0 ? (final <= 0 ? -100 : finiteOrNull(((final / spec.startingCash) ** (1 / years) - 1) * 100)) : null,
      maxDrawdownPct: s.maxDrawdownPct,
      sharpe: s.sharpe,
      sortino: s.sortino,
      feesPaid: clean(book.fees),
    };
  };
  const every = Math.max(1, Math.ceil(n / CURVE_POINTS));
  const curve: Array<[number, number, number]> = [];
  for (let k = 0; k < n; k += every) curve.push([times[k]!, curveR.equity[k]!, curveH.equity[k]!]);
  if ((n - 1) % every !== 0) curve.push([times[n - 1]!, curveR.equity[n - 1]!, curveH.equity[n - 1]!]);
  return {
    startingCash: spec.startingCash,
    bars: n,
    firstBarTime: times[0]!,
    lastBarTime: times[n - 1]!,
    barIntervalMs: interval,
    rebalance: { ...summary(curveR, rebal), rounds, turnover: clean(rebal.traded) },
    buyAndHold: summary(curveH, hold),
    curve,
  };
}
