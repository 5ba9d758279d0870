import type { Locator, Page } from '@playwright/test';

/** The order ticket: manual orders and smart trades (brackets). */
export class TicketPanel {
  readonly region: Locator;
  readonly orderType: Locator;
  readonly lastPrice: Locator;
  readonly price: Locator;
  readonly amount: Locator;
  readonly summary: Locator;
  readonly placed: Locator;
  readonly issues: Locator;
  readonly smartTrade: Locator;
  readonly entryType: Locator;
  readonly addTarget: Locator;
  /** The live-order confirmation (shown while "Confirm live orders" is on) and its send button. */
  readonly confirmDialog: Locator;
  readonly confirmPlace: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Order ticket' });
    this.orderType = this.region.getByRole('combobox', { name: 'Order type' });
    this.lastPrice = this.region.getByRole('button', { name: 'Last' });
    this.price = this.region.getByRole('textbox', { name: 'Price' });
    this.amount = this.region.getByRole('textbox', { name: 'Amount' });
    this.summary = this.region.getByTestId('ticket-summary');
    this.placed = this.region.getByTestId('ticket-placed');
    this.issues = this.region.getByTestId('ticket-issue');
    this.smartTrade = this.region.getByRole('button', { name: 'Smart trade' });
    this.entryType = this.region.getByRole('combobox', { name: 'Entry type' });
    this.addTarget = this.region.getByRole('button', { name: 'Add target' });
    this.confirmDialog = this.region.getByRole('dialog', { name: 'Confirm order' });
    this.confirmPlace = this.confirmDialog.getByRole('button', { name: 'Place order' });
  }

  /** The submit button, named by what it does: 'Buy BTC', 'Smart buy BTC'… */
  submit(name: string): Locator {
    return this.region.getByRole('button', { name });
  }

  /** Target n's price distance in % (n from 1). */
  targetPercent(n: number): Locator {
    return this.region.getByRole('textbox', { name: `Target ${n} %` });
  }

  /** Target n's share of the position in %. */
  targetShare(n: number): Locator {
    return this.region.getByRole('textbox', { name: `Target ${n} share %` });
  }
}
