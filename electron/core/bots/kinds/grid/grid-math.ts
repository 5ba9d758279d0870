/**
 * Grid arithmetic, free of I/O: the level prices, the idle level next to the price, the amount
 * per level from the investment after the market's precision, and the checks that say exactly
 * which setting to change. A grid rests a buy on every level below the idle one and a sell on
 * every level above it; the base for those sells is bought with one market order at start.
 */
import type { BotIssue, GridConfig } from '../../../../../shared/ipc/schemas/bots';
import type { MarketRules, Precision } from '../../../exchange/venue';
import { ceilToStep, clean, formatMoney, formatNumber } from '../../../exchange/precision';

export interface GridPlan {
  levels: number[];
  /** Index of the level nearest the price: it rests nothing. */
  idle: number;
  /** Base per level. */
  amount: number;
  buys: number;
  sells: number;
  /** Base bought at market at start (covers the sells and the buy fee). */
  initAmount: number;
  /** Quote the grid commits: the resting buys plus the market buy. */
  capital: number;
}

/** Level prices from lower to upper inclusive, rounded to the market's tick. */
export function gridLevels(
  config: Pick<GridConfig, 'lower' | 'upper' | 'levels' | 'spacing'>,
  precision: Pick<Precision, 'price'>,
): number[] {
  const { lower, upper, levels } = config;
  const out: number[] = [];
  for (let i = 0; i < levels; i++) {
    const raw =
      config.spacing === 'arithmetic' ? lower + ((upper - lower) * i) / (levels - 1) : lower * Math.pow(upper / lower, i / (levels - 1));
    out.push(precision.price(raw));
  }
  return out;
}

export function nearestLevel(levels: readonly number[], price: number): number {
  let best = 0;
  for (let i = 1; i < levels.length; i++) if (Math.abs(levels[i]! - price) < Math.abs(levels[best]! - price)) best = i;
  return best;
}

/** The gap between neighbouring levels as a share of the price (the smallest gap for arithmetic grids: the top one). */
export function gridStepFraction(levels: readonly number[]): number {
  let smallest = Infinity;
  for (let i = 1; i < levels.length; i++) smallest = Math.min(smallest, (levels[i]! - levels[i - 1]!) / levels[i]!);
  return smallest;
}

/**
 * Why every cycle of this grid loses money, or null: a buy at one level and the sell one level up
 * earn the step and pay the (maker) fee twice, so a step at or below 2 × fee books a loss.
 */
export function feeLossProblem(levels: readonly number[], makerFee: number): string | null {
  const step = gridStepFraction(levels);
  const roundTrip = 2 * makerFee;
  if (!(step > 0) || !Number.isFinite(step) || step > roundTrip) return null;
  const pct = (value: number) => `${formatNumber(value * 100, 3)} %`;
  return (
    `Grid step ${pct(step)} is not above the round-trip fee ${pct(roundTrip)} (2 × ${pct(makerFee)} per order): ` +
    `every buy-and-sell cycle loses about ${pct(roundTrip - step)} of its order. Widen the range or use fewer levels, ` +
    `or confirm that you accept the loss.`
  );
}

/**
 * Orders a grid places per minute when the price moves `rangeFraction` of itself per minute
 * (the average 1-minute high-low range): every level crossed fills one order and places the next.
 */
export function gridOrdersPerMinute(levels: readonly number[], rangeFraction: number): number {
  const step = gridStepFraction(levels);
  if (!(step > 0) || !(rangeFraction > 0)) return 0;
  return clean(rangeFraction / step);
}

/** Plans the grid at `price`, or says why it cannot be run. */
export function planGrid(
  config: GridConfig,
  price: number | null,
  rules: MarketRules,
  precision: Precision,
): { plan: GridPlan | null; issues: BotIssue[] } {
  const issues: BotIssue[] = [];
  const error = (field: string, message: string) => issues.push({ severity: 'error', field, message });
  if (!(config.upper > config.lower)) {
    error('config.upper', `The upper price ${formatNumber(config.upper)} must be above the lower price ${formatNumber(config.lower)}.`);
    return { plan: null, issues };
  }
  if (config.stopLoss !== null && config.stopLoss >= config.lower) {
    error(
      'config.stopLoss',
      `The stop-loss ${formatNumber(config.stopLoss)} must be below the lower price ${formatNumber(config.lower)}, or the grid would close inside its own range.`,
    );
  }
  if (config.takeProfit !== null && config.takeProfit <= config.upper) {
    error(
      'config.takeProfit',
      `The take-profit ${formatNumber(config.takeProfit)} must be above the upper price ${formatNumber(config.upper)}.`,
    );
  }
  const levels = gridLevels(config, precision);
  const tick = rules.priceStep;
  for (let i = 1; i < levels.length; i++) {
    if (levels[i]! <= levels[i - 1]!) {
      const gap = (config.upper - config.lower) / (config.levels - 1);
      error(
        'config.levels',
        `${config.levels} levels between ${formatNumber(config.lower)} and ${formatNumber(config.upper)} are closer than the price tick ${formatNumber(tick ?? 0)} (about ${formatNumber(gap, 8)} apart); use fewer levels or a wider range.`,
      );
      return { plan: null, issues };
    }
  }
  if (price === null) {
    error('symbol', `No price for ${rules.symbol} yet; wait for market data before starting a grid.`);
    return { plan: null, issues };
  }
  if (price < config.lower || price > config.upper) {
    error(
      'config.lower',
      `The price ${formatNumber(price)} is outside the grid ${formatNumber(config.lower)}–${formatNumber(config.upper)}; a grid trades around the current price.`,
    );
    return { plan: null, issues };
  }
  const idle = nearestLevel(levels, price);
  const buys = idle;
  const sells = levels.length - 1 - idle;
  const feeKeep = 1 - rules.takerFee;
  // Quote per unit of `amount` across the grid: a buy at each lower level, base bought now for each upper one.
  const perUnit = levels.slice(0, idle).reduce((sum, p) => sum + p, 0) + (sells * price) / feeKeep;
  const amount = precision.amount(config.investment / perUnit);
  const cheapest = levels[0]!;
  if (amount <= 0 || (rules.minAmount !== null && amount < rules.minAmount)) {
    const minimum = rules.minAmount ?? rules.amountStep ?? 0;
    const needed = clean(Math.max(minimum, rules.amountStep ?? 0) * perUnit);
    error(
      'config.investment',
      `${formatMoney(config.investment, rules.quote)} ${rules.quote} over ${levels.length - 1} orders is ${formatNumber(config.investment / perUnit, 10)} ${rules.base} per level, below the minimum ${formatNumber(minimum)} ${rules.base}; invest at least ${formatMoney(needed, rules.quote)} ${rules.quote} or use fewer levels.`,
    );
    return { plan: null, issues };
  }
  if (rules.minCost !== null && amount * cheapest < rules.minCost) {
    // The amount is floored to the step, so the suggestion is for the next whole step above the minimum.
    const needed = clean(ceilToStep(rules.minCost / cheapest, rules.amountStep) * perUnit);
    error(
      'config.investment',
      `The order at the lowest level (${formatNumber(amount)} ${rules.base} at ${formatNumber(cheapest)}) is worth ${formatMoney(amount * cheapest, rules.quote)} ${rules.quote}, below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}; invest at least ${formatMoney(needed, rules.quote)} ${rules.quote} or use fewer levels.`,
    );
    return { plan: null, issues };
  }
  const initAmount = sells > 0 ? ceilToStep((sells * amount) / feeKeep, rules.amountStep) : 0;
  if (sells > 0 && rules.minCost !== null && initAmount * price < rules.minCost) {
    error(
      'config.investment',
      `The start-up market buy (${formatNumber(initAmount)} ${rules.base}) is below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`,
    );
  }
  const capital = clean(levels.slice(0, idle).reduce((sum, p) => sum + p * amount, 0) + initAmount * price);
  return { plan: { levels, idle, amount, buys, sells, initAmount, capital }, issues };
}
