/**
 * DCA arithmetic, free of I/O: where each safety order rests below the deal's first price
 * (deviations grow by the step scale), how much quote it spends (growing by the volume scale),
 * what a whole deal can commit, and the checks of every order against the market's minimums.
 */
import type { BotIssue, DcaConfig } from '../../../../../shared/ipc/schemas/bots';
import type { MarketRules } from '../../../exchange/venue';
import { clean, formatMoney, formatNumber } from '../../../exchange/precision';

export interface SafetyOrderPlan {
  /** 1-based. */
  n: number;
  /** Percent below the first price, cumulative. */
  deviationPct: number;
  /** Quote this safety order spends. */
  quote: number;
}

export function safetyOrders(
  config: Pick<DcaConfig, 'safetyOrders' | 'priceDeviationPct' | 'stepScale' | 'safetyOrder' | 'volumeScale'>,
): SafetyOrderPlan[] {
  const out: SafetyOrderPlan[] = [];
  let deviation = 0;
  for (let n = 1; n <= config.safetyOrders; n++) {
    deviation += config.priceDeviationPct * Math.pow(config.stepScale, n - 1);
    out.push({ n, deviationPct: clean(deviation), quote: clean(config.safetyOrder * Math.pow(config.volumeScale, n - 1)) });
  }
  return out;
}

export const safetyPrice = (firstPrice: number, plan: SafetyOrderPlan) => firstPrice * (1 - plan.deviationPct / 100);

/** Quote one deal can commit: the base order and every safety order. */
export function dealCapital(config: DcaConfig): number {
  return clean(config.baseOrder + safetyOrders(config).reduce((sum, so) => sum + so.quote, 0));
}

export function takeProfitPrice(averagePrice: number, config: Pick<DcaConfig, 'takeProfitPct'>): number {
  return averagePrice * (1 + config.takeProfitPct / 100);
}

/** Checks every order a deal can place at `price` against the market's minimums. */
export function checkDca(config: DcaConfig, price: number | null, rules: MarketRules): BotIssue[] {
  const issues: BotIssue[] = [];
  const error = (field: string, message: string) => issues.push({ severity: 'error', field, message });
  if (config.start === 'signal' && config.strategyId === null) {
    error('config.strategyId', 'A DCA bot that starts deals on a signal needs a saved strategy; pick one or start deals immediately.');
  }
  if (rules.minCost !== null && config.baseOrder < rules.minCost) {
    error(
      'config.baseOrder',
      `The base order ${formatMoney(config.baseOrder, rules.quote)} ${rules.quote} is below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`,
    );
  }
  const plans = safetyOrders(config);
  for (const so of plans) {
    if (so.deviationPct >= 100) {
      error(
        'config.stepScale',
        `Safety order ${so.n} would rest ${formatNumber(so.deviationPct, 2)}% below the first price, at or below zero; lower the deviation, the step scale or the number of safety orders.`,
      );
      break;
    }
    if (rules.minCost !== null && so.quote < rules.minCost) {
      error(
        'config.safetyOrder',
        `Safety order ${so.n} spends ${formatMoney(so.quote, rules.quote)} ${rules.quote}, below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`,
      );
      break;
    }
    if (price !== null && rules.minAmount !== null) {
      const amount = so.quote / safetyPrice(price, so);
      if (amount < rules.minAmount) {
        error(
          'config.safetyOrder',
          `Safety order ${so.n} buys ${formatNumber(amount, 10)} ${rules.base}, below the minimum amount ${formatNumber(rules.minAmount)} ${rules.base}.`,
        );
        break;
      }
    }
  }
  if (price !== null && rules.minAmount !== null && config.baseOrder / price < rules.minAmount) {
    error(
      'config.baseOrder',
      `The base order buys ${formatNumber(config.baseOrder / price, 10)} ${rules.base}, below the minimum amount ${formatNumber(rules.minAmount)} ${rules.base}.`,
    );
  }
  return issues;
}
