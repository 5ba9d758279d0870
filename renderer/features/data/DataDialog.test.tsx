// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import type { Backup, StorageInfo } from '../../../shared/ipc/schemas/storage';
import { createRpcClient } from '../../lib/ipc/client';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { DataButton } from './DataButton';

const daily: Backup = {
  name: 'tradewind-2026-12-05T00-10-00-000Z-daily.sqlite',
  at: Date.UTC(2026, 11, 5, 0, 10),
  sizeBytes: 3 * 1024 * 1024,
  reason: 'daily',
  schemaVersion: null,
};
const preMigration: Backup = {
  name: 'tradewind-2026-12-01T08-00-00-000Z-pre-migration-v11.sqlite',
  at: Date.UTC(2026, 11, 1, 8),
  sizeBytes: 2048,
  reason: 'pre-migration',
  schemaVersion: 11,
};

let info: StorageInfo;
let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(() => {
  info = {
    file: '/home/me/.config/Tradewind/tradewind.sqlite',
    sizeBytes: 4 * 1024 * 1024,
    backupsDir: '/home/me/.config/Tradewind/backups',
    backups: [daily, preMigration],
    retention: { daily: 7, manual: 5, 'pre-migration': 5 },
    pendingRestore: null,
    damaged: null,
    lastBackupFailure: null,
  };
  bridge = new MemoryBridge({
    'storage.info': () => info,
    'storage.backup': () => {
      const made: Backup = {
        name: 'tradewind-2026-12-06T01-00-00-000Z-manual.sqlite',
        at: Date.UTC(2026, 11, 6, 1),
        sizeBytes: 4096,
        reason: 'manual',
        schemaVersion: null,
      };
      info = { ...info, backups: [made, ...info.backups] };
      return made;
    },
    'storage.check': () => ({ ok: true, problems: [] }),
    'storage.restore': ({ name }) => {
      info = { ...info, pendingRestore: { backup: name, requestedAt: 1 } };
      return {
        pendingRestore: { backup: name, requestedAt: 1 },
        message: `Backup ${name} passed its integrity check. Restart Tradewind to restore it.`,
      };
    },
    'storage.cancelRestore': () => {
      info = { ...info, pendingRestore: null };
      return { pendingRestore: null };
    },
  });
  view = render(<DataButton />, createRpcClient(bridge));
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

async function openDialog(): Promise<HTMLElement> {
  click(byRole(document, 'button', 'Data'));
  await flush();
  return byRole(document, 'dialog', 'Data');
}

describe('Data dialog', () => {
  it('lists backups with time, reason and size, and backs up now', async () => {
    const dialog = await openDialog();
    const rows = [...dialog.querySelectorAll('tbody tr')].map((row) => row.textContent);
    expect(rows).toEqual(['2026-12-05 00:10 UTCDaily3.0 MBRestore…', '2026-12-01 08:00 UTCBefore upgrade (schema 11)2 KBRestore…']);
    expect(dialog.textContent).toContain('/home/me/.config/Tradewind/tradewind.sqlite · 4.0 MB');
    click(byRole(dialog, 'button', 'Back up now'));
    await flush();
    expect(bridge.callsOf('storage.backup')).toHaveLength(1);
    expect(byRole(dialog, 'status').textContent).toBe('Backup written: tradewind-2026-12-06T01-00-00-000Z-manual.sqlite (4 KB).');
    expect(dialog.querySelectorAll('tbody tr')).toHaveLength(3);
    click(byRole(dialog, 'button', 'Check database'));
    await flush();
    expect(byRole(dialog, 'status').textContent).toBe('Integrity check passed: the database is sound.');
  });

  it('restores only after a confirmation naming what will be replaced, and can cancel the pending restore', async () => {
    const dialog = await openDialog();
    click(byRole(dialog, 'button', 'Restore the backup taken 2026-12-05 00:10 UTC'));
    const confirm = byRole(document, 'alertdialog', 'Restore this backup?');
    expect(confirm.textContent).toContain(
      'The database /home/me/.config/Tradewind/tradewind.sqlite (4.0 MB) will be replaced by the backup taken 2026-12-05 00:10 UTC (daily, 3.0 MB)',
    );
    click(byRole(confirm, 'button', 'Cancel'));
    expect(bridge.callsOf('storage.restore')).toEqual([]);

    click(byRole(dialog, 'button', 'Restore the backup taken 2026-12-05 00:10 UTC'));
    click(byRole(document, 'button', 'Restore at next start'));
    await flush();
    expect(bridge.callsOf('storage.restore')).toEqual([{ name: daily.name, confirmed: true }]);
    expect(maybeByRole(document, 'alertdialog')).toBeNull();
    expect(dialog.textContent).toContain(`Backup ${daily.name} will be restored when Tradewind next starts.`);

    click(byRole(dialog, 'button', 'Cancel restore'));
    await flush();
    expect(bridge.callsOf('storage.cancelRestore')).toHaveLength(1);
    expect(dialog.textContent).not.toContain('will be restored when Tradewind next starts');
  });

  it("keeps the confirmation open with core's reason when the backup is damaged", async () => {
    bridge.setHandler('storage.restore', () => {
      throw new TradewindError('invalid_input', 'Cannot restore: the backup is damaged itself; pick another one.');
    });
    const dialog = await openDialog();
    click(byRole(dialog, 'button', 'Restore the backup taken 2026-12-01 08:00 UTC'));
    click(byRole(document, 'button', 'Restore at next start'));
    await flush();
    expect(byRole(byRole(document, 'alertdialog', 'Restore this backup?'), 'alert').textContent).toBe(
      'Cannot restore: the backup is damaged itself; pick another one.',
    );
  });

  it('sends the restore again with the code the headless host printed, and restores only then', async () => {
    // Plays the headless host: `confirmed` is only the request; the code it printed confirms it.
    bridge.setHandler('storage.restore', ({ name, confirmationCode }) => {
      if (confirmationCode !== '123-456')
        throw new TradewindError('confirmation_code_required', `Restore a backup: ${name}. Enter the code printed by the host.`);
      info = { ...info, pendingRestore: { backup: name, requestedAt: 2 } };
      return { pendingRestore: { backup: name, requestedAt: 2 }, message: `Backup ${name} passed its integrity check.` };
    });
    const dialog = await openDialog();
    click(byRole(dialog, 'button', 'Restore the backup taken 2026-12-05 00:10 UTC'));
    const confirm = byRole(document, 'alertdialog', 'Restore this backup?');
    expect(confirm.textContent).toContain('live bots in the backup come back paused, to be resumed by hand');
    click(byRole(confirm, 'button', 'Restore at next start'));
    await flush();
    const group = byRole(confirm, 'group', 'Confirm on the host');
    expect(group.textContent).toContain(`Restore a backup: ${daily.name}.`);
    expect(dialog.textContent).not.toContain('will be restored when Tradewind next starts');
    typeInto(byRole<HTMLInputElement>(group, 'textbox', 'Enter the code printed by the host'), '123-456');
    click(byRole(group, 'button', 'Confirm code'));
    await flush();
    expect(bridge.callsOf('storage.restore')).toEqual([
      { name: daily.name, confirmed: true },
      { name: daily.name, confirmed: true, confirmationCode: '123-456' },
    ]);
    expect(maybeByRole(document, 'alertdialog')).toBeNull();
    expect(dialog.textContent).toContain(`Backup ${daily.name} will be restored when Tradewind next starts.`);
  });

  it('shows a daily backup that failed', async () => {
    info = { ...info, lastBackupFailure: { at: 1, message: 'The daily backup into /x/backups failed: ENOSPC. Older backups are kept.' } };
    const dialog = await openDialog();
    expect(byRole(dialog, 'alert').textContent).toBe('The daily backup into /x/backups failed: ENOSPC. Older backups are kept.');
  });

  it('says what to do when there are no backups yet, and shows a damaged database', async () => {
    info = { ...info, backups: [], damaged: 'The database /x/tradewind.sqlite is damaged (database disk image is malformed).' };
    const dialog = await openDialog();
    expect(dialog.textContent).toContain('No backups yet. Tradewind backs up every day and before every upgrade');
    expect(byRole(dialog, 'alert').textContent).toMatch(/is damaged/);
    expect((byRole(dialog, 'button', 'Back up now') as HTMLButtonElement).disabled).toBe(true);
  });
});
