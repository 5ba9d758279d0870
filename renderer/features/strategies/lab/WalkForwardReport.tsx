/**
 * The walk-forward report: per fold the in-sample window, the parameters it chose and how they
 * did on the next (unseen) window, and the out-of-sample runs stitched into one equity line.
 */
import type { OptimiseRunResult } from '../../../../shared/ipc/schemas/strategies';
import type { OptimiseObjective } from '../../../../shared/strategy/backtest-schema';
import { formatPercent } from '../../../lib/format/numbers';
import { formatRatio, formatUtcDay } from './lab-format';

type WalkForward = NonNullable<OptimiseRunResult['walkForward']>;

const WIDTH = 560;
const HEIGHT = 140;
const PAD = 6;

/** SVG path of the stitched equity scaled into the chart box. */
export function equityPath(time: readonly number[], equity: readonly number[], width = WIDTH, height = HEIGHT): string {
  if (time.length === 0) return '';
  const t0 = time[0]!;
  const t1 = time.at(-1)!;
  const lo = Math.min(...equity);
  const hi = Math.max(...equity);
  const x = (t: number) => PAD + (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - 2 * PAD));
  const y = (v: number) => height - PAD - (hi === lo ? (height - 2 * PAD) / 2 : ((v - lo) / (hi - lo)) * (height - 2 * PAD));
  return time.map((t, i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(equity[i]!).toFixed(1)}`).join(' ');
}

export function WalkForwardReport({ report, objective, title }: { report: WalkForward; objective: OptimiseObjective; title: string }) {
  const { equity } = report;
  const first = equity.equity[0];
  const last = equity.equity.at(-1);
  const summary = `Stitched out-of-sample equity over ${report.folds.length} ${report.anchored ? 'anchored' : 'rolling'} folds: ${formatPercent(report.stitchedReturnPct)} return${
    first !== undefined && last !== undefined ? `, from ${first.toFixed(2)} to ${last.toFixed(2)}` : ''
  }.`;
  return (
    <section className="walk-forward" aria-label="Walk-forward report" data-testid="walk-forward-report">
      <p className="field-hint num">{summary}</p>
      <svg className="walk-forward-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={summary}>
        <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill="#11161d" />
        <path
          d={equityPath(equity.time, equity.equity)}
          fill="none"
          stroke={report.stitchedReturnPct >= 0 ? '#22c38e' : '#f0506e'}
          strokeWidth={1.5}
        />
      </svg>
      <table className="data-table" data-testid="walk-forward-folds">
        <caption className="lab-subtitle">Folds</caption>
        <thead>
          <tr>
            <th scope="col">Fold</th>
            <th scope="col">In sample</th>
            <th scope="col">Out of sample</th>
            <th scope="col" className="cell-text">
              Chosen parameters
            </th>
            <th scope="col">{title} (in)</th>
            <th scope="col">{title} (out)</th>
            <th scope="col">Return (out)</th>
            <th scope="col">Trades (out)</th>
          </tr>
        </thead>
        <tbody>
          {report.folds.map((fold, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td className="num">
                {formatUtcDay(fold.inSample.startTime)} – {formatUtcDay(fold.inSample.endTime)}
              </td>
              <td className="num">
                {formatUtcDay(fold.outOfSample.startTime)} – {formatUtcDay(fold.outOfSample.endTime)}
              </td>
              <td className="cell-text num">{fold.values ? fold.values.join(', ') : 'none ranked: stayed in cash'}</td>
              <td className="num">{formatRatio(fold.inSampleScore)}</td>
              <td className="num">{fold.outOfSampleMetrics ? formatRatio(fold.outOfSampleMetrics[objective]) : '—'}</td>
              <td className="num">{formatPercent(fold.outOfSampleMetrics?.returnPct ?? null)}</td>
              <td className="num">{fold.outOfSampleMetrics?.trades ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
