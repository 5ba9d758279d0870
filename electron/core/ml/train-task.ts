/**
 * Training as a worker task: the features of a Model block's inputs computed over the candles,
 * then the walk-forward run and its out-of-sample report. Plain data in and out, so it crosses
 * the worker boundary; the per-bar predictions stay in the worker.
 */
import type { ModelSpec } from '../../../shared/ml/model-spec';
import type { ModelReport } from '../../../shared/ml/model-report';
import type { Timeframe } from '../../../shared/domain/types';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { CandleColumns } from '../strategy/candle-columns';
import type { OtherMarketBars } from '../strategy/compiler/batch-evaluator';
import type { SignalFeed } from '../strategy/signal-feed';
import { featureColumns, type FeatureRef } from './dataset';
import { trainWalkForward, type LatestModel, type TrainingControl } from './train';

export interface TrainRequest {
  spec: ModelSpec;
  graph: StrategyGraph;
  features: FeatureRef[];
  candles: CandleColumns;
  timeframe?: Timeframe;
  /** The bars of the markets the features' "Other market" blocks read. */
  otherMarkets?: OtherMarketBars;
}

export interface TrainOutcome {
  featureNames: string[];
  report: ModelReport;
  latest: LatestModel | null;
}

export function runTraining(request: TrainRequest, control: TrainingControl = {}, signals?: SignalFeed): TrainOutcome {
  const features = featureColumns(request.graph, request.features, request.candles, {
    ...(request.timeframe ? { timeframe: request.timeframe } : {}),
    ...(signals ? { signals } : {}),
    ...(request.otherMarkets ? { otherMarkets: request.otherMarkets } : {}),
  });
  const { report, latest } = trainWalkForward(request.spec, features, request.candles, control);
  return { featureNames: features.names, report, latest };
}
