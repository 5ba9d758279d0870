/**
 * Checks a bracket's exits before anything is sent: shares add up, targets and stop lie on the
 * right side of the entry, explicit prices are on the tick, and every target is an order the
 * market accepts (minimum amount and value). Pure; the numbers come from the ticket evaluation.
 */
import type { OrderSide, TicketIssue } from '../../../shared/ipc/schemas/orders';
import type { MarketRules, Precision } from '../exchange/venue';
import { directionOf, resolveLevel, splitTargets, type LevelSpec } from './bracket-math';
import { clean, formatMoney, formatNumber } from '../exchange/precision';

export interface TargetSpec extends LevelSpec {
  share: number;
}

export interface ExitCheck {
  side: OrderSide;
  rules: MarketRules;
  precision: Precision;
  /** Entry price: the limit, the market reference, or the filled average once known. */
  entryPrice: number;
  /** Base the exits will have to sell (after fees charged in base). */
  held: number;
  /** Shares of targets that already filled (when editing). */
  settledShare: number;
  /** Current price when editing an open position: the stop is then checked against the market, not the entry. */
  currentPrice: number | null;
}

const SHARE_TOLERANCE = 0.01;

function tickIssue(
  rules: MarketRules,
  precision: Precision,
  price: number,
  label: string,
  field: TicketIssue['field'],
): TicketIssue | null {
  const rounded = precision.price(price);
  if (rules.priceStep === null || Math.abs(rounded - price) <= rules.priceStep * 1e-6) return null;
  return {
    field,
    rule: 'tick',
    message: `${label} price ${formatNumber(price)} is not a multiple of the tick ${formatNumber(rules.priceStep)}.`,
  };
}

export function checkTargets(targets: readonly TargetSpec[], check: ExitCheck): TicketIssue[] {
  const issues: TicketIssue[] = [];
  if (targets.length === 0) return issues;
  const { rules, precision, side, entryPrice } = check;
  const total = clean(check.settledShare + targets.reduce((sum, t) => sum + t.share, 0));
  if (Math.abs(total - 100) > SHARE_TOLERANCE) {
    issues.push({
      field: 'targets',
      rule: 'shares',
      message:
        check.settledShare > 0
          ? `Target shares add up to ${formatNumber(total, 4)}% with the ${formatNumber(check.settledShare, 4)}% already filled; they must add up to 100%.`
          : `Target shares add up to ${formatNumber(total, 4)}%; they must add up to 100%.`,
    });
  }
  const dir = directionOf(side);
  const amounts = splitTargets(
    check.held,
    check.held * (1 - check.settledShare / 100),
    targets.map((t) => t.share),
    rules.amountStep,
    true,
  );
  targets.forEach((target, i) => {
    const label = `Target ${i + 1}`;
    if (target.price !== null) {
      const tick = tickIssue(rules, precision, target.price, label, 'targets');
      if (tick) issues.push(tick);
    }
    const price = resolveLevel(target, entryPrice, side, 'target', precision);
    if ((price - entryPrice) * dir <= 0) {
      issues.push({
        field: 'targets',
        rule: 'side',
        message: `${label} at ${formatNumber(price)} is not ${dir > 0 ? 'above' : 'below'} the entry price ${formatNumber(entryPrice)}; a take-profit of a ${side} must be.`,
      });
    }
    const amount = amounts[i] ?? 0;
    if (amount <= 0 || (rules.minAmount !== null && amount < rules.minAmount)) {
      issues.push({
        field: 'targets',
        rule: 'min_amount',
        message: `${label}: amount ${formatNumber(amount)} ${rules.base} is below the minimum ${formatNumber(rules.minAmount ?? rules.amountStep ?? 0)} ${rules.base}.`,
      });
    } else if (rules.minCost !== null && amount * price < rules.minCost) {
      issues.push({
        field: 'targets',
        rule: 'min_cost',
        message: `${label}: order value ${formatMoney(amount * price, rules.quote)} ${rules.quote} is below the minimum ${formatNumber(rules.minCost)} ${rules.quote}.`,
      });
    }
  });
  return issues;
}

export function checkStop(stop: LevelSpec | null, check: ExitCheck): TicketIssue[] {
  if (!stop) return [];
  const { rules, precision, side, entryPrice } = check;
  const issues: TicketIssue[] = [];
  if (stop.price !== null) {
    const tick = tickIssue(rules, precision, stop.price, 'Stop-loss', 'stopLoss');
    if (tick) issues.push(tick);
  }
  const price = resolveLevel(stop, entryPrice, side, 'stop', precision);
  const dir = directionOf(side);
  if (check.currentPrice !== null) {
    // An open position's stop may be moved past the entry (to lock in profit), not past the market.
    if ((check.currentPrice - price) * dir <= 0) {
      issues.push({
        field: 'stopLoss',
        rule: 'would_trigger',
        message: `Stop-loss ${formatNumber(price)} is ${dir > 0 ? 'above' : 'below'} the current price ${formatNumber(check.currentPrice)}: it would close the position at once. Use "close at market" instead.`,
      });
    }
  } else if ((entryPrice - price) * dir <= 0) {
    issues.push({
      field: 'stopLoss',
      rule: 'side',
      message: `Stop-loss ${formatNumber(price)} is not ${dir > 0 ? 'below' : 'above'} the entry price ${formatNumber(entryPrice)}; the stop of a ${side} must be.`,
    });
  }
  return issues;
}
