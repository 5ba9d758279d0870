import { expect, test } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { startWebhookReceiver, type WebhookReceiver } from './fakes/webhook-receiver';

const SECRET = 'whsec-e2e-5d2b8e';
let host: HeadlessHost;
let receiver: WebhookReceiver;

function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  receiver = await startWebhookReceiver(SECRET);
  host = await startHeadlessHost(secretStoreEnv());
});

test.afterEach(async () => {
  await host.stop();
  await receiver.close();
});

test('adds a webhook channel from the notification centre, sends a signed test and sees it succeed', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.url);
  await page.getByTestId('notification-centre-button').click();
  await page.getByRole('button', { name: 'Channels…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Notification channels' });
  await expect(dialog.getByText('No channels yet.')).toBeVisible();

  await dialog.getByRole('button', { name: 'Add Webhook' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ops hook');
  await dialog.getByRole('textbox', { name: 'URL' }).fill('not a url');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog.getByText('Must be a full URL such as https://example.com/hook.')).toBeVisible();
  await expect(dialog.getByText('Enter the signing secret.')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
  await dialog.getByLabel('Signing secret').fill(SECRET);
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog.getByTestId('channel-item')).toContainText('Ops hook');

  await dialog.getByRole('button', { name: 'Send test to Ops hook' }).click();
  await expect(dialog.getByTestId('channel-test-result')).toHaveText('Test message delivered.');
  const delivery = await receiver.delivery(1);
  expect(delivery.body).toMatchObject({ title: 'Tradewind test message', test: true });
  expect(receiver.badSignatures).toBe(0);
  await expect(dialog.getByTestId('channel-log')).toContainText('Test message delivered.');

  // The address is kept in the keychain: editing shows only its scheme and host, and saving
  // without typing a new one keeps it (the next test still reaches the receiver).
  await dialog.getByRole('button', { name: 'Edit Ops hook' }).click();
  const url = dialog.getByRole('textbox', { name: 'URL' });
  await expect(url).toHaveValue('');
  await expect(url).toHaveAttribute('placeholder', `${new URL(receiver.url).origin}/•••• — leave empty to keep it`);
  await expect(dialog.getByText(new URL(receiver.url).pathname)).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ops hook 2');
  await dialog.getByRole('button', { name: 'Save channel' }).click();
  await expect(dialog.getByTestId('channel-item')).toContainText('Ops hook 2');
  await dialog.getByRole('button', { name: 'Send test to Ops hook 2' }).click();
  await receiver.delivery(2);
  expect(errors).toEqual([]);
});
