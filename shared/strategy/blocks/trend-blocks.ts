import type { BlockDefinition, NumberParamSpec } from '../block-types';
import { periodParam, port } from './spec-helpers';

const PERCENT_RANGE = { min: 0, max: 100 };

function multiplierParam(name: string, title: string, description: string, defaultValue: number): NumberParamSpec {
  return { name, kind: 'number', title, description, min: 0.1, max: 20, default: defaultValue, step: 0.1, unit: '×' };
}

export const adxBlock: BlockDefinition = {
  type: 'adx',
  category: 'indicator',
  title: 'ADX / DMI',
  description:
    "Wilder's directional movement: +DI and −DI (0-100) say whether up-moves or down-moves dominate, ADX (0-100) how strong the trend is whichever way. +DM/−DM and true range are Wilder-smoothed over N bars; ADX is the Wilder average of DX = 100 × |+DI − −DI| / (+DI + −DI).",
  inputs: [],
  outputs: [
    { ...port('adx', 'number', 'ADX', 'Trend strength, 0-100 (empty for the first 2N − 1 bars).'), range: PERCENT_RANGE },
    { ...port('plusDi', 'number', '+DI', 'Strength of up-moves, 0-100 (empty for the first N bars).'), range: PERCENT_RANGE },
    { ...port('minusDi', 'number', '−DI', 'Strength of down-moves, 0-100 (empty for the first N bars).'), range: PERCENT_RANGE },
  ],
  params: [periodParam(14, 500, 'Bars of Wilder smoothing for the DIs and for ADX.', 2)],
};

export const parabolicSarBlock: BlockDefinition = {
  type: 'parabolicSar',
  category: 'indicator',
  title: 'Parabolic SAR',
  description:
    "Wilder's stop-and-reverse: a stop that trails below price in an up-trend (above in a down-trend) and speeds up by the step each time a new extreme is made, up to the maximum; when price crosses it, it flips to the other side at the trend's extreme. The first trend is up when the second bar closes at or above the first.",
  inputs: [],
  outputs: [port('value', 'number', 'SAR', 'The stop level per bar (empty on the first bar). Close above it: up-trend.')],
  params: [
    {
      name: 'step',
      kind: 'number',
      title: 'Step',
      description: 'Acceleration added at each new extreme (and the starting acceleration).',
      min: 0.001,
      max: 1,
      default: 0.02,
      step: 0.01,
    },
    { name: 'max', kind: 'number', title: 'Maximum', description: 'Largest acceleration.', min: 0.001, max: 1, default: 0.2, step: 0.01 },
  ],
  checkParams: (p) =>
    Number(p.step) <= Number(p.max) ? [] : [{ param: 'step', message: `step (${p.step}) must not exceed the maximum (${p.max})` }],
};

export const ichimokuBlock: BlockDefinition = {
  type: 'ichimoku',
  category: 'indicator',
  title: 'Ichimoku cloud',
  description:
    'Tenkan-sen and kijun-sen are midpoints (highest high + lowest low) / 2 of the last 9 and 26 bars. A chart draws the cloud (senkou span A = (tenkan + kijun) / 2, span B = the 52-bar midpoint) displaced 26 bars ahead; here each bar carries the cloud value a chart shows at that bar, i.e. the one computed displacement bars earlier, so "close above the cloud" uses only bars up to now (no look-ahead). The chikou span (the close drawn 26 bars back) is not an output: compare the close with "Value N bars ago" instead.',
  inputs: [],
  outputs: [
    port('tenkan', 'number', 'Tenkan-sen', 'Conversion line: midpoint of the last tenkan bars.'),
    port('kijun', 'number', 'Kijun-sen', 'Base line: midpoint of the last kijun bars.'),
    port('spanA', 'number', 'Senkou span A', '(tenkan + kijun) / 2 as computed displacement bars ago: the cloud edge shown at this bar.'),
    port('spanB', 'number', 'Senkou span B', 'Midpoint of the senkou window as computed displacement bars ago: the other cloud edge.'),
  ],
  params: [
    periodParam(9, 500, 'Bars of the conversion line.', 1, 'tenkan', 'Tenkan period'),
    periodParam(26, 500, 'Bars of the base line.', 1, 'kijun', 'Kijun period'),
    periodParam(52, 1000, 'Bars of span B.', 1, 'senkou', 'Senkou B period'),
    periodParam(
      26,
      500,
      'How many bars ahead a chart draws the cloud; each bar here shows the value computed that many bars earlier.',
      1,
      'displacement',
      'Displacement',
    ),
  ],
};

export const superTrendBlock: BlockDefinition = {
  type: 'superTrend',
  category: 'indicator',
  title: 'SuperTrend',
  description:
    'A trailing line at (high + low) / 2 ± multiplier × ATR (Wilder): below price in an up-trend, above it in a down-trend. Each band only tightens while the previous close stays on its side; the trend flips when the close crosses the band opposite the line. It starts as a down-trend (line = upper band) on the first bar with an ATR, as TradingView does.',
  inputs: [],
  outputs: [
    port('value', 'number', 'Line', 'The SuperTrend line (empty until the ATR exists).'),
    port('direction', 'number', 'Direction', '+1 in an up-trend, −1 in a down-trend (empty until the ATR exists).'),
    port('up', 'boolean', 'Up-trend', 'True while the trend is up.'),
  ],
  params: [
    periodParam(10, 500, 'Bars of the ATR.', 1, 'period', 'ATR period'),
    multiplierParam('multiplier', 'Multiplier', 'Band distance in ATRs.', 3),
  ],
};
