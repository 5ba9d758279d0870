import type { Locator, Page } from '@playwright/test';

/** The Add account dialog: pick the exchange, name the account, paste the key. */
export class AddAccountDialog {
  readonly dialog: Locator;
  readonly searchExchanges: Locator;
  readonly exchanges: Locator;
  readonly label: Locator;
  readonly apiKey: Locator;
  readonly secret: Locator;
  readonly submit: Locator;
  readonly cancel: Locator;
  readonly alert: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Add account' });
    this.searchExchanges = this.dialog.getByRole('searchbox', { name: 'Search exchanges' });
    this.exchanges = this.dialog.getByRole('listbox', { name: 'Exchanges' });
    this.label = this.dialog.getByLabel('Label');
    this.apiKey = this.dialog.getByLabel('API key');
    this.secret = this.dialog.getByLabel('Secret');
    this.submit = this.dialog.getByRole('button', { name: 'Add and verify' });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel' });
    this.alert = this.dialog.getByRole('alert');
  }

  exchange(name: string): Locator {
    return this.exchanges.getByRole('option', { name, exact: true });
  }

  /** Searches for the exchange, picks it and fills in the label and the key (and its passphrase, for OKX and the like). */
  async fill(exchange: string, label: string, key: { apiKey: string; secret: string; passphrase?: string }): Promise<void> {
    await this.searchExchanges.fill(exchange.toLowerCase());
    await this.exchange(exchange).click();
    await this.label.fill(label);
    await this.apiKey.fill(key.apiKey);
    await this.secret.fill(key.secret);
    if (key.passphrase !== undefined) await this.dialog.getByLabel('Passphrase').fill(key.passphrase);
  }
}

/** The Rotate key form on an account card. */
export class RotateKeyForm {
  readonly form: Locator;
  readonly apiKey: Locator;
  readonly secret: Locator;
  readonly overlapHours: Locator;
  readonly submit: Locator;

  constructor(page: Page) {
    this.form = page.getByRole('form', { name: 'Rotate key' });
    this.apiKey = this.form.getByLabel('API key');
    this.secret = this.form.getByLabel('Secret');
    this.overlapHours = this.form.getByRole('spinbutton', { name: 'Overlap (hours)' });
    this.submit = this.form.getByRole('button', { name: 'Rotate and verify' });
  }
}

/** One account's card in the Accounts workspace. */
export class AccountCard {
  readonly card: Locator;
  readonly activeKey: Locator;
  readonly state: Locator;
  readonly rights: Locator;
  readonly rotateKey: Locator;

  constructor(page: Page, name: string) {
    this.card = page.getByRole('article', { name });
    this.activeKey = this.card.getByTestId('active-key');
    this.state = this.card.getByTestId('account-state');
    this.rights = this.card.getByRole('list', { name: 'Key rights' });
    this.rotateKey = this.card.getByRole('button', { name: 'Rotate key' });
  }

  /** One right in the key-rights list: 'read', 'trade', 'withdraw'. */
  right(name: string): Locator {
    return this.rights.locator(`[data-right="${name}"]`);
  }
}

/** The Accounts workspace (accounts, keys, audit log) and the Portfolio view. */
export class AccountsWorkspace {
  readonly addAccount: Locator;
  readonly addDialog: AddAccountDialog;
  readonly rotateForm: RotateKeyForm;
  readonly auditRows: Locator;
  readonly auditKinds: Locator;
  readonly assetRows: Locator;
  readonly assetSplits: Locator;
  readonly portfolioAccounts: Locator;
  readonly allocationChart: Locator;

  constructor(readonly page: Page) {
    this.addAccount = page.getByRole('button', { name: 'Add account' });
    this.addDialog = new AddAccountDialog(page);
    this.rotateForm = new RotateKeyForm(page);
    this.auditRows = page.getByTestId('audit-row');
    this.auditKinds = page.getByRole('group', { name: 'Event kinds' });
    this.assetRows = page.getByTestId('asset-row');
    this.assetSplits = page.getByTestId('asset-split');
    this.portfolioAccounts = page.getByTestId('portfolio-account');
    this.allocationChart = page.getByTestId('allocation-chart');
  }

  account(name: string): AccountCard {
    return new AccountCard(this.page, name);
  }

  /** The key list of one account, each row with data-version and data-status. */
  keyRow(accountName: string, version: number): Locator {
    return this.page
      .getByRole('region', { name: `Keys of ${accountName}` })
      .getByTestId('key-row')
      .and(this.page.locator(`[data-version="${version}"]`));
  }

  auditRowsOf(kind: string): Locator {
    return this.auditRows.and(this.page.locator(`[data-kind="${kind}"]`));
  }

  auditKind(label: string): Locator {
    return this.auditKinds.getByRole('checkbox', { name: label });
  }

  assetRow(asset: string): Locator {
    return this.assetRows.and(this.page.locator(`[data-asset="${asset}"]`));
  }

  /** The toggle that splits one asset's total by account. */
  byAccount(asset: string): Locator {
    return this.page.getByRole('button', { name: `${asset} by account` });
  }

  /** One account's card in the Portfolio view. */
  portfolioAccount(label: string): Locator {
    return this.portfolioAccounts.filter({ has: this.page.getByRole('heading', { name: label, exact: true }) });
  }

  /** The list of holdings no market prices ("Not priced: …"). */
  get unpriced(): Locator {
    return this.page.getByTestId('portfolio-unpriced');
  }

  /** The Portfolio view's "By asset" / "By account" switch. */
  groupBy(view: 'By asset' | 'By account'): Locator {
    return this.page.getByRole('group', { name: 'Group holdings' }).getByRole('button', { name: view });
  }

  /** A holding row in the by-account view, within its account's group. */
  accountHolding(asset: string): Locator {
    return this.page.locator(`[data-testid="account-holding"][data-asset="${asset}"]`);
  }
}
