import type { Locator, Page } from '@playwright/test';

/** The Data dialog: the data folder's backups, taking one by hand and restoring one. */
export class DataDialog {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly noBackups: Locator;
  readonly backUpNow: Locator;
  readonly status: Locator;
  readonly restoreButtons: Locator;
  readonly rows: Locator;
  readonly close: Locator;
  readonly restoreConfirm: Locator;
  readonly restoreAtNextStart: Locator;

  constructor(page: Page) {
    this.open = page.getByRole('button', { name: 'Data', exact: true });
    this.dialog = page.getByRole('dialog', { name: 'Data' });
    this.noBackups = this.dialog.getByText(/^No backups yet\./);
    this.backUpNow = this.dialog.getByRole('button', { name: 'Back up now' });
    this.status = this.dialog.getByRole('status');
    this.restoreButtons = this.dialog.getByRole('button', { name: /^Restore the backup taken / });
    this.rows = this.dialog.getByRole('row');
    this.close = this.dialog.getByRole('button', { name: 'Close' });
    this.restoreConfirm = page.getByRole('alertdialog', { name: 'Restore this backup?' });
    this.restoreAtNextStart = this.restoreConfirm.getByRole('button', { name: 'Restore at next start' });
  }
}
