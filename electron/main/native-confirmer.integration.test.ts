/**
 * The desktop app's trusted confirmation, with the fake Electron module's `dialog` (Electron's
 * binary is unavailable here) in front of the real core and ccxt against the fake Binance.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail, AuditEntry } from '../../shared/ipc/schemas/accounts';
import type { OrderSettings } from '../../shared/ipc/schemas/orders';
import { callError, startLiveCore, type LiveCoreHarness } from '../core/test-support/live-core';
import { createNativeConfirmer, type MessageBoxHost } from './native-confirmer';

interface FakeElectron {
  dialog: MessageBoxHost;
  BrowserWindow: new (options: object) => BrowserWindow;
}
interface FakeRecord {
  messageBoxes: Array<{ message: string; detail: string; buttons: string[]; cancelId: number; defaultId: number; modal: boolean }>;
  messageBoxResponse?: number;
}

const fake = createRequire(import.meta.url)(path.join(__dirname, 'test-fixtures', 'fake-electron.cjs')) as FakeElectron;
const record = (globalThis as unknown as { __fakeElectron: FakeRecord }).__fakeElectron;
const TRADER = { apiKey: 'native-trader-key-NNNN', secret: 'native-trader-secret', rights: { read: true, trade: true, withdraw: false } };

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  record.messageBoxes.length = 0;
  delete record.messageBoxResponse;
});

describe('native dialog confirmer (Electron main)', () => {
  it('asks with a dialog modal to the window naming the account; Cancel refuses, Allow does it; both audit-logged', async () => {
    const window = new fake.BrowserWindow({});
    h = await startLiveCore([TRADER], { confirmer: createNativeConfirmer({ dialog: fake.dialog, window: () => window }) });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '1000');
    const account = await h.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Desk',
      sandbox: false,
      credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
    });

    expect(await callError(h, 'orders.updateSettings', { accountId: account.id, confirmOrders: false })).toEqual({
      code: 'confirmation_denied',
      message: "Turn off order confirmations was cancelled in Tradewind's confirmation dialog, so it was not done.",
    });
    expect(record.messageBoxes).toEqual([
      expect.objectContaining({
        modal: true,
        message: 'Turn off order confirmations?',
        detail: expect.stringContaining('orders on the live account "Desk"'),
        buttons: ['Cancel', 'Allow'],
        defaultId: 0,
        cancelId: 0,
      }),
    ]);
    expect((await h.call<OrderSettings>('orders.settings', { accountId: account.id })).confirmOrders).toBe(true);

    record.messageBoxResponse = 1;
    expect((await h.call<OrderSettings>('orders.updateSettings', { accountId: account.id, confirmOrders: false })).confirmOrders).toBe(
      false,
    );
    const rows = await h.call<AuditEntry[]>('audit.list', { accountId: account.id, kinds: ['trust.approved', 'trust.denied'] });
    expect(rows.map((r) => r.kind)).toEqual(['trust.approved', 'trust.denied']);
    expect(rows[0]!.summary).toMatch(
      /^Turn off order confirmations — orders on the live account "Desk" .* \(confirmed in the desktop app's native dialog\)$/,
    );
  });
});
