/**
 * Orders beyond "buy at the next open, sell it all": short entries and exits, partial
 * take-profits, a break-even stop, limit entries with an expiry and adds to an open position.
 * Each hangs off an entry block through its Position link, like the stops; the fill rules
 * (and their order within a bar) are in docs/ARCHITECTURE.md, "Strategies and backtests".
 */
import type { BlockDefinition, NumberParamSpec, ParamSpec } from '../block-types';
import { ENTRY_LINK, ENTRY_OUTPUT, SIZING_PARAMS, checkSizing } from './action-blocks';
import { percentParam, port } from './spec-helpers';

export const enterShortBlock: BlockDefinition = {
  type: 'enterShort',
  category: 'action',
  title: 'Enter short',
  description:
    'While flat, sell short at the next bar’s open when the condition is true at a bar’s close. Size: the position’s value as a share of equity or a quote amount, fees included, at most 1× equity (no leverage, no liquidation modelled). Backtests; a live bot needs a margin or perpetual futures account.',
  inputs: [port('when', 'boolean', 'When', 'Sell short when this is true at the close of a bar.')],
  outputs: [ENTRY_OUTPUT],
  params: [
    ...SIZING_PARAMS,
    percentParam(
      'borrowPctPerBar',
      'Borrow / funding per bar',
      'Borrowing or funding cost: this percent of the short’s value at each close it is held through. 0: not modelled (the backtest warns).',
      { min: 0, max: 5, default: 0, step: 0.001 },
    ),
  ],
  checkParams: checkSizing,
};

export const exitShortBlock: BlockDefinition = {
  type: 'exitShort',
  category: 'action',
  title: 'Exit short',
  description: 'While short, buy back the whole position at the next bar’s open when the condition is true at a bar’s close.',
  inputs: [port('when', 'boolean', 'When', 'Buy back when this is true at the close of a bar.')],
  outputs: [],
  params: [],
};

const SHARE_PARAM: ParamSpec = percentParam(
  'share',
  'Share of position',
  'Percent of everything bought (or sold short) in the position so far, rounded down to the amount step; the target that brings the shares to 100 % closes what is left.',
  { min: 0.01, max: 100, default: 50, step: 5 },
);

export const partialTakeProfitBlock: BlockDefinition = {
  type: 'partialTakeProfit',
  category: 'risk',
  title: 'Partial take-profit',
  description:
    'Closes a share of the position when price moves the given percent in its favour from the (average) entry price, within the bar that touches it. Use several (e.g. 50 % at +2 %, the rest at +4 %); their shares may add up to at most 100 %.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    SHARE_PARAM,
    percentParam('percent', 'Target distance', 'Percent from the entry price (above for a long, below for a short).', {
      min: 0.01,
      max: 10000,
      default: 2,
      step: 0.5,
    }),
  ],
};

export const partialTargetAtPriceBlock: BlockDefinition = {
  type: 'partialTargetAtPrice',
  category: 'risk',
  title: 'Partial target at price',
  description:
    'Closes a share of the position when price reaches a level wired from any value (e.g. entry price + 2 × ATR), within the bar that touches it. Empty level: no order that bar.',
  inputs: [ENTRY_LINK, port('price', 'number', 'Target level', 'The price at which this share is taken.')],
  outputs: [],
  params: [
    SHARE_PARAM,
    {
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
    },
  ],
};

export const breakEvenStopBlock: BlockDefinition = {
  type: 'breakEvenStop',
  category: 'risk',
  title: 'Break-even stop',
  description:
    'Once the given number of partial take-profits have filled, a stop at the (average) entry price, or at the price that also pays both fees, protects the rest from the next bar on.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    {
      name: 'afterTarget',
      kind: 'integer',
      title: 'After target',
      description: 'How many partial take-profits must have filled (1: after the first).',
      min: 1,
      max: 20,
      default: 1,
      step: 1,
    },
    {
      name: 'fees',
      kind: 'choice',
      title: 'Stop at',
      description:
        'Entry price: the stop sits at the average entry price. Entry plus fees: at the price where closing pays back the entry’s and the exit’s fee.',
      options: [
        { value: 'entry', title: 'Entry price' },
        { value: 'entryPlusFees', title: 'Entry plus fees' },
      ],
      default: 'entry',
    },
  ],
};

const EXPIRY_PARAM: ParamSpec = {
  name: 'expiryBars',
  kind: 'integer',
  title: 'Cancel after',
  description: 'Bars the limit order rests after the signal bar; not filled by the close of the last one, it is cancelled.',
  min: 1,
  max: 10000,
  default: 3,
  step: 1,
  unit: 'bars',
};

export const limitEntryBlock: BlockDefinition = {
  type: 'limitEntry',
  category: 'action',
  title: 'Limit entry at price',
  description:
    'Makes the entry a limit order at a wired price, placed at the signal bar’s close. It fills at the open if the bar opens at or past the limit, else at the limit when the bar trades through it (touching is not enough); cancelled after the given bars.',
  inputs: [ENTRY_LINK, port('price', 'number', 'Limit price', 'The limit price at the signal bar’s close, e.g. close − 0.5 × ATR.')],
  outputs: [],
  params: [EXPIRY_PARAM],
};

export const offsetEntryBlock: BlockDefinition = {
  type: 'offsetEntry',
  category: 'action',
  title: 'Limit entry at offset',
  description:
    'Makes the entry a limit order at the signal bar’s close plus an offset (e.g. −0.5 % to buy a dip, +0.5 % to short a bounce). It fills at the open if the bar opens at or past the limit, else at the limit when the bar trades through it (touching is not enough); cancelled after the given bars.',
  inputs: [ENTRY_LINK],
  outputs: [],
  params: [
    percentParam('offsetPct', 'Offset from close', 'Limit price = close × (1 + offset ÷ 100); negative below the close.', {
      min: -50,
      max: 50,
      default: -0.5,
      step: 0.1,
    }),
    EXPIRY_PARAM,
  ],
};

export const addToPositionBlock: BlockDefinition = {
  type: 'addToPosition',
  category: 'action',
  title: 'Add to position',
  description:
    'While the entry’s position is open, adds to it at the next bar’s open when the condition is true at a bar’s close (safety orders, pyramiding), at most the given number of times. The entry price becomes the average; % stops and targets follow it.',
  inputs: [ENTRY_LINK, port('when', 'boolean', 'When', 'Add when this is true at the close of a bar, e.g. unrealised profit % < −2.')],
  outputs: [],
  params: [
    SIZING_PARAMS[0]!,
    { ...(SIZING_PARAMS[1] as NumberParamSpec), default: 25 },
    {
      name: 'maxAdds',
      kind: 'integer',
      title: 'Max adds',
      description: 'Adds allowed per position.',
      min: 1,
      max: 100,
      default: 3,
      step: 1,
    },
  ],
  checkParams: checkSizing,
};
