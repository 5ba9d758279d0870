import type { CalibrationBin } from '../../../shared/ml/model-report';
import { pct } from './report-format';

const SIZE = 160;
const PAD = 22;

/**
 * Predicted probability (x) against how often the label was 1 (y) per bin, out of sample: a
 * calibrated model sits on the diagonal. Dots grow with the bin's row count.
 */
export function CalibrationChart({ bins }: { bins: readonly CalibrationBin[] }) {
  const used = bins.filter((b) => b.count > 0 && b.predicted !== null && b.observed !== null);
  const most = Math.max(1, ...used.map((b) => b.count));
  const x = (p: number) => PAD + p * (SIZE - 2 * PAD);
  const y = (p: number) => SIZE - PAD - p * (SIZE - 2 * PAD);
  const label =
    used.length === 0
      ? 'Calibration: no out-of-sample bar was predicted'
      : `Calibration: ${used.map((b) => `predicted ${pct(b.predicted)} → observed ${pct(b.observed)} (${b.count} bars)`).join('; ')}`;
  return (
    <svg className="models-calibration" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={label} data-testid="calibration-chart">
      <rect x={PAD} y={PAD} width={SIZE - 2 * PAD} height={SIZE - 2 * PAD} className="models-calibration-frame" />
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="models-calibration-diagonal" />
      {used.length > 1 ? (
        <polyline className="models-calibration-line" points={used.map((b) => `${x(b.predicted!)},${y(b.observed!)}`).join(' ')} />
      ) : null}
      {used.map((b, i) => (
        <circle key={i} cx={x(b.predicted!)} cy={y(b.observed!)} r={2 + 3 * Math.sqrt(b.count / most)} className="models-calibration-dot" />
      ))}
      <text x={SIZE / 2} y={SIZE - 4} className="models-axis-label" textAnchor="middle">
        predicted
      </text>
      <text x={8} y={SIZE / 2} className="models-axis-label" textAnchor="middle" transform={`rotate(-90 8 ${SIZE / 2})`}>
        observed
      </text>
    </svg>
  );
}
