/**
 * One copy decision, as pure arithmetic: a leader's fill (the new part of it) and the follower's
 * rules, market and position in; "send this rounded amount" or "skip, because …" out. Nothing is
 * ever rounded up: an amount below the follower venue's minimum is skipped and said.
 */
import type { Amount } from '../../../shared/domain/types';
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { clean, floorToStep, formatMoney, formatNumber } from '../exchange/precision';
import { contractSizeRefusal, type MarketRules, type Precision, type Quote } from '../exchange/venue';

export interface CopyInput {
  side: 'buy' | 'sell';
  /**
   * Whether the fill opens (or adds to) a position, sized by the allocation, or closes part of one,
   * sized as the leader's share of its own. Spot: a buy opens, a sale closes (the default). On a
   * perpetual swap a sale may open a short and a buy close it (`copy-perps.ts`).
   */
  action?: 'open' | 'close';
  leaderSymbol: string;
  /** The new part of the leader's fill (base). */
  leaderAmount: number;
  /** The leader's price in the follower market's quote (converted when the quotes differ); null when no rate was known. */
  leaderPrice: number | null;
  /** Why `leaderPrice` is null (the missing rate), and how to say the leader's price in messages ("30000 USDT = 27600 EUR"). */
  leaderPriceMissing?: string;
  leaderPriceText?: string;
  /** Wall-clock time the leader's fill was observed, and now. */
  filledAt: number;
  now: number;
  rules: CopyRules;
  follower: {
    symbol: string;
    market: MarketRules;
    precision: Precision;
    quote: Quote | null;
    /** Base held from this leader's copies on the side a close takes from (less what its unanswered closes may still take). */
    held: number;
    /** Base free on the follower account (a sell never asks for more). */
    free: number | null;
    /** Closed by hand: a leader exit, or a later fill of a leader order opened before the close, is ignored. */
    closedByHand: boolean;
    /** Value at cost of everything this link holds (quote). */
    openCost: number;
  };
  /** The leader's position in this market as the link has seen it, before this fill (base). */
  leaderHeld: number;
  /** Follower equity / leader equity; null when either cannot be valued (equity mode only). */
  equityRatio: number | null;
}

export type CopyDecision =
  | { kind: 'place'; amount: Amount; referencePrice: number; slippagePct: number | null; note: string }
  | { kind: 'skip' | 'ignore'; reason: string; referencePrice: number | null; slippagePct: number | null };

/** The follower market a leader market maps to, or why it is not copied. */
export function followerSymbolOf(rules: CopyRules, leaderSymbol: string): { symbol: string } | { reason: string } {
  if (rules.deny.includes(leaderSymbol)) return { reason: `${leaderSymbol} is on this link's deny list.` };
  if (rules.allow.length > 0 && !rules.allow.includes(leaderSymbol))
    return { reason: `${leaderSymbol} is not on this link's allow list (${rules.allow.join(', ')}).` };
  const mapped = rules.symbolMap.find((entry) => entry.leader === leaderSymbol);
  if (!mapped) return { symbol: leaderSymbol };
  // A link stored before the map was checked never copies one coin as another.
  const wrongCoin = symbolMapCoinError(mapped);
  return wrongCoin ? { reason: `Not copied: ${wrongCoin}` } : { symbol: mapped.follower };
}

const baseOf = (symbol: string) => symbol.split('/')[0]!;

/** Why a market map entry is refused (it would copy one coin as another), or null. */
export function symbolMapCoinError(entry: { leader: string; follower: string }): string | null {
  const leader = baseOf(entry.leader);
  const follower = baseOf(entry.follower);
  return leader === follower
    ? null
    : `${entry.leader} → ${entry.follower} copies ${leader} as ${follower}, another coin; a map may only change the quote currency or the venue's market name of the same coin (e.g. ${entry.leader} → ${leader}/USDC).`;
}

const seconds = (ms: number) => `${formatNumber(ms / 1000, 1)} s`;

/** Positive = the follower's price is worse than the leader's (pays more on a buy, gets less on a sell). */
export function slippagePct(side: 'buy' | 'sell', leaderPrice: number, followerPrice: number): number {
  const diff = side === 'buy' ? followerPrice - leaderPrice : leaderPrice - followerPrice;
  return clean((diff / leaderPrice) * 100);
}

export function decideCopy(input: CopyInput): CopyDecision {
  const { rules, follower, side } = input;
  const closing = (input.action ?? (side === 'sell' ? 'close' : 'open')) === 'close';
  const what = side === 'sell' ? 'sell' : 'buy back';
  const base = follower.market.base;
  const quote = follower.market.quote;
  const skip = (reason: string, referencePrice: number | null = null, slip: number | null = null): CopyDecision => ({
    kind: 'skip',
    reason,
    referencePrice,
    slippagePct: slip,
  });
  // A market counting amounts in contracts of another size would make the copy that many times off.
  const contracts = contractSizeRefusal(follower.market);
  if (contracts !== null) return skip(`Not copied to ${follower.symbol}: ${contracts}`);
  const age = input.now - input.filledAt;
  if (rules.maxSignalAgeMs !== null && age > rules.maxSignalAgeMs)
    return skip(`Late: ${seconds(age)} after the leader's fill, past the limit of ${seconds(rules.maxSignalAgeMs)}.`);
  if (follower.closedByHand)
    return {
      kind: 'ignore',
      reason: closing
        ? `You closed the copied ${follower.symbol} position by hand; the leader's exit is ignored.`
        : `You closed the copied ${follower.symbol} position by hand; the rest of a leader order opened before that is not copied.`,
      referencePrice: null,
      slippagePct: null,
    };
  if (closing) {
    if (follower.held <= 0)
      return {
        kind: 'ignore',
        reason: `No copied ${follower.symbol} position to ${what} (the leader ${side === 'sell' ? 'sells' : 'buys back'} what this link did not copy).`,
        referencePrice: null,
        slippagePct: null,
      };
  }
  const q = follower.quote;
  const reference = q === null ? null : side === 'buy' ? (q.ask ?? q.last) : (q.bid ?? q.last);
  if (reference === null || !(reference > 0)) return skip(`No price for ${follower.symbol} on the follower account; nothing was sent.`);
  const notes: string[] = [];
  // An exit goes even when the leader's price cannot be converted: holding on is not safer than an unchecked price.
  if (input.leaderPrice === null && rules.maxSlippagePct !== null && closing)
    notes.push(`slippage could not be checked: ${input.leaderPriceMissing ?? "the leader's price is not known in the follower's quote"}`);
  else if (input.leaderPrice === null && rules.maxSlippagePct !== null)
    return skip(
      `Slippage cannot be checked: ${input.leaderPriceMissing ?? "the leader's price is not known in the follower's quote"}; nothing was sent rather than guessing.`,
      reference,
    );
  const slip = input.leaderPrice === null ? null : slippagePct(side, input.leaderPrice, reference);
  if (rules.maxSlippagePct !== null && slip !== null && slip > rules.maxSlippagePct)
    return skip(
      `Slippage: ${formatNumber(reference)} ${quote} is ${formatNumber(slip, 2)} % worse than the leader's ${input.leaderPriceText ?? formatNumber(input.leaderPrice!)} (limit ${formatNumber(rules.maxSlippagePct)} %).`,
      reference,
      slip,
    );
  let amount: number;
  if (closing) {
    // The same share of the copied position as the leader sold of its own (all of it when the leader's position is unknown or closed).
    const share = input.leaderHeld > 0 ? Math.min(1, input.leaderAmount / input.leaderHeld) : 1;
    amount = share >= 1 - 1e-9 ? follower.held : follower.held * share;
    // Following an exit never leaves a remainder the venue would refuse to sell later: then all of it goes.
    const rest = follower.held - amount;
    const market = follower.market;
    if (
      rest > 0 &&
      ((market.minAmount !== null && rest < market.minAmount) || (market.minCost !== null && rest * reference < market.minCost))
    )
      amount = follower.held;
    if (follower.free !== null && amount > follower.free) {
      amount = follower.free;
      notes.push(`cut to the ${formatNumber(follower.free)} ${base} free`);
    }
  } else if (rules.allocation.mode === 'ratio') {
    amount = input.leaderAmount * rules.allocation.ratio;
  } else if (rules.allocation.mode === 'equity') {
    if (input.equityRatio === null || !(input.equityRatio > 0))
      return skip('Equity mode: the leader or follower account cannot be valued right now, so no size can be worked out.', reference, slip);
    amount = input.leaderAmount * input.equityRatio;
  } else {
    amount = rules.allocation.amount / reference;
  }
  if (rules.maxPerTrade !== null && amount * reference > rules.maxPerTrade) {
    amount = rules.maxPerTrade / reference;
    notes.push(`cut to the max per trade of ${formatMoney(rules.maxPerTrade, quote)} ${quote}`);
  }
  if (!closing && rules.maxTotal !== null) {
    const room = clean(rules.maxTotal - follower.openCost);
    if (room <= 0)
      return skip(
        `Max total allocation reached: ${formatMoney(follower.openCost, quote)} of ${formatMoney(rules.maxTotal, quote)} ${quote} already copied.`,
        reference,
        slip,
      );
    if (amount * reference > room) {
      amount = room / reference;
      notes.push(`cut to the ${formatMoney(room, quote)} ${quote} left of the max total allocation`);
    }
  }
  const rounded = follower.precision.amount(floorToStep(amount, follower.market.amountStep));
  const market = follower.market;
  if (!(rounded > 0) || (market.minAmount !== null && rounded < market.minAmount))
    return skip(
      `Below the minimum: ${formatNumber(amount, 12)} ${base} rounds down to ${formatNumber(rounded)}, under the venue's minimum of ${formatNumber(market.minAmount ?? market.amountStep ?? 0)} ${base}; not rounded up.`,
      reference,
      slip,
    );
  if (market.minCost !== null && rounded * reference < market.minCost)
    return skip(
      `Below the minimum: ${formatNumber(rounded)} ${base} is worth ${formatMoney(rounded * reference, quote)} ${quote}, under the venue's minimum order value of ${formatNumber(market.minCost)} ${quote}; not rounded up.`,
      reference,
      slip,
    );
  return { kind: 'place', amount: rounded, referencePrice: reference, slippagePct: slip, note: notes.join('; ') };
}
