/** The DCA bot as a registered kind: deals opened at once or on a strategy's entry signal. */
import type { DcaConfig } from '../../../../../shared/ipc/schemas/bots';
import { clean, formatNumber } from '../../../exchange/precision';
import { DEFAULT_LIFECYCLE, type BotKind, type KindCheckContext } from '../bot-kind';
import type { ValidationDeps } from '../../bot-validation';
import type { StrategyGraph } from '../../../../../shared/strategy/graph-schema';
import { dcaDealsView, dcaLevelsView, initDca, openDeal, stepDca } from './dca-bot';
import { checkDca, dealCapital, safetyOrders } from './dca-math';
import type { DcaState } from './dca-state';

/**
 * A DCA deal is a buy, opened on the strategy's "Enter long" signal: a graph without one would
 * never start a deal, so it is refused; its "Enter short" blocks are said to be ignored.
 */
function checkLongEntry(deps: ValidationDeps, strategyId: string, issue: KindCheckContext<DcaConfig>['issue']): void {
  let saved: { graph: StrategyGraph; name: string };
  try {
    saved = deps.graph(strategyId);
  } catch {
    return; // checkStrategy has said the strategy is missing
  }
  const types = new Set(saved.graph.nodes.map((n) => n.type));
  if (!types.has('enterLong')) {
    issue(
      'error',
      'config.strategyId',
      `The strategy "${saved.name}" has no "Enter long" block: a DCA bot opens a deal (a buy) only on a long entry signal, so it would never start one${types.has('enterShort') ? ' (its "Enter short" cannot start a buying deal)' : ''}. Add an "Enter long" block, or pick another strategy.`,
    );
  } else if (types.has('enterShort')) {
    issue(
      'warning',
      'config.strategyId',
      `The strategy "${saved.name}" also has "Enter short" blocks: a DCA bot buys, so only its "Enter long" signals start deals; the short ones are ignored.`,
    );
  }
}

export const dcaKind: BotKind<DcaConfig, DcaState> = {
  id: 'dca',
  validate: async (ctx) => {
    const { config } = ctx;
    for (const issue of checkDca(config, ctx.price, ctx.rules)) ctx.issue(issue.severity, issue.field, issue.message);
    if (config.strategyId !== null && config.start === 'signal') {
      await ctx.checkStrategy(config.strategyId, 'config.strategyId');
      checkLongEntry(ctx.deps, config.strategyId, ctx.issue);
    }
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
