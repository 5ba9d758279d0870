/**
 * The desktop host's answer to a database core refused at start. A damaged file with a good
 * backup gets a native dialog offering to restore it (core's restore: verified, the damaged file
 * kept aside, the data folder taken first) and to start again; anything else shows the message.
 */
import { app, dialog } from 'electron';
import { DatabaseRefusedError } from '../core/db/database-errors';
import { restoreHoldingFolder } from '../core/db/restore';
import { resolveDataDir } from '../core/paths';

/** Handles `err` when it is a damaged database with a good backup (the app exits or relaunches); false otherwise. */
export function handleDatabaseRefusal(err: unknown, log: (line: string) => void): boolean {
  // Without a good backup to offer, the usual error box shows the message (it says what to do).
  if (!(err instanceof DatabaseRefusedError) || err.goodBackups.length === 0) return false;
  const backup = err.goodBackups[0]!;
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: 'Tradewind could not open its database',
    message: 'The database is damaged. Restore the newest good backup?',
    detail: err.message,
    buttons: ['Quit', 'Restore and restart'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (choice !== 1) {
    app.exit(1);
    return true;
  }
  try {
    const outcome = restoreHoldingFolder(resolveDataDir(), backup, 'Tradewind desktop (restore)');
    log(`restored ${outcome.restored}; the damaged database is kept as ${outcome.keptAs ?? '(none)'}`);
    app.relaunch();
    app.exit(0);
  } catch (restoreError) {
    dialog.showErrorBox('The restore failed', restoreError instanceof Error ? restoreError.message : String(restoreError));
    app.exit(1);
  }
  return true;
}
