/**
 * Z-score normalisation fitted on a training window only: the predicted bars are scaled with the
 * training window's mean and spread, never their own (which would leak the future into the past).
 */
export interface ZScore {
  mean: Float64Array;
  /** Standard deviation per column; a column constant over the window keeps 1 (it only centres). */
  scale: Float64Array;
  /** Columns that were constant over the window (reported by the trainer, tolerated by the kernel). */
  constant: number[];
}

export function fitZScore(rows: readonly Float64Array[], width: number): ZScore {
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  const n = rows.length;
  for (const row of rows) for (let j = 0; j < width; j++) mean[j]! += row[j]!;
  for (let j = 0; j < width; j++) mean[j] = n > 0 ? mean[j]! / n : 0;
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      const d = row[j]! - mean[j]!;
      scale[j]! += d * d;
    }
  }
  const constant: number[] = [];
  for (let j = 0; j < width; j++) {
    const sd = n > 1 ? Math.sqrt(scale[j]! / (n - 1)) : 0;
    // Relative to the level, so a feature that only wobbles in its last digits counts as constant.
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean[j]!)))) {
      constant.push(j);
      scale[j] = 1;
    } else scale[j] = sd;
  }
  return { mean, scale, constant };
}

export function applyZScore(z: ZScore, row: ArrayLike<number>, out: Float64Array = new Float64Array(row.length)): Float64Array {
  for (let j = 0; j < out.length; j++) out[j] = (row[j]! - z.mean[j]!) / z.scale[j]!;
  return out;
}
