/** The DCA bot as a registered kind: deals opened at once or on a strategy's entry signal. */
import type { DcaConfig } from '../../../../../shared/ipc/schemas/bots';
import { clean, formatNumber } from '../../../exchange/precision';
import { DEFAULT_LIFECYCLE, type BotKind } from '../bot-kind';
import { dcaDealsView, dcaLevelsView, initDca, openDeal, stepDca } from './dca-bot';
import { checkDca, dealCapital, safetyOrders } from './dca-math';
import type { DcaState } from './dca-state';

export const dcaKind: BotKind<DcaConfig, DcaState> = {
  id: 'dca',
  validate: async (ctx) => {
    const { config } = ctx;
    for (const issue of checkDca(config, ctx.price, ctx.rules)) ctx.issue(issue.severity, issue.field, issue.message);
    if (config.strategyId !== null && config.start === 'signal') await ctx.checkStrategy(config.strategyId, 'config.strategyId');
    return {
      capital: clean(dealCapital(config) * config.maxActiveDeals),
      ordersNeeded: (safetyOrders(config).length + 1) * config.maxActiveDeals,
    };
  },
  initialState: async () => initDca(),
  signalStrategy: (config) => (config.start === 'signal' ? config.strategyId : null),
  onBar: (step, bar) => {
    if (bar.signal.enter >= 0) openDeal(step, step.state<DcaState>(), `Entry signal at the close ${formatNumber(bar.candle[4])}`);
  },
  step: stepDca,
  // Each deal is its own position: its take-profit sells only what the deal bought.
  positionKey: (role) => /^d(\d+):/.exec(role)?.[1] ?? '',
  views: { levels: dcaLevelsView, deals: dcaDealsView },
  lifecycle: { ...DEFAULT_LIFECYCLE, sellOnStop: true },
};
