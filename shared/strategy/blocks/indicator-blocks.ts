import type { BlockDefinition } from '../block-types';
import { SOURCE_INPUT, VALUE_OUTPUT, periodParam, port } from './spec-helpers';

/** Oscillators bounded to 0–100. */
const PERCENT_RANGE = { min: 0, max: 100 };

export const smaBlock: BlockDefinition = {
  type: 'sma',
  category: 'indicator',
  title: 'SMA',
  description: 'Simple moving average: the plain mean of the last N values.',
  inputs: [SOURCE_INPUT],
  outputs: [VALUE_OUTPUT],
  params: [periodParam(20, 1000)],
};

export const emaBlock: BlockDefinition = {
  type: 'ema',
  category: 'indicator',
  title: 'EMA',
  description: 'Exponential moving average (weight 2/(N+1)), started from the SMA of the first N values.',
  inputs: [SOURCE_INPUT],
  outputs: [VALUE_OUTPUT],
  params: [periodParam(20, 1000)],
};

export const wmaBlock: BlockDefinition = {
  type: 'wma',
  category: 'indicator',
  title: 'WMA',
  description: 'Linearly weighted moving average: the newest value weighs N, the oldest 1.',
  inputs: [SOURCE_INPUT],
  outputs: [VALUE_OUTPUT],
  params: [periodParam(20, 1000)],
};

export const rsiBlock: BlockDefinition = {
  type: 'rsi',
  category: 'indicator',
  title: 'RSI',
  description: "Relative strength index (0-100) with Wilder's smoothing; 50 when prices did not move.",
  inputs: [SOURCE_INPUT],
  outputs: [{ ...port('value', 'number', 'RSI', 'RSI from 0 to 100 per bar (empty for the first N bars).'), range: PERCENT_RANGE }],
  params: [periodParam(14, 500, 'Number of price changes averaged.', 2)],
};

export const macdBlock: BlockDefinition = {
  type: 'macd',
  category: 'indicator',
  title: 'MACD',
  description: 'Moving average convergence/divergence: EMA(fast) − EMA(slow), its EMA signal line and their difference.',
  inputs: [SOURCE_INPUT],
  outputs: [
    port('macd', 'number', 'MACD line', 'EMA(fast) − EMA(slow).'),
    port('signal', 'number', 'Signal line', 'EMA of the MACD line.'),
    port('histogram', 'number', 'Histogram', 'MACD line − signal line.'),
  ],
  params: [
    periodParam(12, 500, 'Period of the fast EMA.', 1, 'fast', 'Fast period'),
    periodParam(26, 1000, 'Period of the slow EMA.', 2, 'slow', 'Slow period'),
    periodParam(9, 500, 'Period of the EMA of the MACD line.', 1, 'signal', 'Signal period'),
  ],
  checkParams: (p) =>
    Number(p.fast) < Number(p.slow)
      ? []
      : [{ param: 'fast', message: `fast period (${p.fast}) must be shorter than slow period (${p.slow})` }],
};

export const bollingerBlock: BlockDefinition = {
  type: 'bollinger',
  category: 'indicator',
  title: 'Bollinger Bands',
  description: 'SMA of N values with bands K population standard deviations above and below.',
  inputs: [SOURCE_INPUT],
  outputs: [
    port('upper', 'number', 'Upper band', 'Middle + K × standard deviation.'),
    port('middle', 'number', 'Middle band', 'SMA of the last N values.'),
    port('lower', 'number', 'Lower band', 'Middle − K × standard deviation.'),
  ],
  params: [
    periodParam(20, 1000, 'Number of bars in the window.', 2),
    {
      name: 'deviations',
      kind: 'number',
      title: 'Deviations',
      description: 'Width of the bands in standard deviations.',
      min: 0.1,
      max: 10,
      default: 2,
      step: 0.1,
      unit: '×',
    },
  ],
};

export const atrBlock: BlockDefinition = {
  type: 'atr',
  category: 'indicator',
  title: 'ATR',
  description: "Average true range of the candles with Wilder's smoothing: how far price typically moves per bar.",
  inputs: [],
  outputs: [port('value', 'number', 'ATR', 'Average true range in price units (empty for the first N bars).')],
  params: [periodParam(14, 500)],
};

export const stochasticBlock: BlockDefinition = {
  type: 'stochastic',
  category: 'indicator',
  title: 'Stochastic',
  description: 'Where the close sits in the high-low range of the last N candles (0-100), smoothed into %K and %D.',
  inputs: [],
  outputs: [
    { ...port('k', 'number', '%K', 'SMA(smoothing) of 100 × (close − lowest low) / (highest high − lowest low).'), range: PERCENT_RANGE },
    { ...port('d', 'number', '%D', 'SMA of %K.'), range: PERCENT_RANGE },
  ],
  params: [
    periodParam(14, 500, 'Bars in the high-low range.'),
    periodParam(3, 100, 'SMA length applied to raw %K (1 = fast stochastic).', 1, 'smoothing', '%K smoothing'),
    periodParam(3, 100, 'SMA length of %D.', 1, 'signal', '%D period'),
  ],
};

export const vwapBlock: BlockDefinition = {
  type: 'vwap',
  category: 'indicator',
  title: 'VWAP',
  description: 'Rolling volume-weighted average of the typical price (high+low+close)/3 over the last N candles.',
  inputs: [],
  outputs: [port('value', 'number', 'VWAP', 'Empty while the window has no volume.')],
  params: [periodParam(20, 5000)],
};

export const highestBlock: BlockDefinition = {
  type: 'highest',
  category: 'indicator',
  title: 'Highest',
  description: 'Highest value of the source over the last N bars, this bar included.',
  inputs: [SOURCE_INPUT],
  outputs: [VALUE_OUTPUT],
  params: [periodParam(20, 5000)],
};

export const lowestBlock: BlockDefinition = {
  type: 'lowest',
  category: 'indicator',
  title: 'Lowest',
  description: 'Lowest value of the source over the last N bars, this bar included.',
  inputs: [SOURCE_INPUT],
  outputs: [VALUE_OUTPUT],
  params: [periodParam(20, 5000)],
};

export const rocBlock: BlockDefinition = {
  type: 'roc',
  category: 'indicator',
  title: 'Rate of change',
  description: 'Percent change of the source against its value N bars ago.',
  inputs: [SOURCE_INPUT],
  outputs: [port('value', 'number', 'ROC %', '100 × (value − value N bars ago) / value N bars ago.')],
  params: [periodParam(10, 1000, 'How many bars back to compare with.')],
};
