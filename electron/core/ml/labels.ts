import type { LabelSpec } from '../../../shared/ml/model-spec';

/**
 * The label of the row at bar `i`, read from closes `i` and `i + horizon`; NaN when that close is
 * not there yet (the last `horizon` bars) or a close is not a positive number. Known only at the
 * close of bar `i + horizon`: the walk-forward purge keeps every training label before the bar
 * being predicted.
 */
export function labelAt(close: ArrayLike<number>, i: number, label: LabelSpec, length = close.length): number {
  const ahead = i + label.horizon;
  if (ahead >= length) return NaN;
  const now = close[i]!;
  const later = close[ahead]!;
  if (!(now > 0) || !(later > 0)) return NaN;
  const returnPct = (later / now - 1) * 100;
  if (label.kind === 'forwardReturn') return returnPct;
  if (label.kind === 'direction') return later > now ? 1 : 0;
  return returnPct > label.thresholdPct ? 1 : 0;
}

/** Every bar's label (NaN where unknown). */
export function labelColumn(close: ArrayLike<number>, label: LabelSpec): Float64Array {
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = labelAt(close, i, label);
  return out;
}
