import type { BotView } from '../../../../shared/ipc/schemas/bots';
import { formatAmount } from '../../../lib/format/numbers';
import { KIND_NAMES, MODE_NAMES, quoteOf } from '../bot-format';
import { useSavedStrategies } from '../form/use-form-sources';
import { describeRetrain } from './BotModelsTable';

function configRows(bot: BotView, strategyName: (id: string) => string): Array<[string, string]> {
  const quote = quoteOf(bot.symbol);
  const money = (value: number) => `${formatAmount(value)} ${quote}`;
  const optional = (value: number | null) => (value === null ? 'Off' : formatAmount(value));
  const config = bot.config;
  switch (config.kind) {
    case 'grid':
      return [
        ['Lower price', formatAmount(config.lower)],
        ['Upper price', formatAmount(config.upper)],
        ['Levels', String(config.levels)],
        ['Spacing', config.spacing === 'arithmetic' ? 'Arithmetic' : 'Geometric'],
        ['Investment', money(config.investment)],
        ['Stop-loss', optional(config.stopLoss)],
        ['Take-profit', optional(config.takeProfit)],
      ];
    case 'dca':
      return [
        ['Base order', money(config.baseOrder)],
        ['Safety order', money(config.safetyOrder)],
        ['Safety orders', String(config.safetyOrders)],
        ['Price deviation', `${formatAmount(config.priceDeviationPct)} %`],
        ['Step scale', formatAmount(config.stepScale)],
        ['Volume scale', formatAmount(config.volumeScale)],
        ['Take-profit', `${formatAmount(config.takeProfitPct)} %`],
        ['Max active deals', String(config.maxActiveDeals)],
        [
          'Open a deal',
          config.start === 'immediately' || config.strategyId === null
            ? 'Immediately'
            : `On a signal of ${strategyName(config.strategyId)}`,
        ],
      ];
    case 'strategy':
      return [
        ['Strategy', strategyName(config.strategyId)],
        ['Capital per entry', money(config.capital)],
        ['Retrain models', describeRetrain(config.retrain)],
      ];
    case 'signal':
      return [
        ['Signal source', config.sourceId],
        [
          'Size per deal',
          config.size.unit === 'quote'
            ? money(config.size.value)
            : config.size.unit === 'percent'
              ? `${formatAmount(config.size.value)} % of the capital cap`
              : `${formatAmount(config.size.value)} ${bot.symbol.split('/')[0] ?? ''}`,
        ],
        ['Max open deals', String(config.maxOpenDeals)],
        ['Signal may set the size', config.useSignalSize ? 'Yes' : 'No'],
      ];
    case 'rebalance':
      return [
        ['Basket', config.basket.map((e) => `${e.asset} ${formatAmount(e.weight)} %`).join(', ')],
        ['Drift threshold', config.driftPct === null ? 'Off' : `${formatAmount(config.driftPct)} pp`],
        ['Schedule', config.intervalHours === null ? 'Off' : `every ${formatAmount(config.intervalHours)} h`],
        ['Minimum trade', money(config.minTrade)],
      ];
  }
}

/** The bot's settings, read-only (the Edit button opens the form while it is stopped). */
export function BotSettingsView({ bot }: { bot: BotView }) {
  const quote = quoteOf(bot.symbol);
  const { strategies } = useSavedStrategies();
  const strategyName = (id: string) => strategies.find((strategy) => strategy.id === id)?.name ?? id;
  const rows: Array<[string, string]> = [
    ['Kind', KIND_NAMES[bot.kind]],
    ['Account', bot.accountLabel],
    ['Market', bot.symbol],
    ['Timeframe', bot.timeframe],
    ['Mode', MODE_NAMES[bot.mode]],
    ...configRows(bot, strategyName),
    ['Capital cap', `${formatAmount(bot.risk.capitalCap)} ${quote}`],
    ['Max open orders', String(bot.risk.maxOpenOrders)],
    ['Max daily loss', bot.risk.maxDailyLoss === null ? 'Off' : `${formatAmount(bot.risk.maxDailyLoss)} ${quote}`],
  ];
  return (
    <dl className="bot-settings num" data-testid="bot-settings">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
