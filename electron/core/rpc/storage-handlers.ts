/** Handlers for the data folder's database: backups, the full check, restore at next start. */
import { TradewindError } from '../../../shared/ipc/errors';
import type { Backup } from '../../../shared/ipc/schemas/storage';
import { BackupFailedError, type BackupEntry } from '../db/backups';
import { RestoreRefusedError } from '../db/restore';
import type { Storage } from '../db/storage';
import type { TrustedGate } from '../trust/trusted-gate';
import type { Handlers } from './dispatch';

type StorageHandlers = Pick<Handlers, 'storage.info' | 'storage.backup' | 'storage.check' | 'storage.restore' | 'storage.cancelRestore'>;

/** The renderer sees names, times and sizes; paths inside the data folder stay in core. */
const shown = ({ name, at, sizeBytes, reason, schemaVersion }: BackupEntry): Backup => ({ name, at, sizeBytes, reason, schemaVersion });

const when = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Restoring asks the host's trusted confirmation: an older backup can bring back looser limits and
 * order confirmations off. Its live bots come back paused (db/restored-bots). The CLI's
 * `tradewind restore` runs on the machine itself, holding the folder lock, so it asks nothing more.
 */
export function createStorageHandlers(storage: Storage, trust: TrustedGate): StorageHandlers {
  return {
    'storage.info': () => {
      const info = storage.info();
      return { ...info, backups: info.backups.map(shown) };
    },
    'storage.backup': async () => {
      try {
        return shown(await storage.backup('manual'));
      } catch (error) {
        if (error instanceof BackupFailedError)
          throw new TradewindError(
            'database_damaged',
            `No backup was written: ${error.message}. Run the full check (Data → Check) and restore a backup.`,
          );
        throw error;
      }
    },
    'storage.check': () => storage.check(),
    'storage.restore': async ({ name, confirmationCode }) => {
      const backup = storage.info().backups.find((entry) => entry.name === name);
      if (!backup)
        throw new TradewindError('invalid_input', `Cannot restore: there is no backup named ${name}. Pick one from Data → Backups.`);
      await trust.require(
        {
          action: 'backup.restore',
          accountId: null,
          title: 'Restore a backup',
          detail: `Replace the whole database with the ${backup.reason} backup of ${when(backup.at)} (${name}) at the next start: its accounts' limits, order confirmations and bots come back as they were then; live bots in it come back paused.`,
        },
        confirmationCode,
      );
      try {
        const pendingRestore = storage.requestRestore(name);
        return {
          pendingRestore,
          message: `Backup ${name} passed its integrity check. Restart Tradewind to restore it; the current database will be kept as ${storage.file}.before-restore-<time>.`,
        };
      } catch (error) {
        if (error instanceof RestoreRefusedError) throw new TradewindError('invalid_input', `Cannot restore: ${error.message}.`);
        throw error;
      }
    },
    'storage.cancelRestore': () => {
      storage.cancelRestore();
      return { pendingRestore: null };
    },
  };
}
