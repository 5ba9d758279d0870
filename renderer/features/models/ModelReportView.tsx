import { useId } from 'react';
import type { ModelReport, WindowReport } from '../../../shared/ml/model-report';
import { CalibrationChart } from './CalibrationChart';
import { ImportanceBars } from './ImportanceBars';
import { pct, ratio, span } from './report-format';

function windowScores(w: WindowReport): string[] {
  if (w.classification)
    return [pct(w.classification.accuracy), pct(w.classification.precision), pct(w.classification.recall), ratio(w.classification.rocAuc)];
  if (w.regression) return [pct(w.regression.directionAccuracy), ratio(w.regression.r2), ratio(w.regression.meanAbsoluteError), '—'];
  return ['—', '—', '—', '—'];
}

/**
 * The out-of-sample report of a version: the baseline verdict first (a model that does not beat
 * "always up" or "repeat the last move" is called out before any score), then the overall
 * scores, each walk-forward window, calibration and feature importance.
 */
export function ModelReportView({ report, title }: { report: ModelReport; title: string }) {
  const headingId = useId();
  const c = report.overall.classification;
  const r = report.overall.regression;
  const regression = c === null && r !== null;
  const head = regression ? ['Direction accuracy', 'R²', 'Mean abs. error (%)', ''] : ['Accuracy', 'Precision', 'Recall', 'ROC AUC'];
  return (
    <section className="models-report" aria-labelledby={headingId} data-testid="model-report">
      <h3 className="lab-subtitle" id={headingId}>
        {title}
      </h3>
      {report.baselineWarning ? (
        <p className="models-baseline-warning" role="alert" data-testid="baseline-warning">
          <strong>Does not beat a naive baseline.</strong> {report.baselineWarning}
        </p>
      ) : (
        <p className="note note--ok" data-testid="baseline-verdict">
          Beats both naive baselines out of sample: model {pct(report.modelAccuracy)}, always up {pct(report.baselines.alwaysUp)}, repeat
          the last move {pct(report.baselines.previousMove)}.
        </p>
      )}
      <p className="field-hint">
        Out-of-sample only: every score below is on bars the window&apos;s model never trained on.{' '}
        {report.range.bars.toLocaleString('en-US')} bars, {span(report.range.from, report.range.to)}; {report.windows.length} walk-forward
        window{report.windows.length === 1 ? '' : 's'}.
      </p>
      <dl className="metrics-grid" aria-label="Overall out-of-sample scores">
        {(regression
          ? [
              ['Direction accuracy', pct(r.directionAccuracy)],
              ['R²', ratio(r.r2)],
              ['Mean abs. error (%)', ratio(r.meanAbsoluteError)],
            ]
          : [
              ['Accuracy', pct(c?.accuracy)],
              ['Precision', pct(c?.precision)],
              ['Recall', pct(c?.recall)],
              ['ROC AUC', ratio(c?.rocAuc)],
            ]
        )
          .concat([
            ['Always up', pct(report.baselines.alwaysUp)],
            ['Repeat last move', pct(report.baselines.previousMove)],
          ])
          .map(([label, value]) => (
            <div key={label} className="metric">
              <dt className="metric-label">{label}</dt>
              <dd className="metric-value num">{value}</dd>
            </div>
          ))}
      </dl>
      <div className="models-report-charts">
        {c ? (
          <figure className="models-figure">
            <figcaption className="field-label">Calibration</figcaption>
            <CalibrationChart bins={c.calibration} />
          </figure>
        ) : null}
        <figure className="models-figure models-figure--wide">
          <figcaption className="field-label">Feature importance (out of sample)</figcaption>
          <ImportanceBars importance={report.importance} />
        </figure>
      </div>
      <table className="data-table models-windows" aria-label="Walk-forward windows">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Trained on</th>
            <th scope="col">Predicted</th>
            {head.filter(Boolean).map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col">Always up</th>
          </tr>
        </thead>
        <tbody>
          {report.windows.map((w) => (
            <tr key={w.index}>
              <td className="num">{w.index + 1}</td>
              <td className="num">{span(w.trainFrom, w.trainTo)}</td>
              <td className="num">{span(w.testFrom, w.testTo)}</td>
              {windowScores(w)
                .slice(0, head.filter(Boolean).length)
                .map((v, i) => (
                  <td key={i} className="num">
                    {v}
                  </td>
                ))}
              <td className="num">{pct(w.baselines.alwaysUp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
