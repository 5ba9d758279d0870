import type { Locator, Page } from '@playwright/test';

/** Open orders, order history and brackets under the chart. */
export class OrdersPanel {
  readonly openTab: Locator;
  readonly historyTab: Locator;
  readonly bracketsTab: Locator;
  readonly rows: Locator;
  readonly brackets: Locator;
  /** The targets and the open position of the bracket rows. */
  readonly bracketTargets: Locator;
  readonly bracketPositions: Locator;

  constructor(readonly page: Page) {
    this.openTab = page.getByRole('tab', { name: 'Open orders' });
    this.historyTab = page.getByRole('tab', { name: 'Order history' });
    this.bracketsTab = page.getByRole('tab', { name: 'Brackets' });
    this.rows = page.getByTestId('order-row');
    this.brackets = page.getByTestId('bracket-row');
    this.bracketTargets = this.brackets.getByTestId('bracket-target');
    this.bracketPositions = this.brackets.getByTestId('bracket-position');
  }

  /** The row of one order by its client order id. */
  row(clientOrderId: string): Locator {
    return this.page.locator(`[data-testid="order-row"][data-client-order-id="${clientOrderId}"]`);
  }

  cancel(clientOrderId: string): Locator {
    return this.page.getByRole('button', { name: `Cancel order ${clientOrderId}` });
  }
}
