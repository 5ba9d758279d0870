/**
 * What a two-leg trade is, read back from the order ledger (its legs are ordinary ledger orders
 * with `originId` = the trade id and `originRole` spread:buy / spread:sell / spread:unwind): each
 * leg's state and fills, a sentence per venue, the unmatched amount an unwind would close and the
 * realised spread over the matched amount.
 */
import type { OrderStatus } from '../../../shared/ipc/schemas/orders';
import type { LegRole, LegView, SpreadTradeView } from '../../../shared/ipc/schemas/spread';
import { formatNumber } from '../exchange/precision';
import type { OrderRow } from '../orders/orders-repo';
import type { TradeView } from '../../../shared/ipc/schemas/orders';

export const SPREAD_ROLE_PREFIX = 'spread:';
export const legRole = (role: LegRole) => `${SPREAD_ROLE_PREFIX}${role}`;

const SENDING: readonly OrderStatus[] = ['intent', 'unknown'];
const OPEN: readonly OrderStatus[] = ['open', 'partially_filled'];

export interface LegAccount {
  label: string;
  exchangeName: string;
}

function splitSymbol(symbol: string): { base: string; quote: string } {
  const [base = symbol, quote = ''] = symbol.split('/');
  return { base, quote };
}

export function legView(row: OrderRow, fills: readonly TradeView[], account: LegAccount): LegView {
  const { base, quote } = splitSymbol(row.symbol);
  let feeQuote = 0;
  let feeBase = 0;
  const other = new Map<string, number>();
  for (const fill of fills) {
    if (fill.fee <= 0 || fill.feeAsset === null) continue;
    if (fill.feeAsset === quote) feeQuote += fill.fee;
    else if (fill.feeAsset === base) {
      feeQuote += fill.fee * fill.price;
      feeBase += fill.fee;
    } else other.set(fill.feeAsset, (other.get(fill.feeAsset) ?? 0) + fill.fee);
  }
  const role = (row.originRole ?? '').slice(SPREAD_ROLE_PREFIX.length) as LegRole;
  return {
    role,
    accountId: row.accountId,
    accountLabel: account.label,
    exchangeName: account.exchangeName,
    clientOrderId: row.clientOrderId,
    symbol: row.symbol,
    side: row.side,
    status: row.status,
    amount: row.amount,
    filled: row.filled,
    averagePrice: row.averagePrice,
    cost: row.cost,
    feeQuote,
    feeBase,
    fillsRecorded: fills.reduce((sum, f) => sum + f.amount, 0) >= row.filled * (1 - 1e-9),
    otherFees: [...other].map(([asset, amount]) => ({ asset, amount })),
    error: row.error,
  };
}

function describeLeg(leg: LegView): string {
  const { base } = splitSymbol(leg.symbol);
  const who = `${leg.accountLabel} (${leg.exchangeName}), ${leg.role === 'unwind' ? 'unwind ' : ''}${leg.side} ${formatNumber(leg.amount)} ${leg.symbol}`;
  const filled = leg.filled > 0 ? `${formatNumber(leg.filled)} ${base} filled at ${formatNumber(leg.averagePrice ?? 0)}` : 'nothing filled';
  if (SENDING.includes(leg.status))
    return `${who}: being sent; its outcome is looked up by client id ${leg.clientOrderId} (it is never sent twice).`;
  if (OPEN.includes(leg.status))
    return `${who}: open on ${leg.exchangeName} — ${filled}, ${formatNumber(leg.amount - leg.filled)} ${base} still on the book.`;
  if (leg.status === 'filled') return `${who}: filled — ${filled}.`;
  const why = leg.error ? ` (${leg.error})` : '';
  const verb = leg.status === 'rejected' || leg.status === 'failed' ? 'refused' : leg.status;
  return `${who}: ${verb}${why} — ${filled}.`;
}

export function tradeView(id: string, rows: readonly OrderRow[], legs: readonly LegView[]): SpreadTradeView {
  const createdAt = Math.min(...rows.map((r) => r.createdAt));
  // The base position the trade holds: bought minus sold over every leg (the unwind included).
  let position = 0;
  for (const leg of legs) position += leg.side === 'buy' ? leg.filled : -leg.filled;
  const buy = legs.find((l) => l.role === 'buy');
  const sell = legs.find((l) => l.role === 'sell');
  const unwinds = legs.filter((l) => l.role === 'unwind');
  const size = Math.max(buy?.amount ?? 0, sell?.amount ?? 0);
  // A surplus bought is what arrived: the fee a venue took in the base asset never did, so it is not a surplus.
  const baseFees = legs.filter((l) => l.side === 'buy').reduce((sum, l) => sum + l.feeBase, 0);
  const surplus = position > 0 ? position - baseFees : -position;
  const balanced = surplus <= size * 1e-9;
  const sending = legs.some((l) => SENDING.includes(l.status));
  const open = legs.some((l) => OPEN.includes(l.status));

  let unwind: SpreadTradeView['unwind'] = null;
  if (!balanced && buy && sell) {
    // Surplus bought: sell it where it was bought. Surplus sold: buy it back where it was sold.
    const leg = position > 0 ? buy : sell;
    unwind = {
      accountId: leg.accountId,
      accountLabel: leg.accountLabel,
      symbol: leg.symbol,
      side: position > 0 ? 'sell' : 'buy',
      amount: surplus,
    };
  }

  let realised: SpreadTradeView['realised'] = null;
  if (buy && sell && buy.filled > 0 && sell.filled > 0) {
    const matched = Math.min(buy.filled, sell.filled);
    const buyCost = (buy.cost / buy.filled) * matched;
    const sellProceeds = (sell.cost / sell.filled) * matched;
    const fees = buy.feeQuote * (matched / buy.filled) + sell.feeQuote * (matched / sell.filled);
    const net = sellProceeds - buyCost - fees;
    const final = buy.fillsRecorded && sell.fillsRecorded;
    realised = { amount: matched, buyCost, sellProceeds, fees, net, netPct: buyCost > 0 ? (net / buyCost) * 100 : 0, final };
  }

  const anyFilled = legs.some((l) => l.filled > 0);
  const unwindWorking = unwinds.some((l) => SENDING.includes(l.status) || OPEN.includes(l.status));
  const state: SpreadTradeView['state'] = unwindWorking
    ? 'unwinding'
    : sending
      ? 'sending'
      : open
        ? 'open'
        : !balanced
          ? 'unbalanced'
          : unwinds.some((l) => l.filled > 0)
            ? 'unwound'
            : anyFilled
              ? 'complete'
              : 'failed';
  return { id, createdAt, legs: [...legs], state, summary: legs.map(describeLeg), unwind, realised };
}
