import type { BlockDefinition, ParamSpec } from '../block-types';
import { percentParam, port } from './spec-helpers';

export const ENTRY_LINK = port('entry', 'action', 'Entry', 'The Enter long or Enter short block whose positions this order belongs to.');

/** The link from an entry to the orders of its positions (stops, targets, limit entry, adds). */
export const ENTRY_OUTPUT = port(
  'position',
  'action',
  'Position',
  'Connect stops, take-profits (full or partial), a break-even stop, a limit entry or adds here.',
);

export const SIZING_MODES = ['percentOfEquity', 'quoteAmount'] as const;
export type SizingMode = (typeof SIZING_MODES)[number];

export const SIZING_PARAMS: readonly ParamSpec[] = [
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
];

/** Size above 100 % of equity is refused, naming the parameter. */
export const checkSizing: NonNullable<BlockDefinition['checkParams']> = (p) =>
  p.sizing === 'percentOfEquity' && Number(p.size) > 100
    ? [{ param: 'size', message: `size is ${p.size} % of equity; it must be at most 100 %` }]
    : [];

export const enterLongBlock: BlockDefinition = {
  type: 'enterLong',
  category: 'action',
  title: 'Enter long',
  description:
    'While flat, buy at the next bar’s open when the condition is true at a bar’s close. Size: a share of equity or a fixed quote amount (fees included).',
  inputs: [port('when', 'boolean', 'When', 'Buy when this is true at the close of a bar.')],
  outputs: [ENTRY_OUTPUT],
  params: SIZING_PARAMS,
  checkParams: checkSizing,
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
  description:
    'Long: sells when price falls the given percent below the (average) entry price, within the bar that touches it. Short: buys back when price rises that far above it.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    percentParam('percent', 'Stop distance', 'Percent from the entry price (below for a long, above for a short).', {
      min: 0.01,
      max: 99,
      default: 2,
      step: 0.5,
    }),
  ],
};

export const takeProfitBlock: BlockDefinition = {
  type: 'takeProfit',
  category: 'risk',
  title: 'Take-profit',
  description:
    'Long: sells the whole position when price rises the given percent above the (average) entry price, within the bar that touches it. Short: buys back when price falls that far below it.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    percentParam('percent', 'Target distance', 'Percent from the entry price (above for a long, below for a short).', {
      min: 0.01,
      max: 10000,
      default: 5,
      step: 0.5,
    }),
  ],
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
    'Long: sells when price falls to a level wired from any value (e.g. close − 2 × ATR), within the bar that touches it; at the open if the bar opens below it. Short: buys back when price rises to it. Empty level: no stop that bar.',
  inputs: [ENTRY_LINK, port('price', 'number', 'Stop level', 'The stop price, e.g. close − 2 × ATR.')],
  outputs: [],
  params: [LEVEL_MODE],
};

export const targetAtPriceBlock: BlockDefinition = {
  type: 'targetAtPrice',
  category: 'risk',
  title: 'Target at price',
  description:
    'Long: sells the whole position when price rises to a level wired from any value (e.g. close + 3 × ATR), within the bar that touches it; at the open if the bar opens above it. Short: buys back when price falls to it. Empty level: no target that bar.',
  inputs: [ENTRY_LINK, port('price', 'number', 'Target level', 'The take-profit price, e.g. close + 3 × ATR.')],
  outputs: [],
  params: [LEVEL_MODE],
};

export const trailingStopBlock: BlockDefinition = {
  type: 'trailingStop',
  category: 'risk',
  title: 'Trailing stop',
  description:
    'Long: sells when price falls the given percent below the highest high since entry. Short: buys back when price rises that far above the lowest low.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    percentParam(
      'percent',
      'Trail distance',
      'Percent from the best price since entry (below the highest for a long, above the lowest for a short).',
      {
        min: 0.01,
        max: 99,
        default: 3,
        step: 0.5,
      },
    ),
  ],
};
