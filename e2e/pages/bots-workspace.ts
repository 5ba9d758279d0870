import { expect, type Locator, type Page } from '@playwright/test';

/** The New bot dialog. */
export class BotFormDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly market: Locator;
  readonly paper: Locator;
  readonly lowerPrice: Locator;
  readonly upperPrice: Locator;
  readonly levels: Locator;
  readonly investment: Locator;
  readonly gridPreviewLevels: Locator;
  readonly strategy: Locator;
  readonly capitalPerEntry: Locator;
  readonly signalSource: Locator;
  readonly estimates: Locator;
  readonly create: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New bot' });
    this.name = this.dialog.getByRole('textbox', { name: 'Name' });
    this.market = this.dialog.getByRole('combobox', { name: /^Market/ });
    this.paper = this.dialog.getByRole('radio', { name: 'Paper (simulated)' });
    this.lowerPrice = this.dialog.getByRole('textbox', { name: /^Lower price/ });
    this.upperPrice = this.dialog.getByRole('textbox', { name: /^Upper price/ });
    this.levels = this.dialog.getByRole('textbox', { name: 'Levels' });
    this.investment = this.dialog.getByRole('textbox', { name: /^Investment/ });
    this.gridPreviewLevels = this.dialog.getByTestId('grid-preview').getByRole('listitem');
    this.strategy = this.dialog.getByRole('combobox', { name: 'Strategy' });
    this.capitalPerEntry = this.dialog.getByRole('textbox', { name: /^Capital per entry/ });
    this.signalSource = this.dialog.getByRole('combobox', { name: 'Signal source' });
    this.estimates = this.dialog.getByTestId('bot-estimates');
    this.create = this.dialog.getByRole('button', { name: 'Create bot' });
  }

  /** The bot kind radio: 'Grid', 'DCA', 'Strategy'. */
  kind(name: string): Locator {
    return this.dialog.getByRole('radio', { name });
  }
}

/** The selected bot's detail: state, chart, orders, events and its controls. */
export class BotDetail {
  readonly detail: Locator;
  readonly chart: Locator;
  readonly state: Locator;
  readonly stopReason: Locator;
  readonly realisedPnl: Locator;
  readonly orderRows: Locator;
  readonly eventsTab: Locator;
  readonly events: Locator;

  constructor(page: Page) {
    this.detail = page.getByTestId('bot-detail');
    this.chart = this.detail.getByTestId('bot-chart');
    this.state = this.detail.getByTestId('bot-state');
    this.stopReason = this.detail.getByTestId('bot-stop-reason');
    this.realisedPnl = this.detail.getByTestId('bot-realised-pnl');
    this.orderRows = this.detail.getByTestId('order-row');
    this.eventsTab = this.detail.getByRole('tab', { name: 'Events' });
    this.events = this.detail.getByRole('log', { name: 'Bot events' });
  }

  /** A control of the bot: 'Start', 'Stop', 'Pause', 'Resume', 'Delete…'. */
  button(name: string): Locator {
    return this.detail.getByRole('button', { name, exact: true });
  }

  ordersWithStatus(status: string): Locator {
    return this.detail.locator(`[data-testid="order-row"][data-status="${status}"]`);
  }
}

/** The Bots workspace: the list, the New bot form, the detail, and the kill switch. */
export class BotsWorkspace {
  readonly newBot: Locator;
  readonly form: BotFormDialog;
  readonly detail: BotDetail;
  readonly empty: Locator;
  readonly killSwitchConfirm: Locator;
  readonly killSwitchSummary: Locator;
  readonly killSwitchDone: Locator;

  constructor(readonly page: Page) {
    this.newBot = page.getByRole('button', { name: 'New bot…' }).first();
    this.form = new BotFormDialog(page);
    this.detail = new BotDetail(page);
    this.empty = page.getByRole('status').filter({ hasText: 'No bots yet' });
    this.killSwitchConfirm = page.getByRole('alertdialog', { name: 'Stop every bot?' }).getByRole('button', { name: 'Stop all bots' });
    this.killSwitchSummary = page.getByTestId('kill-switch-summary');
    this.killSwitchDone = page.getByRole('dialog', { name: 'Kill switch done' }).getByRole('button', { name: 'Close' });
  }

  /** The list row of the bot called `name` (its data attributes mirror the bot's state). */
  row(name: string): Locator {
    return this.page.getByTestId('bot-row').filter({ has: this.page.locator('.bots-name', { hasText: name }) });
  }

  /** The row's own Start button (named after the bot). */
  startFromRow(name: string): Locator {
    return this.row(name).getByRole('button', { name: `Start ${name}` });
  }

  lastEvent(name: string): Locator {
    return this.row(name).locator('.bots-last-event');
  }

  /** Opens the New bot form, lets `fill` complete it, waits for core's check, then creates the bot. */
  async create(fill: (form: BotFormDialog) => Promise<void>): Promise<void> {
    await this.newBot.click();
    await fill(this.form);
    // Core checks the settings against the market (debounced) before the bot can be created.
    await expect(this.form.estimates).toContainText('Settings check out.');
    await this.form.create.click();
    await expect(this.form.dialog).toBeHidden();
  }
}
