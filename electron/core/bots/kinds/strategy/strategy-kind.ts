/** The strategy bot as a registered kind: a saved graph evaluated on each closed candle. */
import type { StrategyBotConfig } from '../../../../../shared/ipc/schemas/bots';
import { formatMoney, formatNumber } from '../../../exchange/precision';
import { DEFAULT_LIFECYCLE, type BotKind } from '../bot-kind';
import { initStrategy, onStrategyBar, stepStrategy } from './strategy-bot';
import type { StrategyState } from './strategy-state';

export const strategyKind: BotKind<StrategyBotConfig, StrategyState> = {
  id: 'strategy',
  validate: async (ctx) => {
    const { config, rules } = ctx;
    ctx.checkStrategy(config.strategyId, 'config.strategyId');
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
