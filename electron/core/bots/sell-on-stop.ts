/**
 * What happens to the coins a stopped DCA or grid bot still holds: kept, or sold at market through
 * the ledger (so the sale is recorded, reconciled and counted in the run's PnL like any bot order).
 * A remainder below the market's minimum cannot be sold and is said, not attempted.
 */
import { TradewindError } from '../../../shared/ipc/errors';
import { formatMoney, formatNumber } from '../exchange/precision';
import type { BotContext } from './bot-context';

export type StopHoldings = 'keep' | 'sell';

/** The role of the closing sale within the run (the run prefix is added). */
export const STOP_SELL_ROLE = 'stop-sell';

/** Sells (or keeps) the run's holdings after a stop; returns the sentence the event log and the toast show. */
export async function settleHoldings(ctx: BotContext, id: string, holdings: StopHoldings): Promise<string> {
  const step = await ctx.step(id);
  const { base, quote } = step.rules;
  const held = step.position().amount;
  if (!(held > 0)) return `It held no ${base}: nothing to keep or sell.`;
  if (holdings === 'keep') return `Kept the ${formatNumber(held)} ${base} it holds.`;
  // An order whose cancel did not go through may still fill and sell the same coins: selling them
  // at market as well could sell more than the bot holds (on a live account, the person's own coins).
  const working = ctx.workingOrders(id).length;
  if (working > 0)
    return `Kept ${formatNumber(held)} ${base}: ${working} of its orders could not be cancelled and may still fill, so nothing was sold twice. Sell what is left from the order ticket once they are gone.`;
  const price = await step.price();
  const amount = step.precision.amount(held);
  if (price === null) return `Kept ${formatNumber(held)} ${base}: there is no price to sell at right now; sell it from the order ticket.`;
  if (step.isDust(held, price)) {
    const minimum = [
      step.rules.minAmount !== null ? `${formatNumber(step.rules.minAmount)} ${base}` : null,
      step.rules.minCost !== null ? `${formatNumber(step.rules.minCost)} ${quote}` : null,
    ].filter(Boolean);
    return `Kept ${formatNumber(held)} ${base}: below the market's minimum order${minimum.length ? ` (${minimum.join(', ')})` : ''}, so it cannot be sold.`;
  }
  try {
    const row = await ctx.deps.orders.submit({
      accountId: step.bot.accountId,
      symbol: step.bot.symbol,
      side: 'sell',
      type: 'market',
      amount,
      price: null,
      stopPrice: null,
      origin: 'bot',
      originId: id,
      originRole: step.prefix + STOP_SELL_ROLE,
    });
    const rest = held - amount > 0 ? ` ${formatNumber(held - amount)} ${base} below the amount step stays.` : '';
    if (row.filled > 0) {
      const at = row.averagePrice !== null ? ` at ${formatNumber(row.averagePrice)}` : '';
      return `Sold ${formatNumber(row.filled)} ${base} at market${at} (${formatMoney(row.cost, quote)} ${quote}).${rest}`;
    }
    return `Sell order for ${formatNumber(amount)} ${base} at market sent (${row.status.replace('_', ' ')}).${rest}`;
  } catch (error) {
    const reason = error instanceof TradewindError || error instanceof Error ? error.message : String(error);
    return `Kept ${formatNumber(held)} ${base}: the sale was refused: ${reason}`;
  }
}
