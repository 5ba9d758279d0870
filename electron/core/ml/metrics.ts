/**
 * Out-of-sample scores of one set of (prediction, label) pairs: classification (probability of
 * label 1 against 0/1 labels) or regression (predicted against actual forward return, %).
 */
import type { CalibrationBin, ClassificationScores, RegressionScores } from '../../../shared/ml/model-report';

/** NaN (a score the rows cannot give) travels as null. */
export const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

const CALIBRATION_BINS = 10;

export function classificationScores(predicted: readonly number[], labels: readonly number[]): ClassificationScores {
  const n = predicted.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const guess = predicted[i]! >= 0.5 ? 1 : 0;
    const truth = labels[i]!;
    if (guess === truth) correct++;
    if (guess === 1 && truth === 1) tp++;
    else if (guess === 1) fp++;
    else if (truth === 1) fn++;
  }
  return {
    rows: n,
    accuracy: orNull(correct / n),
    precision: orNull(tp / (tp + fp)),
    recall: orNull(tp / (tp + fn)),
    rocAuc: orNull(rocAuc(predicted, labels)),
    calibration: calibration(predicted, labels),
  };
}

/** Mann–Whitney form of the AUC: ties share their ranks. */
export function rocAuc(predicted: readonly number[], labels: readonly number[]): number {
  const order = predicted.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + 1 + j) / 2; // average of ranks i+1 … j
    for (let k = i; k < j; k++) {
      if (labels[order[k]![1]] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function calibration(predicted: readonly number[], labels: readonly number[]): CalibrationBin[] {
  const bins = Array.from({ length: CALIBRATION_BINS }, (_, b) => ({
    from: b / CALIBRATION_BINS,
    to: (b + 1) / CALIBRATION_BINS,
    count: 0,
    sumP: 0,
    ones: 0,
  }));
  for (let i = 0; i < predicted.length; i++) {
    const b = bins[Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(predicted[i]! * CALIBRATION_BINS)))]!;
    b.count++;
    b.sumP += predicted[i]!;
    if (labels[i] === 1) b.ones++;
  }
  return bins.map((b) => ({
    from: b.from,
    to: b.to,
    count: b.count,
    predicted: orNull(b.sumP / b.count),
    observed: orNull(b.ones / b.count),
  }));
}

export function regressionScores(predicted: readonly number[], actual: readonly number[]): RegressionScores {
  const n = predicted.length;
  let mean = 0;
  for (const a of actual) mean += a;
  mean = n ? mean / n : NaN;
  let sse = 0;
  let sst = 0;
  let abs = 0;
  let sameSign = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i]! - predicted[i]!;
    sse += e * e;
    sst += (actual[i]! - mean) ** 2;
    abs += Math.abs(e);
    if (predicted[i]! > 0 === actual[i]! > 0) sameSign++;
  }
  return {
    rows: n,
    r2: sst > 0 ? 1 - sse / sst : null,
    meanAbsoluteError: orNull(abs / n),
    directionAccuracy: orNull(sameSign / n),
  };
}
