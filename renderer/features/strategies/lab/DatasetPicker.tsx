import { useId, useState } from 'react';
import type { Dataset } from '../../../../shared/ipc/schemas/strategies';
import { useStore } from '../../../store';
import { DownloadDialog } from './DownloadDialog';
import { ImportCsvDialog } from './ImportCsvDialog';
import { formatUtcDay } from './lab-format';

const GROUPS: Array<{ kind: Dataset['kind']; label: string }> = [
  { kind: 'bundled', label: 'Bundled (offline)' },
  { kind: 'download', label: 'Downloaded' },
  { kind: 'import', label: 'Imported' },
];

/** The data a run uses: bundled history, downloads and imports; the last two can be added here. */
export function DatasetPicker({ reload, disabled }: { reload: () => void; disabled: boolean }) {
  const datasets = useStore((state) => state.datasets);
  const selected = useStore((state) => state.labDatasetId);
  const status = useStore((state) => state.datasetsStatus);
  const error = useStore((state) => state.datasetsError);
  const select = useStore((state) => state.selectLabDataset);
  const id = useId();
  const [dialog, setDialog] = useState<'download' | 'import' | null>(null);
  const current = datasets.find((d) => d.id === selected);
  const added = (datasetId: string) => {
    select(datasetId);
    reload();
  };
  return (
    <div className="dataset-picker">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Data set
        </label>
        <select
          id={id}
          className="select"
          value={selected ?? ''}
          onChange={(e) => select(e.target.value)}
          disabled={disabled || datasets.length === 0}
        >
          {datasets.length === 0 ? <option value="">{status === 'error' ? 'Could not load data sets' : 'Loading…'}</option> : null}
          {GROUPS.map((group) => {
            const items = datasets.filter((d) => d.kind === group.kind);
            return items.length > 0 ? (
              <optgroup key={group.kind} label={group.label}>
                {items.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
        {current ? (
          <span className="field-hint num">
            {current.bars.toLocaleString('en-US')} bars
            {current.firstTime !== null && current.lastTime !== null
              ? `, ${formatUtcDay(current.firstTime)} to ${formatUtcDay(current.lastTime)}`
              : ''}
          </span>
        ) : null}
        {error ? <span className="field-hint is-down">{error}</span> : null}
      </div>
      <div className="dataset-actions">
        <button type="button" className="button" onClick={() => setDialog('download')} disabled={disabled}>
          Download history…
        </button>
        <button type="button" className="button" onClick={() => setDialog('import')} disabled={disabled}>
          Import CSV…
        </button>
      </div>
      {dialog === 'download' ? <DownloadDialog onClose={() => setDialog(null)} onDownloaded={added} /> : null}
      {dialog === 'import' ? <ImportCsvDialog onClose={() => setDialog(null)} onImported={added} /> : null}
    </div>
  );
}
