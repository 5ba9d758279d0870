/**
 * Sizing and checking a two-leg trade before anything is sent: the amount rounded down to both
 * venues' steps (never up past what was asked), each leg's minimum amount and cost, the quote
 * asset free on the buy account and the base asset free on the sell account. Every problem is an
 * issue naming its leg and the numbers, so the person knows which side to fix.
 */
import type { LegPlan, SpreadPreferences, TwoLegInput, TwoLegPreview } from '../../../shared/ipc/schemas/spread';
import { formatNumber } from '../exchange/precision';
import type { TicketInputs } from '../trading/ticket-service';
import { quoteGroup, sizeForBoth } from './spread-math';

type Issue = TwoLegPreview['issues'][number];

export interface TwoLegPlan extends TwoLegPreview {
  buyInputs: TicketInputs;
  sellInputs: TicketInputs;
}

const pct = (fraction: number) => `${formatNumber(fraction * 100, 4)} %`;

function legName(inputs: TicketInputs, side: 'buy' | 'sell'): string {
  return `${side === 'buy' ? 'Buy' : 'Sell'} leg on "${inputs.account.label}" (${inputs.venue.exchangeName})`;
}

/** The issues a leg's minimums raise for `amount` at `price`. */
function minimumIssues(side: 'buy' | 'sell', inputs: TicketInputs, amount: number, price: number | null): Issue[] {
  const { rules } = inputs;
  const issues: Issue[] = [];
  if (rules.minAmount !== null && amount < rules.minAmount) {
    issues.push({
      leg: side,
      message: `${legName(inputs, side)}: ${formatNumber(amount)} ${rules.base} is below the minimum order of ${formatNumber(rules.minAmount)} ${rules.base} on ${inputs.venue.exchangeName}.`,
    });
  }
  if (rules.minCost !== null && price !== null && amount * price < rules.minCost) {
    issues.push({
      leg: side,
      message: `${legName(inputs, side)}: the order is worth ${formatNumber(amount * price, 8)} ${rules.quote}, below the minimum order value of ${formatNumber(rules.minCost)} ${rules.quote} on ${inputs.venue.exchangeName}.`,
    });
  }
  return issues;
}

export function planTwoLegs(
  input: TwoLegInput,
  buy: TicketInputs,
  sell: TicketInputs,
  preferences: SpreadPreferences,
  blocked: (inputs: TicketInputs) => string | null,
): TwoLegPlan {
  const issues: Issue[] = [];
  if (buy.account.id === sell.account.id)
    issues.push({ leg: 'both', message: 'Both legs are on the same account; pick two different accounts.' });
  if (buy.rules.base !== sell.rules.base)
    issues.push({
      leg: 'both',
      message: `The legs trade different assets (${buy.rules.base} and ${sell.rules.base}); both must buy and sell the same base asset.`,
    });
  if (quoteGroup(buy.rules.quote, preferences.stableQuotesComparable) !== quoteGroup(sell.rules.quote, preferences.stableQuotesComparable))
    issues.push({
      leg: 'both',
      message: preferences.stableQuotesComparable
        ? `${buy.rules.quote} and ${sell.rules.quote} are not comparable quotes.`
        : `The legs are quoted in ${buy.rules.quote} and ${sell.rules.quote}; allow USD stablecoin quotes to be compared in the spread monitor, or pick markets with the same quote.`,
    });
  for (const [side, inputs] of [
    ['buy', buy],
    ['sell', sell],
  ] as const) {
    const reason = blocked(inputs);
    if (reason) issues.push({ leg: side, message: `${legName(inputs, side)}: ${reason}` });
  }

  const amount = sizeForBoth(input.amount, buy.precision, sell.precision);
  if (amount === null) {
    issues.push({
      leg: 'both',
      message: `${formatNumber(input.amount)} ${buy.rules.base} rounds down to nothing on the two venues (amount steps ${formatNumber(buy.rules.amountStep ?? 0)} on ${buy.venue.exchangeName} and ${formatNumber(sell.rules.amountStep ?? 0)} on ${sell.venue.exchangeName}); enter a larger amount.`,
    });
  }
  const ask = buy.quote?.ask ?? null;
  const bid = sell.quote?.bid ?? null;
  if (ask === null)
    issues.push({
      leg: 'buy',
      message: `${legName(buy, 'buy')}: ${buy.venue.exchangeName} quotes no ask for ${buy.rules.symbol} right now.`,
    });
  if (bid === null)
    issues.push({
      leg: 'sell',
      message: `${legName(sell, 'sell')}: ${sell.venue.exchangeName} quotes no bid for ${sell.rules.symbol} right now.`,
    });

  let buyPlan: LegPlan | null = null;
  let sellPlan: LegPlan | null = null;
  let expectedNet: number | null = null;
  let expectedNetPct: number | null = null;
  if (amount !== null) {
    issues.push(...minimumIssues('buy', buy, amount, ask), ...minimumIssues('sell', sell, amount, bid));
    const buyCost = ask !== null ? amount * ask : null;
    const buyFee = buyCost !== null ? buyCost * buy.rules.takerFee : null;
    // The buy is a limit at the ask, so it never costs more than this; its fee is counted too, whichever asset it is charged in.
    const needed = buyCost !== null && buyFee !== null ? buyCost + buyFee : null;
    if (needed !== null && buy.freeQuote < needed) {
      issues.push({
        leg: 'buy',
        message: `${legName(buy, 'buy')}: needs about ${formatNumber(needed, 8)} ${buy.rules.quote} (${formatNumber(amount)} ${buy.rules.base} at the ask ${formatNumber(ask ?? 0)}, plus the ${pct(buy.rules.takerFee)} taker fee); ${formatNumber(buy.freeQuote, 8)} ${buy.rules.quote} is free.`,
      });
    }
    if (sell.freeBase < amount) {
      issues.push({
        leg: 'sell',
        message: `${legName(sell, 'sell')}: needs ${formatNumber(amount)} ${sell.rules.base}; ${formatNumber(sell.freeBase)} ${sell.rules.base} is free.`,
      });
    }
    const sellProceeds = bid !== null ? amount * bid : null;
    const sellFee = sellProceeds !== null ? sellProceeds * sell.rules.takerFee : null;
    buyPlan = {
      role: 'buy',
      accountId: buy.account.id,
      accountLabel: buy.account.label,
      exchangeName: buy.venue.exchangeName,
      symbol: buy.rules.symbol,
      side: 'buy',
      amount,
      price: ask,
      cost: buyCost,
      fee: buyFee,
      feeAssumed: buy.rules.feeAssumed === true,
      spends: buy.rules.quote,
      free: buy.freeQuote,
      needed,
    };
    sellPlan = {
      role: 'sell',
      accountId: sell.account.id,
      accountLabel: sell.account.label,
      exchangeName: sell.venue.exchangeName,
      symbol: sell.rules.symbol,
      side: 'sell',
      amount,
      price: bid,
      cost: sellProceeds,
      fee: sellFee,
      feeAssumed: sell.rules.feeAssumed === true,
      spends: sell.rules.base,
      free: sell.freeBase,
      needed: amount,
    };
    if (buyCost !== null && buyFee !== null && sellProceeds !== null && sellFee !== null) {
      expectedNet = sellProceeds - sellFee - buyCost - buyFee;
      expectedNetPct = (expectedNet / (buyCost + buyFee)) * 100;
    }
  }
  return {
    valid: issues.length === 0,
    issues,
    amount,
    buy: buyPlan,
    sell: sellPlan,
    expectedNet,
    expectedNetPct,
    requiresConfirmation: buy.requiresConfirmation || sell.requiresConfirmation,
    buyInputs: buy,
    sellInputs: sell,
  };
}
