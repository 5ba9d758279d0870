import type { Locator, Page } from '@playwright/test';

/** The chart's "Alert at this price" menu, the alert form, the Alerts dialog and the notification centre's search. */
export class AlertsPages {
  readonly alertAtPrice: Locator;
  readonly form: Locator;
  readonly level: Locator;
  readonly create: Locator;
  readonly alertsButton: Locator;
  readonly rules: Locator;
  readonly notificationsButton: Locator;
  readonly notificationSearch: Locator;
  readonly notificationList: Locator;

  constructor(readonly page: Page) {
    this.alertAtPrice = page.getByRole('menuitem', { name: /^Alert at this price/ });
    this.form = page.getByRole('form', { name: 'New alert' });
    this.level = this.form.getByRole('textbox', { name: 'Price level' });
    this.create = this.form.getByRole('button', { name: 'Create alert' });
    this.alertsButton = page.getByTestId('alerts-button');
    this.rules = page.getByTestId('alert-row');
    this.notificationsButton = page.getByTestId('notification-centre-button');
    this.notificationSearch = page.getByRole('searchbox', { name: 'Search notifications' });
    this.notificationList = page.getByTestId('notification-list');
  }

  direction(label: 'Upwards' | 'Downwards' | 'Either way'): Locator {
    return this.form.getByRole('radio', { name: label });
  }
}
