import type { StrategyTemplate } from './template-types';
import { edge, graph, node } from './graph-builder';

export const macdTrendTemplate: StrategyTemplate = {
  name: 'macd-trend',
  title: 'MACD trend',
  description: 'Buy when the MACD line crosses above its signal line; sell when it crosses back below.',
  params: [
    { name: 'fast', title: 'Fast period', description: 'Period of the fast EMA.', nodeId: 'macd', param: 'fast' },
    { name: 'slow', title: 'Slow period', description: 'Period of the slow EMA.', nodeId: 'macd', param: 'slow' },
    { name: 'signal', title: 'Signal period', description: 'Period of the signal EMA.', nodeId: 'macd', param: 'signal' },
  ],
  graph: () =>
    graph(
      'MACD trend',
      macdTrendTemplate.description,
      [
        node('candle', 'candle', {}, 0, 1),
        node('macd', 'macd', { fast: 12, slow: 26, signal: 9 }, 1, 1),
        node('crossUp', 'crossesAbove', {}, 2, 0),
        node('crossDown', 'crossesBelow', {}, 2, 2),
        node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
        node('exit', 'exitLong', {}, 3, 2),
      ],
      [
        edge('candle.close', 'macd.source'),
        edge('macd.macd', 'crossUp.a'),
        edge('macd.signal', 'crossUp.b'),
        edge('macd.macd', 'crossDown.a'),
        edge('macd.signal', 'crossDown.b'),
        edge('crossUp.value', 'enter.when'),
        edge('crossDown.value', 'exit.when'),
      ],
    ),
};
