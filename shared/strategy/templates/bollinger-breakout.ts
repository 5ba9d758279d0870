import type { StrategyTemplate } from './template-types';
import { edge, graph, node } from './graph-builder';

export const bollingerBreakoutTemplate: StrategyTemplate = {
  name: 'bollinger-breakout',
  title: 'Bollinger breakout',
  description: 'Buy when the close crosses above the upper Bollinger band; sell when it crosses below the middle band.',
  params: [
    { name: 'period', title: 'Period', description: 'Bars in the bands’ SMA and deviation.', nodeId: 'bands', param: 'period' },
    { name: 'deviations', title: 'Deviations', description: 'Band width in standard deviations.', nodeId: 'bands', param: 'deviations' },
  ],
  graph: () =>
    graph(
      'Bollinger breakout',
      bollingerBreakoutTemplate.description,
      [
        node('candle', 'candle', {}, 0, 1),
        node('bands', 'bollinger', { period: 20, deviations: 2 }, 1, 1),
        node('breakout', 'crossesAbove', {}, 2, 0),
        node('fallback', 'crossesBelow', {}, 2, 2),
        node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
        node('exit', 'exitLong', {}, 3, 2),
      ],
      [
        edge('candle.close', 'bands.source'),
        edge('candle.close', 'breakout.a'),
        edge('bands.upper', 'breakout.b'),
        edge('candle.close', 'fallback.a'),
        edge('bands.middle', 'fallback.b'),
        edge('breakout.value', 'enter.when'),
        edge('fallback.value', 'exit.when'),
      ],
    ),
};
