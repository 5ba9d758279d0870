import type { StrategyTemplate } from './template-types';
import { edge, graph, node } from './graph-builder';

export const rsiReversionTemplate: StrategyTemplate = {
  name: 'rsi-reversion',
  title: 'RSI reversion',
  description: "While flat, buy when Wilder's RSI is below the lower level; while long, sell when it is above the upper level.",
  params: [
    { name: 'period', title: 'RSI period', description: 'Price changes averaged by the RSI.', nodeId: 'rsi', param: 'period' },
    { name: 'lower', title: 'Lower level', description: 'Buy below this RSI.', nodeId: 'lower', param: 'value' },
    { name: 'upper', title: 'Upper level', description: 'Sell above this RSI.', nodeId: 'upper', param: 'value' },
  ],
  graph: () =>
    graph(
      'RSI reversion',
      rsiReversionTemplate.description,
      [
        node('candle', 'candle', {}, 0, 1),
        node('rsi', 'rsi', { period: 14 }, 1, 1),
        node('lower', 'constant', { value: 30 }, 1, 0, 'Lower level'),
        node('upper', 'constant', { value: 70 }, 1, 2, 'Upper level'),
        node('oversold', 'lessThan', {}, 2, 0),
        node('overbought', 'greaterThan', {}, 2, 2),
        node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 3, 0),
        node('exit', 'exitLong', {}, 3, 2),
      ],
      [
        edge('candle.close', 'rsi.source'),
        edge('rsi.value', 'oversold.a'),
        edge('lower.value', 'oversold.b'),
        edge('rsi.value', 'overbought.a'),
        edge('upper.value', 'overbought.b'),
        edge('oversold.value', 'enter.when'),
        edge('overbought.value', 'exit.when'),
      ],
    ),
};
