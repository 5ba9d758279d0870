import type { Locator, Page } from '@playwright/test';

/** The Settings dialog (top bar → Settings, or Ctrl+,) and the first-run banner it shares a document with. */
export class SettingsDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly close: Locator;
  readonly decimalComma: Locator;
  readonly decimalPoint: Locator;
  readonly light: Locator;
  readonly dark: Locator;
  readonly saved: Locator;
  readonly firstRun: Locator;
  readonly firstRunDismiss: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Settings', exact: true });
    this.dialog = page.getByRole('dialog', { name: 'Settings' });
    this.close = this.dialog.getByRole('button', { name: 'Close settings' });
    this.decimalComma = this.dialog.getByRole('radio', { name: 'Decimal comma: 100,5' });
    this.decimalPoint = this.dialog.getByRole('radio', { name: 'Decimal point: 100.5' });
    this.light = this.dialog.getByRole('radio', { name: 'Light' });
    this.dark = this.dialog.getByRole('radio', { name: 'Dark' });
    this.saved = this.dialog.getByRole('region', { name: 'Numbers, time and theme' }).getByRole('status');
    this.firstRun = page.getByRole('complementary', { name: 'Welcome to Tradewind' });
    this.firstRunDismiss = this.firstRun.getByRole('button', { name: 'Got it' });
  }

  /** The theme the page paints in ('dark' or 'light'), from <html data-theme>. */
  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }
}

/** The command palette (Ctrl/Cmd+K) and the keyboard-shortcut sheet (?). */
export class CommandPalette {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly options: Locator;
  readonly shortcutSheet: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Command palette' });
    this.input = this.dialog.getByRole('combobox');
    this.options = this.dialog.getByRole('option');
    this.shortcutSheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
  }
}
