import { useId, useState } from 'react';
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { kindTitle } from './model-kinds';
import { deleteRefusal, pinKey } from './model-pins';
import { pct, ratio, span } from './report-format';
import type { ModelRegistry } from './use-model-registry';

type Comparison = MethodOutput<'models.compare'>;

/** The number a trader compares first: AUC (or accuracy) for classifiers, R² for regressors. */
export function keyMetric(v: ModelVersionSummary): string {
  if (v.r2 !== null) return `R² ${ratio(v.r2)}`;
  if (v.rocAuc !== null) return `AUC ${ratio(v.rocAuc)} · acc. ${pct(v.accuracy)}`;
  return `acc. ${pct(v.accuracy)}`;
}

const versionName = (v: Pick<ModelVersionSummary, 'name' | 'version'>) => `${v.name} v${v.version}`;

interface RegistrySectionProps {
  registry: ModelRegistry;
  openedKey: string | null;
  onOpen(version: ModelVersionSummary): void;
}

/**
 * Every trained version: what it is, what it was trained on with which library, its key
 * out-of-sample score and who pins it; two can be compared side by side; a version is deleted
 * after a confirmation, and refused while a bot pins it. Unreadable files are listed with why.
 */
export function RegistrySection({ registry, openedKey, onOpen }: RegistrySectionProps) {
  const client = useRpcClient();
  const headingId = useId();
  const [checked, setChecked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [deleting, setDeleting] = useState<ModelVersionSummary | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const versions = registry.versions ?? [];
  const byKey = new Map(versions.map((v) => [pinKey(v.id, v.version), v]));

  const toggle = (key: string) => setChecked((c) => (c.includes(key) ? c.filter((k) => k !== key) : [...c.slice(-1), key]));
  const compare = () => {
    const [a, b] = checked.map((k) => byKey.get(k));
    if (!a || !b) return;
    setError(null);
    client
      .call('models.compare', { a: { id: a.id, version: a.version }, b: { id: b.id, version: b.version } })
      .then(setComparison, (f: unknown) => setError(describeError(f)));
  };
  const askDelete = (v: ModelVersionSummary) => {
    setError(null);
    const refused = deleteRefusal(registry.pins, v.id, [v.version]);
    if (refused) setRefusal(`${versionName(v)}: ${refused}`);
    else {
      setRefusal(null);
      setDeleting(v);
    }
  };
  const remove = () => {
    if (!deleting) return;
    setBusy(true);
    client.call('models.delete', { id: deleting.id, version: deleting.version }).then(
      () => {
        setBusy(false);
        setDeleting(null);
        setChecked((c) => c.filter((k) => k !== pinKey(deleting.id, deleting.version)));
        setComparison(null);
        registry.reload();
      },
      (f: unknown) => {
        setBusy(false);
        setError(describeError(f));
      },
    );
  };
  const deletingPins = deleting ? registry.pins.get(pinKey(deleting.id, deleting.version)) : undefined;

  return (
    <section className="models-registry" aria-labelledby={headingId}>
      <header className="models-section-header">
        <h3 className="lab-subtitle" id={headingId}>
          Model registry
        </h3>
        <button type="button" className="button" onClick={compare} disabled={checked.length !== 2}>
          Compare selected
        </button>
        <button type="button" className="button" onClick={registry.reload}>
          Refresh
        </button>
      </header>
      {registry.versions !== null && versions.length === 0 ? (
        <p className="panel-message" role="status">
          No trained model yet. Pick a strategy with a Model block and a data set above, then Train: each training is stored here as a
          version that strategies and bots can pin.
        </p>
      ) : null}
      {refusal ? (
        <p className="note note--error" role="alert">
          {refusal}
        </p>
      ) : null}
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {versions.length > 0 ? (
        <table className="data-table models-versions" aria-label="Model versions">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              <th scope="col">Model</th>
              <th scope="col">Kind</th>
              <th scope="col">Label</th>
              <th scope="col">Trained on</th>
              <th scope="col">Library</th>
              <th scope="col">Out of sample</th>
              <th scope="col">Pinned by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const key = pinKey(v.id, v.version);
              const pins = registry.pins.get(key);
              const pinnedBy = [...(pins?.bots.map((b) => `bot ${b}`) ?? []), ...(pins?.strategies.map((s) => `strategy ${s}`) ?? [])];
              return (
                <tr key={key} className={openedKey === key ? 'is-selected' : undefined} data-testid="model-version-row">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare ${versionName(v)}`}
                      checked={checked.includes(key)}
                      onChange={() => toggle(key)}
                    />
                  </td>
                  <td>{versionName(v)}</td>
                  <td>{kindTitle(v.kind)}</td>
                  <td>{v.label}</td>
                  <td className="num">
                    {v.trainedOn}, {span(v.range.from, v.range.to)}
                  </td>
                  <td>{registry.libraries.get(key)?.join(', ') ?? '…'}</td>
                  <td className={`num ${v.beatsBaseline ? '' : 'is-down'}`}>
                    {keyMetric(v)}
                    {v.beatsBaseline ? '' : ' · below baseline'}
                  </td>
                  <td>{pinnedBy.length > 0 ? pinnedBy.join('; ') : 'none'}</td>
                  <td className="models-row-actions">
                    <button type="button" className="button" onClick={() => onOpen(v)} aria-label={`Open ${versionName(v)}`}>
                      Open
                    </button>
                    <button type="button" className="button" onClick={() => askDelete(v)} aria-label={`Delete ${versionName(v)}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {registry.unreadable.length > 0 ? (
        <div className="note note--warn" role="status">
          <p>These files in the models folder could not be read (they are not used):</p>
          <ul>
            {registry.unreadable.map((u) => (
              <li key={u.file}>
                <code>{u.file}</code>: {u.problem}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {comparison ? <ComparisonTable comparison={comparison} libraries={registry.libraries} onClose={() => setComparison(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${versionName(deleting)}?`}
          confirmLabel="Delete version"
          busyLabel="Deleting…"
          busy={busy}
          error={error}
          onConfirm={remove}
          onCancel={() => setDeleting(null)}
        >
          <p>The stored model and its report are removed; its version number is not reused.</p>
          {deletingPins && deletingPins.strategies.length > 0 ? (
            <p className="note note--warn">
              Pinned by strategy {deletingPins.strategies.join(', ')}: its backtests will be refused until its Model block names another
              version.
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function ComparisonTable({
  comparison,
  libraries,
  onClose,
}: {
  comparison: Comparison;
  libraries: ReadonlyMap<string, string[]>;
  onClose(): void;
}) {
  const headingId = useId();
  const { a, b } = comparison;
  const rows: Array<[string, (v: ModelVersionSummary) => string]> = [
    ['Kind', (v) => kindTitle(v.kind)],
    ['Label', (v) => v.label],
    ['Features', (v) => v.features.join(', ')],
    ['Trained on', (v) => `${v.trainedOn}, ${span(v.range.from, v.range.to)}`],
    ['Windows', (v) => String(v.windows)],
    ['Library', (v) => libraries.get(pinKey(v.id, v.version))?.join(', ') ?? '…'],
    ['Accuracy', (v) => pct(v.accuracy)],
    ['ROC AUC', (v) => ratio(v.rocAuc)],
    ['R²', (v) => ratio(v.r2)],
    ['Beats baselines', (v) => (v.beatsBaseline ? 'yes' : 'no')],
  ];
  return (
    <section className="models-compare" aria-labelledby={headingId}>
      <header className="models-section-header">
        <h4 className="lab-subtitle" id={headingId}>
          Compare {versionName(a)} with {versionName(b)}
        </h4>
        <button type="button" className="button" onClick={onClose}>
          Close comparison
        </button>
      </header>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col"> </th>
            <th scope="col">{versionName(a)}</th>
            <th scope="col">{versionName(b)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, read]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{read(a)}</td>
              <td>{read(b)}</td>
            </tr>
          ))}
          {comparison.differences.map((d) => (
            <tr key={d.field} className="models-difference">
              <th scope="row">{d.field}</th>
              <td>{d.a}</td>
              <td>{d.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {comparison.differences.length === 0 ? (
        <p className="field-hint">Same definition: the versions differ only in the data they were trained on.</p>
      ) : null}
    </section>
  );
}
