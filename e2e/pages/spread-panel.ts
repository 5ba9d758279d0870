import type { Locator, Page } from '@playwright/test';

/** The Spread workspace: the monitor's table, the two-leg ticket and the two-leg trades. */
export class SpreadPanel {
  readonly filter: Locator;
  readonly threshold: Locator;
  readonly amount: Locator;
  readonly review: Locator;
  readonly preview: Locator;
  readonly trades: Locator;

  constructor(readonly page: Page) {
    this.filter = page.getByRole('searchbox', { name: 'Filter assets' });
    this.threshold = page.getByLabel('Highlight at net ≥ %');
    this.amount = page.getByLabel(/^Amount \(/);
    this.review = page.getByRole('button', { name: 'Review legs' });
    this.preview = page.getByTestId('spread-preview');
    this.trades = page.getByTestId('spread-trade');
  }

  row(market: string): Locator {
    return this.page.getByRole('row', { name: market });
  }

  net(market: string): Locator {
    return this.row(market).getByTestId('spread-net');
  }

  trade(market: string): Locator {
    return this.page.getByRole('button', { name: `Trade ${market}` });
  }

  sendBothLegs(): Locator {
    return this.page.getByRole('button', { name: /^Send both legs/ });
  }

  unwind(): Locator {
    return this.page.getByRole('button', { name: /^Unwind:/ });
  }

  confirmUnwind(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Unwind the filled leg' }).getByRole('button', { name: 'Send the unwind order' });
  }
}
