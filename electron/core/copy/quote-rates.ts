/**
 * Money of several quote currencies on one copy link (BTC/USDT on the leader copied as BTC/EUR on
 * the follower): conversions at the rate core values balances with (the portfolio's price layers
 * for the follower account: its venue, the other connected venues, the reference prices). A
 * missing rate is never guessed: whatever needs it is skipped or unknown, naming the rate.
 */
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { formatMoney, formatNumber } from '../exchange/precision';

/** One unit of `from` is worth `rate` units of `to`; `source` names the prices that said so. */
export interface QuoteRate {
  from: string;
  to: string;
  rate: number;
  source: string;
}

/** A rate between two currencies for one follower account, or null when no price route is known. */
export type RateLookup = (from: string, to: string) => QuoteRate | null;

/** Currencies the link's totals fall back to once its copies span several quotes and the rules name none (what core values equity in). */
export const FALLBACK_VALUATION_CURRENCY = 'USD';

/** The quote currency of a market symbol (`ETH/BTC` → BTC, `BTC/USDT:USDT` → USDT). */
export function quoteOf(symbol: string): string {
  return (symbol.split('/')[1] ?? symbol).split(':')[0]!;
}

/** `from` → `to`: 1 for the same currency (no lookup), else the lookup's rate, or null. */
export function rateBetween(from: string, to: string, lookup: RateLookup): QuoteRate | null {
  if (from === to) return { from, to, rate: 1, source: 'same currency' };
  const found = lookup(from, to);
  return found && Number.isFinite(found.rate) && found.rate > 0 ? found : null;
}

/** What a skip or an unknown total says about a missing rate. */
export function missingRate(from: string, to: string): string {
  return `no ${from}→${to} rate is known (no ${from}/${to} or ${to}/${from} price, directly or through another currency, on the follower's venue, the other connected venues or the reference prices)`;
}

/** "1 USDT = 0.92 EUR (Kraken)" for the copy log. */
export function describeRate(rate: QuoteRate): string {
  return `1 ${rate.from} = ${formatNumber(rate.rate, 8)} ${rate.to} (${rate.source})`;
}

/**
 * The currency a link's amounts (fixed amount per trade, max per trade, max total, loss limit) are
 * in for an order in `followerQuote`: the rules' own currency when set, else that market's quote.
 */
export function perOrderCurrency(rules: CopyRules, followerQuote: string): string {
  return rules.currency ?? followerQuote;
}

/**
 * The currency a link's totals (max total at cost, loss limit, PnL) are summed in over copies in
 * `quotes`: the rules' own currency when set; else the one quote they share; else USD.
 */
export function totalsCurrency(rules: Pick<CopyRules, 'currency'>, quotes: Iterable<string>): string {
  if (rules.currency) return rules.currency;
  const set = new Set(quotes);
  return set.size === 1 ? [...set][0]! : FALLBACK_VALUATION_CURRENCY;
}

export type ConvertedSum = { kind: 'known'; total: number; currency: string } | { kind: 'unknown'; reason: string };

/** Adds amounts of several currencies into `currency`; unknown, naming each missing rate, when any is missing. */
export function sumIn(amounts: Iterable<{ amount: number; currency: string }>, currency: string, lookup: RateLookup): ConvertedSum {
  let total = 0;
  const missing = new Set<string>();
  const rates = new Map<string, QuoteRate | null>();
  for (const { amount, currency: from } of amounts) {
    if (amount === 0) continue;
    if (!rates.has(from)) rates.set(from, rateBetween(from, currency, lookup));
    const rate = rates.get(from)!;
    if (rate === null) missing.add(from);
    else total += amount * rate.rate;
  }
  if (missing.size > 0) return { kind: 'unknown', reason: [...missing].map((from) => missingRate(from, currency)).join('; ') };
  return { kind: 'known', total, currency };
}

/** The money rules of a link in the follower market's quote, and what the conversion was (for the log). */
export interface RulesInQuote {
  rules: CopyRules;
  /** "amounts in USD at 1 USD = 0.92 EUR (…)" when converted; null when the rules were already in this quote. */
  note: string | null;
}

/**
 * A link's money rules converted into the follower market's quote for one order, or why they
 * cannot be (a rate is missing): the fixed amount and max per trade from `perOrderCurrency`, the
 * max total from `totals` (the currency the link's copies are summed in). Nothing to convert →
 * the rules as they are (a ratio link without caps needs no rate).
 */
export function rulesInQuote(
  rules: CopyRules,
  followerQuote: string,
  totals: string,
  lookup: RateLookup,
  /** The fill only reduces what the link holds: sized by the leader's share, so only the max per trade applies, and a missing rate never blocks it. */
  exit = false,
): RulesInQuote | { reason: string } {
  const perOrder = perOrderCurrency(rules, followerQuote);
  const needs: Array<[string, number, 'amount' | 'perTrade' | 'total']> = [];
  if (rules.allocation.mode === 'quote' && !exit) needs.push([perOrder, rules.allocation.amount, 'amount']);
  if (rules.maxPerTrade !== null) needs.push([perOrder, rules.maxPerTrade, 'perTrade']);
  if (rules.maxTotal !== null && !exit) needs.push([totals, rules.maxTotal, 'total']);
  const converted = needs.filter(([from]) => from !== followerQuote);
  if (converted.length === 0) return { rules, note: null };
  const out: CopyRules = { ...rules };
  const named: string[] = [];
  const used = new Map<string, QuoteRate>();
  for (const [from, value, which] of converted) {
    const rate = rateBetween(from, followerQuote, lookup);
    if (rate === null && exit) {
      // Leaving a position is never held back by a cap that cannot be priced: the exit goes, and says so.
      out.maxPerTrade = null;
      return {
        rules: out,
        note: `max ${formatMoney(value, from)} ${from} per trade not applied to this exit: ${missingRate(from, followerQuote)}`,
      };
    }
    if (rate === null)
      return {
        reason: `This link's amounts are in ${from} and the follower's market is quoted in ${followerQuote}, but ${missingRate(from, followerQuote)}; nothing was sent.`,
      };
    used.set(from, rate);
    const inQuote = value * rate.rate;
    if (which === 'amount') {
      out.allocation = { mode: 'quote', amount: inQuote };
      named.push(`${formatMoney(value, from)} ${from} per trade`);
    } else if (which === 'perTrade') {
      out.maxPerTrade = inQuote;
      named.push(`max ${formatMoney(value, from)} ${from} per trade`);
    } else {
      out.maxTotal = inQuote;
      named.push(`max total ${formatMoney(value, from)} ${from}`);
    }
  }
  return { rules: out, note: `${named.join(', ')} at ${[...used.values()].map(describeRate).join(', ')}` };
}
