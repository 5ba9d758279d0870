import { pct } from './report-format';

/** Out-of-sample permutation importance as horizontal bars, largest first (shares of the total). */
export function ImportanceBars({ importance }: { importance: ReadonlyArray<{ feature: string; importance: number }> }) {
  const sorted = [...importance].sort((a, b) => b.importance - a.importance);
  const top = Math.max(1e-9, ...sorted.map((f) => f.importance));
  if (sorted.length === 0) return <p className="field-hint">No feature importance: no window had bars to shuffle.</p>;
  return (
    <ul className="models-importance" aria-label="Feature importance" data-testid="importance-bars">
      {sorted.map((f) => (
        <li key={f.feature} className="models-importance-row" aria-label={`${f.feature}: ${pct(f.importance)}`}>
          <span className="models-importance-name" title={f.feature}>
            {f.feature}
          </span>
          <span className="models-importance-track" aria-hidden>
            <span className="models-importance-fill" style={{ width: `${Math.max(0, (f.importance / top) * 100)}%` }} />
          </span>
          <span className="models-importance-value num">{pct(f.importance)}</span>
        </li>
      ))}
    </ul>
  );
}
