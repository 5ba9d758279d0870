/** The signal bot as a registered kind: acts on signals its source receives, not on candles. */
import type { SignalBotConfig } from '../../../../../shared/ipc/schemas/bots';
import type { TradeSignal } from '../../../../../shared/ipc/schemas/signals';
import { formatMoney, formatNumber } from '../../../exchange/precision';
import type { BotKind } from '../bot-kind';
import { initSignalBot, onSignal, stepSignalBot } from './signal-bot';
import type { SignalBotState } from './signal-state';

export const signalKind: BotKind<SignalBotConfig, SignalBotState> = {
  id: 'signal',
  validate: async (ctx) => {
    const { config, rules, price, input } = ctx;
    const source = ctx.deps.signalSource?.(config.sourceId);
    if (ctx.deps.signalSource && !source)
      ctx.issue('error', 'config.sourceId', `There is no signal source "${config.sourceId}"; create one under Signals first.`);
    else if (source && source.accountId !== input.accountId)
      ctx.issue(
        'error',
        'config.sourceId',
        `The signal source "${source.name}" is bound to another account; pick a source of this bot's account.`,
      );
    else if (source && !source.symbols.includes(input.symbol))
      ctx.issue(
        'error',
        'config.sourceId',
        `The signal source "${source.name}" is not bound to ${input.symbol} (it has ${source.symbols.join(', ')}).`,
      );
    const size = config.size;
    const perDeal =
      size.unit === 'quote'
        ? size.value
        : size.unit === 'percent'
          ? (input.risk.capitalCap * size.value) / 100
          : price === null
            ? null
            : size.value * price;
    if (perDeal !== null && rules.minCost !== null && perDeal < rules.minCost)
      ctx.issue(
        'error',
        'config.size',
        `Each deal would be worth ${formatMoney(perDeal, rules.quote)} ${rules.quote}, below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`,
      );
    return { capital: perDeal === null ? null : perDeal * config.maxOpenDeals, ordersNeeded: 1 };
  },
  initialState: async () => initSignalBot(),
  signalStrategy: () => null,
  onMessage: (step, message) => onSignal(step, message as TradeSignal),
  step: stepSignalBot,
  lifecycle: { stop: 'cancel_orders', revoke: 'pause', sellOnStop: true },
};
