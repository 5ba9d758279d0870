import type { BlockDefinition } from '../block-types';
import { port } from './spec-helpers';

/**
 * The strategy's own position as it stood at a bar's close, before the orders that bar's signals
 * place: the backtest's simulated position, or a live bot's position from its recorded fills.
 */
export const positionBlock: BlockDefinition = {
  type: 'position',
  category: 'position',
  title: 'Position',
  description:
    'The strategy’s own position (long, or short in backtests) at the close of each bar, before that bar’s new orders (backtest: the simulated position; live bot: its recorded fills). The numbers are empty while flat, so a condition on them is never true then.',
  inputs: [],
  outputs: [
    port('inPosition', 'boolean', 'In position', 'True while the strategy holds a position.'),
    port(
      'entryPrice',
      'number',
      'Entry price',
      'Average fill price of the open position’s buys (a short’s sales), adds included, fees not included.',
    ),
    port(
      'unrealisedPct',
      'number',
      'Unrealised profit %',
      'Profit from the entry price to this bar’s close, before fees: long (close ÷ entry − 1) × 100, short (1 − close ÷ entry) × 100.',
    ),
    port('barsInTrade', 'number', 'Bars in trade', 'Bars since the bar the entry filled in: 0 at that bar’s close, 1 at the next.'),
    port('highestSinceEntry', 'number', 'Highest since entry', 'Highest high from the bar the entry filled in through this bar.'),
    port('lowestSinceEntry', 'number', 'Lowest since entry', 'Lowest low from the bar the entry filled in through this bar.'),
  ],
  params: [],
};
