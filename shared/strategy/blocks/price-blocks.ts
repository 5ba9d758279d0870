import type { BlockDefinition } from '../block-types';
import type { Timeframe } from '../../domain/types';
import { port } from './spec-helpers';

export const candleBlock: BlockDefinition = {
  type: 'candle',
  category: 'price',
  title: 'Candle',
  description: 'The fields of each closed bar of the market the strategy runs on.',
  inputs: [],
  outputs: [
    port('open', 'number', 'Open', 'First traded price of the bar.'),
    port('high', 'number', 'High', 'Highest price of the bar.'),
    port('low', 'number', 'Low', 'Lowest price of the bar.'),
    port('close', 'number', 'Close', 'Last price of the bar.'),
    port('volume', 'number', 'Volume', 'Traded volume of the bar, in the base asset.'),
  ],
  params: [],
};

/** Timeframes a higher-timeframe source may read (above the shortest one a strategy runs on). */
export const HIGHER_TIMEFRAMES: readonly Timeframe[] = ['5m', '15m', '1h', '4h', '1d', '1w'];

export const higherTimeframeBlock: BlockDefinition = {
  type: 'higherTimeframe',
  category: 'price',
  title: 'Candle (higher timeframe)',
  description:
    'The last closed bar of a higher timeframe of the same market: at a bar closing at time T, the higher-timeframe bar that closed at or before T (never one still forming). Empty until the first one has closed. Must be higher than the timeframe the strategy runs on.',
  inputs: [],
  outputs: [
    port('open', 'number', 'Open', 'First traded price of the last closed higher-timeframe bar.'),
    port('high', 'number', 'High', 'Highest price of the last closed higher-timeframe bar.'),
    port('low', 'number', 'Low', 'Lowest price of the last closed higher-timeframe bar.'),
    port('close', 'number', 'Close', 'Last price of the last closed higher-timeframe bar.'),
    port('volume', 'number', 'Volume', 'Traded volume of the last closed higher-timeframe bar, in the base asset.'),
  ],
  params: [
    {
      name: 'timeframe',
      kind: 'choice',
      title: 'Timeframe',
      description: 'The higher timeframe to read, e.g. 4h on a 1h strategy.',
      options: HIGHER_TIMEFRAMES.map((tf) => ({ value: tf, title: tf })),
      default: '4h',
    },
  ],
};

/**
 * Another market of the same venue as the strategy's (BTC/USDT as an input to an ETH/USDT
 * strategy), on the strategy's own timeframe, closed bars only.
 */
export const otherMarketBlock: BlockDefinition = {
  type: 'otherMarket',
  category: 'price',
  title: 'Other market',
  description:
    "Open, high, low, close and volume of another market of the same venue, on the strategy's timeframe. A bar sees the other market's bar with the same open time once that bar has closed (never one still forming); where the other market has no bar, its last closed bar carries on (the backtest's warnings count those bars). Empty until its first bar has closed.",
  inputs: [],
  outputs: [
    port('open', 'number', 'Open', "First traded price of the other market's last closed bar."),
    port('high', 'number', 'High', "Highest price of the other market's last closed bar."),
    port('low', 'number', 'Low', "Lowest price of the other market's last closed bar."),
    port('close', 'number', 'Close', "Last price of the other market's last closed bar."),
    port('volume', 'number', 'Volume', "Traded volume of the other market's last closed bar, in its base asset."),
  ],
  params: [
    {
      name: 'market',
      kind: 'text',
      format: 'market',
      title: 'Market',
      description: "The other market to read, e.g. BTC/USDT; it must be on the strategy's venue and differ from the strategy's market.",
      default: '',
      optional: false,
    },
  ],
};
