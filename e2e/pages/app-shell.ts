import type { Locator, Page } from '@playwright/test';

/**
 * The window around the panels: the account picker, status badges, the workspace tabs. Page
 * objects hold every locator by role and accessible name (or test id where the UI has no name),
 * so a renamed label is fixed here once, not in every spec.
 */
export class AppShell {
  readonly account: Locator;
  readonly balancesTotal: Locator;
  readonly marketDataStatus: Locator;
  readonly connectionState: Locator;

  constructor(readonly page: Page) {
    this.account = page.getByRole('combobox', { name: 'Account' });
    this.balancesTotal = page.getByTestId('balances-total');
    this.marketDataStatus = page.getByTestId('market-data-status');
    this.connectionState = page.getByTestId('connection-state');
  }

  /** One of the top bar's workspace tabs only (the dock has panel tabs of the same names). */
  workspaceTab(name: string): Locator {
    return this.page.getByRole('tablist', { name: 'Workspace' }).getByRole('tab', { name, exact: true });
  }

  /** A workspace or panel tab: 'Accounts', 'Portfolio', 'Bots', 'Strategies', 'Open orders'… */
  tab(name: string): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** A workspace tab by its exact name ('Trade' without the panels' 'Trades' tabs). */
  workspace(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }
}
