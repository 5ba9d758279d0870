import type { BlockDefinition } from '../block-types';
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
