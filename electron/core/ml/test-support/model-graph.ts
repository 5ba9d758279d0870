/** A strategy with a Model block on two indicators: enter when model > 0.55 and RSI < 50, exit when model < 0.45. */
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { ModelSpecSchema, type ModelSpec, type ModelSpecInput } from '../../../../shared/ml/model-spec';
import type { ModelVersion } from '../../../../shared/ml/model-record';
import type { CandleColumns } from '../../strategy/candle-columns';
import { featureColumns } from '../dataset';
import { trainWalkForward } from '../train';

export const MODEL_ID = 'mdl_00112233445566ff';

/** `featuresOn`: the indicators read that higher timeframe's close instead of the base close. */
export function modelGraph(model = MODEL_ID, version = 1, featuresOn?: '4h'): StrategyGraph {
  const source = featuresOn ? 'htf' : 'candle';
  const built = graph(
    'RSI + ROC model',
    'Model on two indicators',
    [
      node('candle', 'candle', {}, 0, 1),
      node('rsi', 'rsi', { period: 14 }, 1, 0, 'RSI'),
      node('roc', 'roc', { period: 5 }, 1, 2, 'ROC'),
      node('model', 'model', { model, version }, 2, 1, 'Up next bars'),
      node('confident', 'greaterThan', { b: 0.55 }, 3, 0),
      node('cheap', 'lessThan', { b: 50 }, 3, 1),
      node('both', 'and', {}, 4, 0),
      node('doubt', 'lessThan', { b: 0.45 }, 3, 2),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 5, 0),
      node('exit', 'exitLong', {}, 5, 2),
    ],
    [
      edge(`${source}.close`, 'rsi.source'),
      edge(`${source}.close`, 'roc.source'),
      edge('rsi.value', 'model.f1'),
      edge('roc.value', 'model.f2'),
      edge('model.value', 'confident.a'),
      edge('rsi.value', 'cheap.a'),
      edge('confident.value', 'both.a'),
      edge('cheap.value', 'both.b'),
      edge('model.value', 'doubt.a'),
      edge('both.value', 'enter.when'),
      edge('doubt.value', 'exit.when'),
    ],
  );
  if (featuresOn) built.nodes.push(node('htf', 'higherTimeframe', { timeframe: featuresOn }, 0, 2, `Close ${featuresOn}`));
  return built;
}

export function modelSpec(overrides: Partial<ModelSpecInput> = {}): ModelSpec {
  return ModelSpecSchema.parse({
    kind: 'randomForestClassifier',
    label: { kind: 'direction', horizon: 3 },
    windows: { trainBars: 400, testBars: 200, purgeBars: 3 },
    lags: 1,
    forest: { trees: 6, maxDepth: 4 },
    ...overrides,
  });
}

/** A registry record of the graph's model trained on `candles` (what `models.train` would store). */
export function trainedVersion(
  candles: CandleColumns,
  spec = modelSpec(),
  id = MODEL_ID,
  version = 1,
  strategy = modelGraph(id, version),
): ModelVersion {
  const refs = [
    { node: 'rsi', port: 'value' },
    { node: 'roc', port: 'value' },
  ];
  const features = featureColumns(strategy, refs, candles, { timeframe: '1h' });
  const { report, latest } = trainWalkForward(spec, features, candles);
  return {
    id,
    version,
    name: 'Up next bars',
    kind: spec.kind,
    createdAt: 1_700_000_000_000,
    spec,
    features: refs.map((r, k) => ({ ...r, name: features.names[k]! })),
    data: { datasetId: 'bundled:history/BTC_USDT-1h', label: 'BTC/USDT 1h', symbol: 'BTC/USDT', timeframe: '1h' },
    libraries: ['ml-random-forest@2.1.0'],
    report,
    latest,
  };
}
