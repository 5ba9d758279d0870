import { useState } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { formatBytes } from './data-format';

type Busy = null | 'logs' | 'export';

/**
 * Logs and diagnostics for a bug report: the rotating log files (opened in the file manager by
 * the desktop app; the headless host names the folder) and a redacted diagnostics bundle saved
 * in the data folder. Neither ever holds an API secret.
 */
export function DiagnosticsSection() {
  const client = useRpcClient();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = (kind: Exclude<Busy, null>, action: () => Promise<string>) => {
    setBusy(kind);
    setMessage(null);
    action().then(
      (text) => {
        setBusy(null);
        setMessage({ text, error: false });
      },
      (failure: unknown) => {
        setBusy(null);
        setMessage({ text: describeError(failure), error: true });
      },
    );
  };

  const openLogs = () =>
    run('logs', () =>
      client
        .call('logs.open')
        .then((result) => (result.opened ? `Opened ${result.dir}.` : `The logs are in ${result.dir} on the machine running Tradewind.`)),
    );
  const exportDiagnostics = () =>
    run('export', () =>
      client
        .call('diagnostics.export')
        .then(
          (result) =>
            `Diagnostics saved to ${result.file} (${formatBytes(result.sizeBytes)}). Secrets are redacted; read it before you share it.`,
        ),
    );

  return (
    <section aria-label="Logs and diagnostics" className="data-diagnostics">
      <h3 className="data-subtitle">Logs and diagnostics</h3>
      <div className="data-diagnostics-actions">
        <button type="button" className="button" onClick={openLogs} disabled={busy !== null}>
          {busy === 'logs' ? 'Opening…' : 'Open logs folder'}
        </button>
        <button type="button" className="button" onClick={exportDiagnostics} disabled={busy !== null}>
          {busy === 'export' ? 'Exporting…' : 'Export diagnostics'}
        </button>
      </div>
      {message ? (
        <p className={message.error ? 'dialog-error' : 'data-notice'} role={message.error ? 'alert' : 'status'}>
          <span className="data-path">{message.text}</span>
        </p>
      ) : (
        <p className="data-retention">
          For a bug report: versions, settings, the database check and recent log lines, with secrets removed.
        </p>
      )}
    </section>
  );
}
