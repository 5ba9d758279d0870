import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect, test } from '@playwright/test';
import { startFakeBinance, type FakeBinance } from './fake-exchange';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AccountsWorkspace, AppShell, OrdersPanel } from './pages';

/**
 * An AI agent connected over MCP (the SDK's HTTP client at the host's /mcp) proposes a live limit
 * order; the approval appears in the app, a click approves it, and the order shows in Open orders.
 */
const KEY = { apiKey: 'e2e-agent-key-00000000000000A1A1', secret: 'e2e-agent-secret-SHOULD-NOT-LEAK' };

let fake: FakeBinance;
let host: HeadlessHost;

function secretStoreEnv(): Record<string, string> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') return {};
  return { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: 'e2e passphrase 1234' };
}

test.beforeEach(async () => {
  fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true } }] });
  fake.setBalance(KEY.apiKey, 'USDT', '2500');
  fake.setPrice('BTCUSDT', '30000');
  host = await startHeadlessHost({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }), ...secretStoreEnv() });
});

test.afterEach(async () => {
  await host.stop();
  await fake.close();
});

const codesPrinted = (stderr: string) => [...stderr.matchAll(/CONFIRMATION CODE (\d{3}-\d{3})/g)].map((m) => m[1]!);
const dataOf = <T>(result: CallToolResult): T => {
  if (result.isError) throw new Error(JSON.stringify(result.content));
  const first = result.content[0];
  return (JSON.parse(first?.type === 'text' ? first.text : 'null') as { data: T }).data;
};

test('an agent proposes a live limit order; a click approves it and it shows in Open orders', async ({ page }) => {
  await page.goto(host.url);
  const app = new AppShell(page);
  const accounts = new AccountsWorkspace(page);
  await app.tab('Accounts').click();
  await accounts.addAccount.click();
  await accounts.addDialog.fill('Binance', 'Main', KEY);
  await accounts.addDialog.submit.click();
  await expect(accounts.addDialog.dialog).toBeHidden({ timeout: 20_000 });

  // A token that may propose live trades: the host confirms it with the code it printed.
  await page.getByTestId('agents-button').click();
  const dialog = page.getByRole('dialog', { name: 'AI agents' });
  await dialog.getByLabel('Name').fill('E2E agent');
  await dialog.getByLabel('Propose live trades (you approve each)').check();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect.poll(() => codesPrinted(host.stderr()).length).toBe(1);
  const prompt = dialog.getByRole('group', { name: 'Confirm on the host' });
  await prompt.getByLabel('Enter the code printed by the host').fill(codesPrinted(host.stderr())[0]!);
  await prompt.getByRole('button', { name: 'Confirm code' }).click();
  const token = (await dialog.getByLabel('Agent token, shown once').textContent())!.trim();
  expect(token).toMatch(/^twa_/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const agent = new Client({ name: 'e2e-agent', version: '1.0.0' });
  await agent.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', host.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
  );
  const listed = dataOf<{ id: string; label: string }[]>(
    (await agent.callTool({ name: 'tradewind_list_accounts', arguments: {} })) as CallToolResult,
  );
  const main = listed.find((a) => a.label === 'Main')!;
  const proposal = dataOf<{ id: string; status: string }>(
    (await agent.callTool({
      name: 'tradewind_propose_order',
      arguments: {
        order: { accountId: main.id, symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.01 }, price: 29_000 },
        reason: 'Bounce off 29k support',
      },
    })) as CallToolResult,
  );
  expect(proposal.status).toBe('pending');
  expect(fake.orders()).toEqual([]);

  await expect(page.getByRole('button', { name: 'Agents, 1 proposals waiting for approval' })).toBeVisible();
  await page.getByTestId('agents-button').click();
  const item = dialog.getByTestId('agent-proposal');
  await expect(item).toContainText('Buy 0.01 BTC BTC/USDT limit at 29,000 on "Main"');
  await expect(item.locator('blockquote')).toHaveText('Bounce off 29k support');
  await item.getByRole('button', { name: 'Approve and send' }).click();
  await expect(dialog).toContainText('No proposals waiting.');
  expect(fake.orders()).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.account.selectOption(main.id);
  await app.tab('Trade').click();
  const orders = new OrdersPanel(page);
  await orders.openTab.click();
  await expect(orders.rows).toHaveCount(1);
  await expect(orders.rows.first()).toContainText('29,000');
  const status = dataOf<{ status: string }>(
    (await agent.callTool({ name: 'tradewind_proposal_status', arguments: { id: proposal.id } })) as CallToolResult,
  );
  expect(status.status).toBe('approved');
  await agent.close();
});
