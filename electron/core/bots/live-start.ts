/** What a live start needs before anything is sent: trading rights, the caller's confirmation and the host's own. */
import { TradewindError } from '../../../shared/ipc/errors';
import { formatMoney } from '../exchange/precision';
import type { BotCatalogue } from './bot-catalogue';
import type { BotContext } from './bot-context';
import type { BotRecord } from './bots-repo';

// A perpetual (BTC/USDT:USDT) is quoted in what comes before its settle suffix.
const quoteOf = (symbol: string) => (symbol.split(':')[0] ?? symbol).split('/')[1] ?? '';

/**
 * `confirmed` is the caller's request (the renderer showed account, market and capital); a live
 * start also needs the host's trusted confirmation (`confirmationCode` on the headless host).
 */
export async function confirmLiveStart(
  ctx: BotContext,
  catalogue: BotCatalogue,
  record: BotRecord,
  confirmed?: boolean,
  confirmationCode?: string,
): Promise<void> {
  ctx.deps.accountService.assertCanTrade(record.accountId);
  const account = ctx.deps.accounts.get(record.accountId);
  const { capitalRequired } = await catalogue.validate(catalogue.inputOf(record));
  const capital =
    capitalRequired === null ? '' : ` with up to ${formatMoney(capitalRequired, quoteOf(record.symbol))} ${quoteOf(record.symbol)}`;
  const what = `"${record.name}" sends real orders on "${account?.label ?? record.accountId}" (${record.symbol})${capital}`;
  if (confirmed !== true) {
    throw new TradewindError(
      'invalid_input',
      `Starting ${what}: confirm the account, the market and the capital, then start it with confirmed: true.`,
    );
  }
  const request = {
    action: 'bot.live_start' as const,
    accountId: record.accountId,
    title: `Start the live bot "${record.name}"`,
    detail: what,
    // The capital in `what` moves with the price: a confirmation is bound to the bot and its settings instead.
    subject: JSON.stringify([record.id, record.name, record.symbol, record.config, record.risk]),
  };
  if (!ctx.deps.trust)
    throw new TradewindError(
      'confirmation_denied',
      `${request.title} needs the host's own confirmation, and this host has none: it was not started.`,
    );
  await ctx.deps.trust.require(request, confirmationCode);
}
