/**
 * Logistic regression (`ml-logistic-regression`) and least squares (`ml-regression-multivariate-linear`),
 * both from mljs. The logistic library fits no intercept, so a column of ones is added; its
 * step size applies to the summed gradient, so ours (on the mean gradient) is divided by the rows.
 * Prediction is the fitted weights' dot product (then the sigmoid): a per-bar call in a live bot
 * must not build matrices.
 */
import LogisticRegression from 'ml-logistic-regression';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { Matrix } from 'ml-matrix';
import type { ModelSpec } from '../../../../shared/ml/model-spec';
import { libraryVersion } from './library-versions';
import type { SerializedModel, TrainedModel } from './model-types';

export function fitLogistic(params: ModelSpec['logistic'], rows: Float64Array[], labels: number[]): TrainedModel {
  const width = rows[0]!.length;
  const x = new Matrix(rows.length, width + 1);
  rows.forEach((row, i) => {
    for (let j = 0; j < width; j++) x.set(i, j, row[j]!);
    x.set(i, width, 1);
  });
  const model = new LogisticRegression({ numSteps: params.steps, learningRate: params.learningRate / rows.length });
  model.train(x, Matrix.columnVector(labels));
  return logisticModel(model);
}

function logisticModel(model: LogisticRegression): TrainedModel {
  // One-vs-all: classifier 0 is trained to say 1 for every class but 0, i.e. P(label 1). With a
  // window holding one class only, there is one classifier and it still answers P(label 1).
  const weights = Float64Array.from(model.classifiers[0]!.weights!.to1DArray());
  return {
    kind: 'logistic',
    predict(row) {
      let score = weights[row.length]!;
      for (let j = 0; j < row.length; j++) score += weights[j]! * row[j]!;
      return 1 / (1 + Math.exp(-score));
    },
    toJSON: (): SerializedModel => ({
      kind: 'logistic',
      library: libraryVersion('ml-logistic-regression'),
      model: JSON.parse(JSON.stringify(model.toJSON())),
    }),
  };
}

export function fitLinear(rows: Float64Array[], values: number[]): TrainedModel {
  const model = new MultivariateLinearRegression(
    rows.map((r) => Array.from(r)),
    values.map((v) => [v]),
    { intercept: true, statistics: false },
  );
  return linearModel(model);
}

function linearModel(model: MultivariateLinearRegression): TrainedModel {
  // Weights per input, then the intercept (the library adds its column of ones last).
  const weights = Float64Array.from(model.weights.map((w) => w[0]!));
  return {
    kind: 'linear',
    predict(row) {
      let value = weights[row.length]!;
      for (let j = 0; j < row.length; j++) value += weights[j]! * row[j]!;
      return value;
    },
    toJSON: (): SerializedModel => ({
      kind: 'linear',
      library: libraryVersion('ml-regression-multivariate-linear'),
      model: model.toJSON(),
    }),
  };
}

export function loadLogistic(model: unknown): TrainedModel {
  return logisticModel(LogisticRegression.load(model as Record<string, unknown>));
}

export function loadLinear(model: unknown): TrainedModel {
  return linearModel(MultivariateLinearRegression.load(model as MultivariateLinearRegression.MLRModel));
}
