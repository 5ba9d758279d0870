import { useCallback, useEffect, useId, useState } from 'react';
import type { Backup, StorageInfo } from '../../../shared/ipc/schemas/storage';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { useHostCode } from '../trust/use-host-code';
import { formatBackupTime, formatBytes, reasonLabel } from './data-format';
import { DiagnosticsSection } from './DiagnosticsSection';
import './data.css';

type Busy = null | 'backup' | 'check' | 'cancel';

/**
 * The data folder's database: its backups (time, reason, size), "Back up now", the full
 * integrity check and "Restore…". A restore is verified by core now and applied at the next
 * start (a running core cannot swap its own file), so the confirmation names what is replaced.
 */
export function DataDialog({ onClose }: { onClose(): void }) {
  const client = useRpcClient();
  const titleId = useId();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [restoreBusy, setRestoreBusy] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  // A restore can bring back looser limits and confirmations off: the host confirms it (native dialog or printed code).
  const hostCode = useHostCode();

  const refresh = useCallback(
    () =>
      client.call('storage.info').then(
        (next) => setInfo(next),
        (failure: unknown) => setError(describeError(failure)),
      ),
    [client],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const run = (kind: Exclude<Busy, null>, action: () => Promise<string>) => {
    setBusy(kind);
    setError(null);
    setNotice(null);
    action().then(
      (message) => {
        setBusy(null);
        setNotice(message);
        void refresh();
      },
      (failure: unknown) => {
        setBusy(null);
        setError(describeError(failure));
      },
    );
  };

  const backUp = () =>
    run('backup', () =>
      client.call('storage.backup').then((backup) => `Backup written: ${backup.name} (${formatBytes(backup.sizeBytes)}).`),
    );
  const check = () =>
    run('check', () =>
      client
        .call('storage.check')
        .then((report) =>
          report.ok
            ? 'Integrity check passed: the database is sound.'
            : `Integrity check found problems: ${report.problems.slice(0, 3).join('; ')}. Restore a backup.`,
        ),
    );
  const cancelRestore = () =>
    run('cancel', () => client.call('storage.cancelRestore').then(() => 'The restore was cancelled; the current database stays.'));

  const confirmRestore = () => {
    if (!restoring) return;
    setRestoreBusy(true);
    setRestoreError(null);
    const name = restoring.name;
    hostCode
      .run((confirmationCode) =>
        client.call('storage.restore', { name, confirmed: true, ...(confirmationCode ? { confirmationCode } : {}) }),
      )
      .then(
        (result) => {
          setRestoreBusy(false);
          setRestoring(null);
          setNotice(result.message);
          void refresh();
        },
        (failure: unknown) => {
          setRestoreBusy(false);
          setRestoreError(describeError(failure));
        },
      );
  };

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={busy !== null} className="data-dialog">
      <h2 className="dialog-title" id={titleId}>
        Data
      </h2>
      {info ? (
        <p className="data-file">
          Database <span className="data-path">{info.file}</span> · <span className="num">{formatBytes(info.sizeBytes)}</span>
        </p>
      ) : null}
      {info?.damaged ? (
        <p className="dialog-error" role="alert">
          {info.damaged}
        </p>
      ) : null}
      {info?.lastBackupFailure ? (
        <p className="dialog-error" role="alert">
          {info.lastBackupFailure.message}
        </p>
      ) : null}
      {info?.pendingRestore ? (
        <div className="data-pending" role="status">
          <span>
            Backup <span className="data-path">{info.pendingRestore.backup}</span> will be restored when Tradewind next starts. Restart
            Tradewind to restore it now.
          </span>
          <button type="button" className="button" onClick={cancelRestore} disabled={busy !== null}>
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel restore'}
          </button>
        </div>
      ) : null}
      <section aria-label="Backups" className="data-backups">
        {info === null ? (
          <p className="data-empty">{error ? '' : 'Loading backups…'}</p>
        ) : info.backups.length === 0 ? (
          <p className="data-empty">
            No backups yet. Tradewind backs up every day and before every upgrade; “Back up now” makes one at once.
          </p>
        ) : (
          <table className="data-table data-backups-table">
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Why</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {info.backups.map((backup) => (
                <tr key={backup.name}>
                  <td className="num">{formatBackupTime(backup.at)}</td>
                  <td>{reasonLabel(backup)}</td>
                  <td className="num">{formatBytes(backup.sizeBytes)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Restore the backup taken ${formatBackupTime(backup.at)}`}
                      onClick={() => {
                        setRestoreError(null);
                        setRestoring(backup);
                      }}
                      disabled={busy !== null}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {info ? (
          <p className="data-retention">
            Kept in {info.backupsDir}: the last {info.retention.daily} daily, {info.retention['pre-migration']} before upgrades and{' '}
            {info.retention.manual} made by hand.
          </p>
        ) : null}
      </section>
      <DiagnosticsSection />
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="data-notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={check} disabled={busy !== null}>
          {busy === 'check' ? 'Checking…' : 'Check database'}
        </button>
        <button type="button" className="button" onClick={backUp} disabled={busy !== null || Boolean(info?.damaged)}>
          {busy === 'backup' ? 'Backing up…' : 'Back up now'}
        </button>
        <button type="button" className="button" data-autofocus onClick={onClose} disabled={busy !== null}>
          Close
        </button>
      </div>
      {restoring && info ? (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore at next start"
          busyLabel="Checking the backup…"
          busy={restoreBusy}
          error={restoreError}
          onConfirm={confirmRestore}
          onCancel={() => setRestoring(null)}
        >
          <p>
            The database {info.file} ({formatBytes(info.sizeBytes)}) will be replaced by the backup taken {formatBackupTime(restoring.at)} (
            {reasonLabel(restoring).toLowerCase()}, {formatBytes(restoring.sizeBytes)}) the next time Tradewind starts.
          </p>
          <p>
            Orders, fills, bots&apos; progress and settings recorded since then are replaced; the current file is kept beside it as
            tradewind.sqlite.before-restore-&lt;time&gt;. Restart Tradewind afterwards.
          </p>
          <p>
            Limits and order confirmations come back as they were then; live bots in the backup come back paused, to be resumed by hand.
            Tradewind asks you to confirm the restore on the host.
          </p>
          {hostCode.field}
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
