/**
 * The rebalance bot as a registered kind: index following on one account. Its settings check
 * makes sure every basket asset trades against the quote on the account's venue; it acts on
 * prices and fills (no candles), and trades coins the account held before it started (within its
 * capital cap: see `takeOver`).
 */
import { TradewindError } from '../../../../../shared/ipc/errors';
import type { RebalanceConfig } from '../../../../../shared/ipc/schemas/rebalance';
import type { BotKind } from '../bot-kind';
import { initRebalanceBot, stepRebalanceBot } from './rebalance-bot';
import type { RebalanceState } from './rebalance-state';

export const rebalanceKind: BotKind<RebalanceConfig, RebalanceState> = {
  id: 'rebalance',
  validate: async (ctx) => {
    const { config, input, rules, account, deps } = ctx;
    const coins = config.basket.filter((e) => e.asset !== config.quote);
    if (rules.quote !== config.quote || !coins.some((e) => e.asset === rules.base)) {
      ctx.issue(
        'error',
        'symbol',
        `The bot's market must be one of its basket's ${config.quote} markets (e.g. ${coins[0]?.asset ?? 'BTC'}/${config.quote}), not ${input.symbol}.`,
      );
    }
    const missing: string[] = [];
    await Promise.all(
      coins.map(async (e) => {
        try {
          await deps.market(account.id, `${e.asset}/${config.quote}`);
        } catch (error) {
          if (error instanceof TradewindError && error.code === 'not_found') missing.push(`${e.asset}/${config.quote}`);
          else throw error;
        }
      }),
    );
    if (missing.length > 0) {
      ctx.issue(
        'error',
        'config.basket',
        `${ctx.venue.exchangeName} has no ${missing.sort().join(', ')} market${missing.length > 1 ? 's' : ''}; remove ${missing.length > 1 ? 'those assets' : 'that asset'} from the basket or pick another quote.`,
      );
    }
    if (input.risk.maxDailyLoss !== null) {
      ctx.issue(
        'warning',
        'risk.maxDailyLoss',
        'A rebalance bot holds the basket rather than a position of its own: the max daily loss is not applied to it.',
      );
    }
    // The cap bounds the value the bot starts managing: coins and cash beyond it stay untouched.
    return { capital: null, ordersNeeded: coins.length };
  },
  initialState: initRebalanceBot,
  signalStrategy: () => null,
  step: stepRebalanceBot,
  // Market orders only: a stop has nothing resting to cancel, and the basket stays as it is.
  lifecycle: { stop: 'cancel_orders', revoke: 'pause' },
  accountHoldings: true,
};
