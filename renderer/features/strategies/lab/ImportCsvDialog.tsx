import { useId, useState, type FormEvent } from 'react';
import type { CsvIssueView } from '../../../../shared/ipc/schemas/strategies';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { Dialog } from '../../../ui/Dialog';
import { readFileText } from '../list/strategy-files';
import { formatCsvIssue, importCsvText, tooLargeMessage } from './csv-upload';

interface ImportCsvDialogProps {
  onClose(): void;
  onImported(datasetId: string): void;
}

const SHOWN = 30;

/**
 * OHLCV CSV into the candle cache. Core checks every row: errors name the line and the problem
 * (nothing is imported then), gaps are warnings and stay gaps.
 */
export function ImportCsvDialog({ onClose, onImported }: ImportCsvDialogProps) {
  const client = useRpcClient();
  const titleId = useId();
  const nameId = useId();
  const fileId = useId();
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(0);
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'error'; text: string; issues: CsvIssueView[] } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setOutcome({ tone: 'error', text: 'Choose a CSV file.', issues: [] });
      return;
    }
    const label = name.trim() || file.name.replace(/\.[^.]+$/, '');
    const tooLarge = tooLargeMessage(file.size);
    if (tooLarge) {
      setOutcome({ tone: 'error', text: tooLarge, issues: [] });
      return;
    }
    setBusy(true);
    setOutcome(null);
    setSent(0);
    try {
      const result = await importCsvText(client, label.slice(0, 60), await readFileText(file), setSent);
      if (result.ok) {
        const gaps = result.warnings.length;
        setOutcome({
          tone: 'ok',
          text: `Imported ${result.bars.toLocaleString('en-US')} bars as ${result.label}.${gaps > 0 ? ' Gaps are left as they are:' : ''}`,
          issues: result.warnings,
        });
        onImported(result.datasetId);
      } else {
        setOutcome({ tone: 'error', text: `Nothing was imported: fix these lines and try again.`, issues: result.errors });
      }
    } catch (failure) {
      setOutcome({ tone: 'error', text: describeError(failure), issues: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={busy} className="lab-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <h2 className="dialog-title" id={titleId}>
          Import CSV
        </h2>
        <p className="field-hint">
          Columns timestamp, open, high, low, close, volume (an optional header row); timestamps in epoch milliseconds or ISO 8601 (UTC
          unless a zone is given). Up to 20 MB. Importing again under the same name replaces the data.
        </p>
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            CSV file
          </label>
          <input
            id={fileId}
            className="input"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            disabled={busy}
            data-autofocus
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={nameId}>
            Name (default: the file name)
          </label>
          <input id={nameId} className="input" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} disabled={busy} />
        </div>
        {busy ? (
          <div className="job-progress">
            <div
              className="job-progress-track"
              role="progressbar"
              aria-label="Upload progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(sent * 100)}
            >
              <div className="job-progress-fill" style={{ width: `${Math.round(sent * 100)}%` }} />
            </div>
            <span className="job-progress-text">{sent < 1 ? 'Sending…' : 'Checking every row…'}</span>
          </div>
        ) : null}
        {outcome ? (
          <div
            className={`note note--${outcome.tone === 'ok' ? (outcome.issues.length > 0 ? 'warn' : 'ok') : 'error'}`}
            role={outcome.tone === 'error' ? 'alert' : 'status'}
            data-testid="csv-import-outcome"
          >
            <p>{outcome.text}</p>
            {outcome.issues.length > 0 ? (
              <ul className="csv-issues">
                {outcome.issues.slice(0, SHOWN).map((issue, i) => (
                  <li key={i}>{formatCsvIssue(issue)}</li>
                ))}
                {outcome.issues.length > SHOWN ? <li>… and {outcome.issues.length - SHOWN} more</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
