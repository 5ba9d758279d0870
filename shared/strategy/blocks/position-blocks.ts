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
    'The strategy’s own long position at the close of each bar, before that bar’s new orders (backtest: the simulated position; live bot: its recorded fills). The numbers are empty while flat, so a condition on them is never true then.',
  inputs: [],
  outputs: [
    port('inPosition', 'boolean', 'In position', 'True while the strategy holds a long position.'),
    port('entryPrice', 'number', 'Entry price', 'Average fill price of the buys of the open position (fees not included).'),
    port(
      'unrealisedPct',
      'number',
      'Unrealised profit %',
      'Percent from the entry price to this bar’s close: (close ÷ entry − 1) × 100, before fees.',
    ),
    port('barsInTrade', 'number', 'Bars in trade', 'Bars since the bar the entry filled in: 0 at that bar’s close, 1 at the next.'),
    port('highestSinceEntry', 'number', 'Highest since entry', 'Highest high from the bar the entry filled in through this bar.'),
    port('lowestSinceEntry', 'number', 'Lowest since entry', 'Lowest low from the bar the entry filled in through this bar.'),
  ],
  params: [],
};
