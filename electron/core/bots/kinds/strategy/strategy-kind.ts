/** The strategy bot as a registered kind: a saved graph evaluated on each closed candle. */
import type { StrategyBotConfig } from '../../../../../shared/ipc/schemas/bots';
import { formatMoney, formatNumber } from '../../../exchange/precision';
import { DEFAULT_LIFECYCLE, type BotKind } from '../bot-kind';
import { initStrategy, onStrategyBar, stepStrategy } from './strategy-bot';
import type { StrategyState } from './strategy-state';
import { unsupportedOrderBlocks } from './bot-order-support';
import type { ValidationDeps } from '../../bot-validation';

/** The saved graph, or null when it is missing (`checkStrategy` has said so). */
function savedGraph(deps: ValidationDeps, strategyId: string) {
  try {
    return deps.graph(strategyId).graph;
  } catch {
    return null;
  }
}

export const strategyKind: BotKind<StrategyBotConfig, StrategyState> = {
  id: 'strategy',
  validate: async (ctx) => {
    const { config, rules } = ctx;
    await ctx.checkStrategy(config.strategyId, 'config.strategyId');
    const saved = savedGraph(ctx.deps, config.strategyId);
    if (saved !== null) {
      const where = { venue: ctx.venue.exchangeName, account: ctx.account.label, marketType: ctx.rules.marketType };
      for (const problem of unsupportedOrderBlocks(saved, where)) ctx.issue('error', 'config.strategyId', problem);
    }
    if (rules.minCost !== null && config.capital < rules.minCost) {
      ctx.issue(
        'error',
        'config.capital',
        `The capital ${formatMoney(config.capital, rules.quote)} ${rules.quote} is below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`,
      );
    }
    return { capital: config.capital, ordersNeeded: 1 };
  },
  initialState: async () => initStrategy(),
  signalStrategy: (config) => config.strategyId,
  onBar: (step, bar) => onStrategyBar(step, bar.signal, bar.candle[4]),
  step: stepStrategy,
  lifecycle: DEFAULT_LIFECYCLE,
};
