/**
 * Random forests from `ml-random-forest` (mljs): bootstrap rows and a share of the features per
 * tree, both drawn from the seed, so one seed gives one forest. The class probability is the
 * share of trees voting 1, read from the trees' votes (`predictionValues`): the library's own
 * `predictProbability` starts its vote count from the first tree's vote and is off by 1e-6.
 */
import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';
import type { ModelSpec } from '../../../../shared/ml/model-spec';
import { libraryVersion } from './library-versions';
import type { SerializedModel, TrainedModel } from './model-types';

type ForestParams = ModelSpec['forest'];

function forestOptions(params: ForestParams, width: number, seed: number, isClassifier: boolean) {
  const features = Math.max(1, Math.round(params.featureShare * width));
  return {
    // The library reads a number in (0, 1] as a share (floored): aim half a feature above `features`.
    maxFeatures: features >= width ? 1 : (features + 0.5) / width,
    replacement: false,
    nEstimators: params.trees,
    seed,
    useSampleBagging: true,
    noOOB: true,
    isClassifier,
    treeOptions: { maxDepth: params.maxDepth, minNumSamples: params.minNodeRows },
  };
}

export function fitForestClassifier(params: ForestParams, rows: Float64Array[], labels: number[], seed: number): TrainedModel {
  const forest = new RandomForestClassifier(forestOptions(params, rows[0]!.length, seed, true));
  forest.train(
    rows.map((r) => Array.from(r)),
    labels,
  );
  return forestClassifierModel(forest);
}

function forestClassifierModel(forest: RandomForestClassifier): TrainedModel {
  return {
    kind: 'randomForestClassifier',
    predict(row) {
      const votes = forest.predictionValues([Array.from(row)]).getRow(0);
      let up = 0;
      for (const v of votes) if (v === 1) up++;
      return up / votes.length;
    },
    toJSON: (): SerializedModel => ({
      kind: 'randomForestClassifier',
      library: libraryVersion('ml-random-forest'),
      model: plain(forest.toJSON()),
    }),
  };
}

export function fitForestRegressor(params: ForestParams, rows: Float64Array[], values: number[], seed: number): TrainedModel {
  const forest = new RandomForestRegression({ ...forestOptions(params, rows[0]!.length, seed, false), selectionMethod: 'mean' });
  forest.train(
    rows.map((r) => Array.from(r)),
    values,
  );
  return forestRegressorModel(forest);
}

function forestRegressorModel(forest: RandomForestRegression): TrainedModel {
  return {
    kind: 'randomForestRegressor',
    predict: (row) => forest.predict([Array.from(row)])[0]!,
    toJSON: (): SerializedModel => ({
      kind: 'randomForestRegressor',
      library: libraryVersion('ml-random-forest'),
      model: plain(forest.toJSON()),
    }),
  };
}

/** The library's document holds its tree classes; stored and compared as plain JSON. */
function plain(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document));
}

export function loadForest(kind: 'randomForestClassifier' | 'randomForestRegressor', model: unknown): TrainedModel {
  if (kind === 'randomForestClassifier') {
    return forestClassifierModel(RandomForestClassifier.load(model as Parameters<typeof RandomForestClassifier.load>[0]));
  }
  return forestRegressorModel(RandomForestRegression.load(model as Parameters<typeof RandomForestRegression.load>[0]));
}
