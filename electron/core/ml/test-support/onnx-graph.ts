/** A strategy on an imported ONNX model (logreg3.onnx mapped to fast, mid, slow): long while it says > 0.5. */
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';

/** The mapping of logreg3.onnx this graph's features fit. */
export const ONNX_GRAPH_MAPPING = {
  inputs: [{ name: 'x', features: ['fast.value', 'mid.value', 'slow.value'] }],
  output: { name: 'probability', column: 0 },
};

/** Three rates of change (a few % each, so the probabilities spread) into the model; long while it says > 0.5. */
export function onnxGraph(model: string, connected = 3): StrategyGraph {
  const features = ['fast', 'mid', 'slow'].slice(0, connected);
  return graph(
    'ONNX momentum',
    'logreg3.onnx on three rates of change',
    [
      node('candle', 'candle', {}, 0, 1),
      node('fast', 'roc', { period: 3 }, 1, 0, 'ROC 3'),
      node('mid', 'roc', { period: 10 }, 1, 1, 'ROC 10'),
      node('slow', 'roc', { period: 30 }, 1, 2, 'ROC 30'),
      node('model', 'model', { model, version: 1 }, 2, 1, 'Imported'),
      node('up', 'greaterThan', { b: 0.5 }, 3, 0),
      node('down', 'lessThan', { b: 0.5 }, 3, 1),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 4, 0),
      node('exit', 'exitLong', {}, 4, 1),
    ],
    [
      edge('candle.close', 'fast.source'),
      edge('candle.close', 'mid.source'),
      edge('candle.close', 'slow.source'),
      ...features.map((f, k) => edge(`${f}.value`, `model.f${k + 1}`)),
      edge('model.value', 'up.a'),
      edge('model.value', 'down.a'),
      edge('up.value', 'enter.when'),
      edge('down.value', 'exit.when'),
    ],
  );
}
