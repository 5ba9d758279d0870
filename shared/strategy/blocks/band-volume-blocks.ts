import type { BlockDefinition } from '../block-types';
import { periodParam, port } from './spec-helpers';

export const obvBlock: BlockDefinition = {
  type: 'obv',
  category: 'indicator',
  title: 'OBV',
  description:
    "On-balance volume: a running total that adds the bar's volume when the close rose and subtracts it when the close fell (0 on the first bar). Its level depends on where the data starts, so compare it with itself (its SMA, its value N bars ago), not with a fixed number.",
  inputs: [],
  outputs: [port('value', 'number', 'OBV', 'Running volume total, in the base asset.')],
  params: [],
};

export const mfiBlock: BlockDefinition = {
  type: 'mfi',
  category: 'indicator',
  title: 'MFI',
  description:
    'Money flow index (0-100), a volume-weighted RSI: typical price (high + low + close) / 3 × volume counts as positive flow when the typical price rose, negative when it fell; MFI = 100 × positive / (positive + negative) over N bars (50 when there was no flow).',
  inputs: [],
  outputs: [{ ...port('value', 'number', 'MFI', 'MFI from 0 to 100 (empty for the first N bars).'), range: { min: 0, max: 100 } }],
  params: [periodParam(14, 500)],
};

export const cciBlock: BlockDefinition = {
  type: 'cci',
  category: 'indicator',
  title: 'CCI',
  description:
    'Commodity channel index (Lambert): (typical price − its N-bar SMA) / (0.015 × mean absolute deviation from that SMA); typical price = (high + low + close) / 3. Mostly between −100 and +100; 0 when the window did not move.',
  inputs: [],
  outputs: [port('value', 'number', 'CCI', 'CCI per bar (empty for the first N − 1 bars).')],
  params: [periodParam(20, 500, 'Number of bars in the window.', 2)],
};

export const keltnerBlock: BlockDefinition = {
  type: 'keltner',
  category: 'indicator',
  title: 'Keltner channels',
  description: 'EMA of the close with bands a multiple of the ATR (Wilder) above and below.',
  inputs: [],
  outputs: [
    port('upper', 'number', 'Upper', 'Middle + multiplier × ATR.'),
    port('middle', 'number', 'Middle', 'EMA of the close.'),
    port('lower', 'number', 'Lower', 'Middle − multiplier × ATR.'),
  ],
  params: [
    periodParam(20, 1000, 'Period of the EMA.', 1, 'period', 'EMA period'),
    periodParam(10, 500, 'Period of the ATR.', 1, 'atrPeriod', 'ATR period'),
    {
      name: 'multiplier',
      kind: 'number',
      title: 'Multiplier',
      description: 'Band distance in ATRs.',
      min: 0.1,
      max: 20,
      default: 2,
      step: 0.1,
      unit: '×',
    },
  ],
};

export const donchianBlock: BlockDefinition = {
  type: 'donchian',
  category: 'indicator',
  title: 'Donchian channels',
  description: 'Highest high and lowest low of the last N candles (this one included) and their midpoint.',
  inputs: [],
  outputs: [
    port('upper', 'number', 'Upper', 'Highest high of the last N candles.'),
    port('middle', 'number', 'Middle', '(upper + lower) / 2.'),
    port('lower', 'number', 'Lower', 'Lowest low of the last N candles.'),
  ],
  params: [periodParam(20, 5000)],
};

export const williamsRBlock: BlockDefinition = {
  type: 'williamsR',
  category: 'indicator',
  title: 'Williams %R',
  description:
    'Where the close sits below the highest high of the last N candles, from 0 (at the high) to −100 (at the lowest low): −100 × (highest high − close) / (highest high − lowest low); −50 when the range is flat.',
  inputs: [],
  outputs: [{ ...port('value', 'number', '%R', '%R from −100 to 0 (empty for the first N − 1 bars).'), range: { min: -100, max: 0 } }],
  params: [periodParam(14, 500)],
};
