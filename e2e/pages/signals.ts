import type { Locator, Page } from '@playwright/test';

/** Bots → Signals…: the listener switch, the new-source form, the secret shown once, and the signal log. */
export class SignalsDialog {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly accept: Locator;
  readonly sourceName: Locator;
  readonly markets: Locator;
  readonly create: Locator;
  readonly url: Locator;
  readonly secret: Locator;
  readonly template: Locator;
  readonly copied: Locator;
  readonly close: Locator;
  readonly log: Locator;

  constructor(page: Page) {
    this.open = page.getByRole('button', { name: 'Signals…' });
    this.dialog = page.getByRole('dialog', { name: 'Signals' });
    this.accept = this.dialog.getByRole('checkbox', { name: /^Accept signals/ });
    const form = this.dialog.getByRole('form', { name: 'New signal source' });
    this.sourceName = form.getByRole('textbox', { name: 'Source name' });
    this.markets = form.getByRole('textbox', { name: /^Markets/ });
    this.create = form.getByRole('button', { name: 'Create source' });
    const created = this.dialog.getByRole('region', { name: 'New signal source' });
    this.url = created.getByRole('textbox', { name: 'Signal URL' });
    this.secret = created.getByRole('textbox', { name: 'Secret' });
    this.template = created.getByRole('textbox', { name: 'TradingView alert message' });
    this.copied = created.getByRole('button', { name: 'Done, I copied it' });
    this.close = this.dialog.getByRole('button', { name: 'Close', exact: true });
    this.log = this.dialog.getByRole('table', { name: 'Signal log' });
  }
}
