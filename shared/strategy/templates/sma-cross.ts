import type { StrategyTemplate } from './template-types';
import { edge, graph, node } from './graph-builder';

export const smaCrossTemplate: StrategyTemplate = {
  name: 'sma-cross',
  title: 'SMA cross',
  description: 'Buy when the fast SMA of the close crosses above the slow SMA; sell when it crosses back below.',
  params: [
    { name: 'fast', title: 'Fast period', description: 'Bars in the fast SMA.', nodeId: 'fast', param: 'period' },
    { name: 'slow', title: 'Slow period', description: 'Bars in the slow SMA.', nodeId: 'slow', param: 'period' },
  ],
  graph: () =>
    graph(
      'SMA cross',
      smaCrossTemplate.description,
      [
        node('candle', 'candle', {}, 0, 1),
        node('fast', 'sma', { period: 10 }, 1, 0, 'Fast SMA'),
        node('slow', 'sma', { period: 30 }, 1, 2, 'Slow SMA'),
        node('crossUp', 'crossesAbove', {}, 2, 0),
        node('crossDown', 'crossesBelow', {}, 2, 2),
        node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
        node('exit', 'exitLong', {}, 3, 2),
      ],
      [
        edge('candle.close', 'fast.source'),
        edge('candle.close', 'slow.source'),
        edge('fast.value', 'crossUp.a'),
        edge('slow.value', 'crossUp.b'),
        edge('fast.value', 'crossDown.a'),
        edge('slow.value', 'crossDown.b'),
        edge('crossUp.value', 'enter.when'),
        edge('crossDown.value', 'exit.when'),
      ],
    ),
};
