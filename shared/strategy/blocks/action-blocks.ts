import type { BlockDefinition } from '../block-types';
import { percentParam, port } from './spec-helpers';

const ENTRY_LINK = port('entry', 'action', 'Entry', 'The enter-long block whose positions this order protects.');

export const SIZING_MODES = ['percentOfEquity', 'quoteAmount'] as const;
export type SizingMode = (typeof SIZING_MODES)[number];

export const enterLongBlock: BlockDefinition = {
  type: 'enterLong',
  category: 'action',
  title: 'Enter long',
  description:
    'While flat, buy at the next bar’s open when the condition is true at a bar’s close. Size: a share of equity or a fixed quote amount (fees included).',
  inputs: [port('when', 'boolean', 'When', 'Buy when this is true at the close of a bar.')],
  outputs: [port('position', 'action', 'Position', 'Connect stop-loss, take-profit or trailing-stop blocks here.')],
  params: [
    {
      name: 'sizing',
      kind: 'choice',
      title: 'Sizing',
      description: 'How the size is given.',
      options: [
        { value: 'percentOfEquity', title: '% of equity' },
        { value: 'quoteAmount', title: 'Fixed quote amount' },
      ],
      default: 'percentOfEquity',
    },
    {
      name: 'size',
      kind: 'number',
      title: 'Size',
      description: 'Percent of equity (0-100) or an amount of the quote currency, fees included; capped at the cash available.',
      min: 0.000001,
      max: 1e12,
      default: 100,
      step: 1,
    },
  ],
  checkParams: (p) =>
    p.sizing === 'percentOfEquity' && Number(p.size) > 100
      ? [{ param: 'size', message: `size is ${p.size} % of equity; it must be at most 100 %` }]
      : [],
};

export const exitLongBlock: BlockDefinition = {
  type: 'exitLong',
  category: 'action',
  title: 'Exit long',
  description: 'While long, sell the whole position at the next bar’s open when the condition is true at a bar’s close.',
  inputs: [port('when', 'boolean', 'When', 'Sell when this is true at the close of a bar.')],
  outputs: [],
  params: [],
};

export const stopLossBlock: BlockDefinition = {
  type: 'stopLoss',
  category: 'risk',
  title: 'Stop-loss',
  description: 'Sells when price falls the given percent below the entry price, within the bar that touches it.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [percentParam('percent', 'Stop distance', 'Percent below the entry price.', { min: 0.01, max: 99, default: 2, step: 0.5 })],
};

export const takeProfitBlock: BlockDefinition = {
  type: 'takeProfit',
  category: 'risk',
  title: 'Take-profit',
  description: 'Sells when price rises the given percent above the entry price, within the bar that touches it.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [percentParam('percent', 'Target distance', 'Percent above the entry price.', { min: 0.01, max: 10000, default: 5, step: 0.5 })],
};

const LEVEL_MODE = {
  name: 'mode',
  kind: 'choice',
  title: 'Level',
  description:
    'At entry: the value at the close of the bar whose signal opened the position, kept for the whole trade. Follow: read again at every close and used during the next bar.',
  options: [
    { value: 'entry', title: 'Fixed at entry' },
    { value: 'follow', title: 'Follow every close' },
  ],
  default: 'entry',
} as const;

export const stopAtPriceBlock: BlockDefinition = {
  type: 'stopAtPrice',
  category: 'risk',
  title: 'Stop at price',
  description:
    'Sells when price falls to a level wired from any value (e.g. close − 2 × ATR), within the bar that touches it; at the open if the bar opens below it. Empty level: no stop that bar.',
  inputs: [ENTRY_LINK, port('price', 'number', 'Stop level', 'The stop price, e.g. close − 2 × ATR.')],
  outputs: [],
  params: [LEVEL_MODE],
};

export const targetAtPriceBlock: BlockDefinition = {
  type: 'targetAtPrice',
  category: 'risk',
  title: 'Target at price',
  description:
    'Sells when price rises to a level wired from any value (e.g. close + 3 × ATR), within the bar that touches it; at the open if the bar opens above it. Empty level: no target that bar.',
  inputs: [ENTRY_LINK, port('price', 'number', 'Target level', 'The take-profit price, e.g. close + 3 × ATR.')],
  outputs: [],
  params: [LEVEL_MODE],
};

export const trailingStopBlock: BlockDefinition = {
  type: 'trailingStop',
  category: 'risk',
  title: 'Trailing stop',
  description: 'Sells when price falls the given percent below the highest price since entry.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    percentParam('percent', 'Trail distance', 'Percent below the highest price since entry.', {
      min: 0.01,
      max: 99,
      default: 3,
      step: 0.5,
    }),
  ],
};
