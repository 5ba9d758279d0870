// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountDetail, KeyVersion } from '../../../shared/ipc/schemas/accounts';
import type { AccountLimits } from '../../../shared/ipc/schemas/trust';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { accountDetail, catalogEntry, keyVersion, LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { allByRole, byRole, maybeByRole } from '../../test-utils/queries';
import { byTestId, click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { AccountsWorkspace } from './AccountsWorkspace';

const SECRET = 'rotated-secret-5f4e3d2c1b0a';
const NEW_SECRET = 'added-secret-0a1b2c3d4e5f';
const STALE_SINCE = Date.UTC(2024, 4, 1, 14, 5);

const LIVE_DETAIL = accountDetail(LIVE_ACCOUNT, {
  state: { status: 'stale', since: STALE_SINCE, message: 'Binance timed out. Showing balances from 14:05 UTC.' },
  rotationDue: true,
  keyMaxAgeDays: 90,
  canTrade: false,
  tradeBlockedReason: 'The key of "Binance main" is read-only: the exchange reports no trading permission.',
  activeKey: keyVersion(2, {
    rights: {
      read: 'yes',
      trade: 'no',
      withdraw: 'unknown',
      ipRestricted: 'unknown',
      advice: 'Make sure withdrawals are disabled for this key.',
    },
  }),
});
const KEYS: KeyVersion[] = [
  keyVersion(1, { status: 'retiring', retireAt: Date.UTC(2024, 0, 3, 9, 30) }),
  keyVersion(2, { lastUsedAt: Date.UTC(2024, 0, 2, 12, 0) }),
  keyVersion(3, { status: 'retired', retiredAt: Date.UTC(2023, 11, 1) }),
];

let bridge: MemoryBridge;
let view: Rendered | null = null;
let details: AccountDetail[];
let limits: AccountLimits;

function mount(handlers: Handlers = {}) {
  bridge = new MemoryBridge({
    'accounts.details': () => details,
    'accounts.keys': () => KEYS,
    'exchanges.catalog': () => [catalogEntry('binance', 'Binance')],
    'limits.get': () => limits,
    // Plays the headless host: every change is confirmed with the code it printed on its terminal.
    'limits.set': ({ confirmationCode, accountId: _accountId, ...values }) => {
      if (confirmationCode !== '123-456')
        throw new TradewindError(
          'confirmation_code_required',
          'Change the live-order limits of "Binance main": per order 1,000 USD → 2,500 USD. Enter the code printed by the host.',
        );
      limits = { ...limits, ...values, isDefault: false, updatedAt: 1 };
      return limits;
    },
    ...handlers,
  });
  view = render(<AccountsWorkspace />, createRpcClient(bridge));
}

const card = (label: string) => byRole(document, 'article', label);
const keysPanel = () => byRole(document, 'region', 'Keys of Binance main');
const rotateForm = () => byRole(keysPanel(), 'form', 'Rotate key');
const field = (root: ParentNode, name: string) => {
  const input = [...root.querySelectorAll<HTMLInputElement>('input')].find((element) => element.labels?.[0]?.textContent === name);
  if (!input) throw new Error(`No field ${name}`);
  return input;
};
const keyRows = () =>
  [...keysPanel().querySelectorAll<HTMLElement>('[data-testid="key-row"]')].map((row) => `v${row.dataset.version}:${row.dataset.status}`);
const storeJson = () => JSON.stringify(useStore.getState());

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  details = [accountDetail(PAPER_ACCOUNT), LIVE_DETAIL];
  limits = {
    accountId: LIVE_ACCOUNT.id,
    maxOrderNotional: 1_000,
    maxDailyNotional: 10_000,
    priceBandPct: 5,
    usedToday: 420.5,
    isDefault: true,
    updatedAt: null,
  };
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('AccountsWorkspace', () => {
  it('shows each account with state, active key, rights, trading block and rotation reminder', async () => {
    mount();
    await flush();
    const live = card('Binance main');
    expect(byTestId(live, 'account-state').textContent).toBe('Stale since 14:05 UTC');
    expect(byTestId(live, 'account-state').title).toBe(LIVE_DETAIL.state.message);
    expect(byTestId(live, 'active-key').textContent).toBe('Key v2 …K29Z');
    const rights = byRole(live, 'list', 'Key rights');
    expect([...rights.children].map((chip) => `${chip.textContent}|${chip.className}`)).toEqual([
      'Read yes|chip chip--yes',
      'Trade no|chip chip--no',
      'Withdraw unknown|chip chip--unknown',
    ]);
    expect(live.textContent).toContain('Make sure withdrawals are disabled for this key.');
    expect(byTestId(live, 'trade-blocked').textContent).toBe(`Read-only: trading disabled${LIVE_DETAIL.tradeBlockedReason}`);
    expect(byTestId(live, 'rotation-reminder').textContent).toBe('Key is older than 90 days — rotate it');
    expect(allByRole(live, 'button').map((button) => button.textContent)).toEqual(['Rotate key', 'Keys', 'Remove']);

    const paper = card('Paper');
    expect(paper.textContent).toContain('no API key needed');
    expect(allByRole(paper, 'button')).toEqual([]);
  });

  it('marks an account of USDT perpetuals in the list; a spot account carries no such chip', async () => {
    details = [accountDetail(PAPER_ACCOUNT), accountDetail(LIVE_ACCOUNT, { marketType: 'swap' })];
    mount();
    await flush();
    const chips = (name: string) => [...card(name).querySelectorAll('.account-card-header .chip')].map((chip) => chip.textContent);
    expect(chips('Binance main')).toContain('USDT perpetuals');
    expect(chips('Paper')).not.toContain('USDT perpetuals');
  });

  it('paints a key that can withdraw red', async () => {
    details = [
      accountDetail(LIVE_ACCOUNT, {
        activeKey: keyVersion(1, { rights: { read: 'yes', trade: 'yes', withdraw: 'yes', ipRestricted: 'no', advice: '' } }),
      }),
    ];
    mount();
    await flush();
    const withdraw = card('Binance main').querySelector('[data-right="withdraw"]');
    expect(withdraw?.className).toBe('chip chip--danger');
  });

  it('lists key versions and revokes one only after the confirmation', async () => {
    mount({
      'accounts.revokeKey': ({ version }) =>
        KEYS.map((key) => (key.version === version ? { ...key, status: 'revoked' as const, retiredAt: 5 } : key)),
    });
    await flush();
    click(byRole(card('Binance main'), 'button', 'Keys'));
    await flush();
    expect(bridge.callsOf('accounts.keys')).toEqual([{ accountId: LIVE_ACCOUNT.id }]);
    expect(keyRows()).toEqual(['v3:retired', 'v2:active', 'v1:retiring']);
    const v2 = keysPanel().querySelector('[data-version="2"]') as HTMLElement;
    expect([...v2.querySelectorAll('td')].slice(1, 4).map((cell) => cell.textContent)).toEqual([
      '2024-01-02 09:30',
      '2024-01-02 12:00',
      '…K29Z',
    ]);
    expect(maybeByRole(keysPanel(), 'button', 'Revoke key v3')).toBeNull();

    click(byRole(keysPanel(), 'button', 'Revoke key v2'));
    const confirm = byRole(document, 'alertdialog', 'Revoke key v2?');
    expect(confirm.textContent).toContain(
      "It is deleted from the keychain at once and this account's trading and bots pause until a new key is added.",
    );
    expect(document.activeElement?.textContent).toBe('Cancel');
    click(byRole(confirm, 'button', 'Cancel'));
    expect(maybeByRole(document, 'alertdialog')).toBeNull();
    expect(bridge.callsOf('accounts.revokeKey')).toEqual([]);

    click(byRole(keysPanel(), 'button', 'Revoke key v2'));
    click(byRole(document, 'button', 'Revoke now'));
    await flush();
    expect(bridge.callsOf('accounts.revokeKey')).toEqual([{ accountId: LIVE_ACCOUNT.id, version: 2 }]);
    expect(keyRows()).toEqual(['v3:retired', 'v2:revoked', 'v1:retiring']);
    expect(byTestId(keysPanel(), 'keys-notice').textContent).toBe('Key v2 …K29Z was revoked and deleted from the keychain.');
  });

  it('rotates with an overlap, clears the typed key after success and keeps it out of the store', async () => {
    const rotated = [
      keyVersion(3, { last4: 'NEW4' }),
      { ...keyVersion(2), status: 'retiring' as const, retireAt: Date.UTC(2024, 5, 2, 14, 5) },
    ];
    mount({ 'accounts.rotateKey': () => rotated });
    await flush();
    click(byRole(card('Binance main'), 'button', 'Rotate key'));
    await flush();
    expect(document.activeElement).toBe(field(rotateForm(), 'API key'));
    expect(field(rotateForm(), 'Overlap (hours)').value).toBe('24');

    typeInto(field(rotateForm(), 'API key'), 'AKIA-NEW-KEY-NEW4');
    typeInto(field(rotateForm(), 'Secret'), SECRET);
    typeInto(field(rotateForm(), 'Overlap (hours)'), '48');
    expect(storeJson()).not.toContain(SECRET);
    click(byRole(rotateForm(), 'button', 'Rotate and verify'));
    await flush();

    expect(bridge.callsOf('accounts.rotateKey')).toEqual([
      { accountId: LIVE_ACCOUNT.id, overlapHours: 48, credentials: { apiKey: 'AKIA-NEW-KEY-NEW4', secret: SECRET } },
    ]);
    expect(field(rotateForm(), 'API key').value).toBe('');
    expect(field(rotateForm(), 'Secret').value).toBe('');
    expect(keyRows()).toEqual(['v3:active', 'v2:retiring']);
    expect(byTestId(keysPanel(), 'keys-notice').textContent).toBe(
      'Key v3 …NEW4 is active. v2 keeps working until 2024-06-02 14:05 UTC, then it is retired.',
    );
    expect(storeJson()).not.toContain(SECRET);
  });

  it('clears the rotate form on Cancel', async () => {
    mount();
    await flush();
    click(byRole(card('Binance main'), 'button', 'Keys'));
    await flush();
    typeInto(field(rotateForm(), 'Secret'), SECRET);
    click(byRole(rotateForm(), 'button', 'Cancel'));
    expect(field(rotateForm(), 'Secret').value).toBe('');
  });

  it('saves the reminder age and re-reads the account', async () => {
    mount({ 'accounts.update': ({ keyMaxAgeDays }) => ({ ...LIVE_DETAIL, keyMaxAgeDays: keyMaxAgeDays ?? 90 }) });
    await flush();
    click(byRole(card('Binance main'), 'button', 'Keys'));
    await flush();
    const reminder = byRole(keysPanel(), 'form', 'Rotation reminder');
    expect(field(reminder, 'Remind after (days)').value).toBe('90');
    typeInto(field(reminder, 'Remind after (days)'), '30');
    click(byRole(reminder, 'button', 'Save reminder'));
    await flush();
    expect(bridge.callsOf('accounts.update')).toEqual([{ accountId: LIVE_ACCOUNT.id, keyMaxAgeDays: 30 }]);
    expect(byRole(reminder, 'status').textContent).toBe('Reminder set: rotate keys older than 30 days.');
    expect(bridge.callsOf('accounts.details')).toHaveLength(2);
  });

  it('removes an account after a confirmation naming it', async () => {
    mount({ 'accounts.remove': () => ({ removed: true, deletedKeys: 2 }) });
    await flush();
    click(byRole(card('Binance main'), 'button', 'Remove'));
    const confirm = byRole(document, 'alertdialog', 'Remove Binance main?');
    expect(confirm.textContent).toContain('Every API key of Binance main (Binance) is deleted from the OS keychain');
    details = [accountDetail(PAPER_ACCOUNT)];
    click(byRole(confirm, 'button', 'Remove account'));
    await flush();
    expect(bridge.callsOf('accounts.remove')).toEqual([{ accountId: LIVE_ACCOUNT.id }]);
    expect(maybeByRole(document, 'article', 'Binance main')).toBeNull();
    expect(document.body.textContent).toContain('Removed Binance main; 2 key version(s) deleted from the keychain.');
  });

  it('adds an account through the dialog; typed secrets vanish on cancel and success and never reach the store', async () => {
    mount({ 'accounts.add': () => accountDetail(LIVE_ACCOUNT, { id: 'binance-2', label: 'Binance spare' }) });
    await flush();
    const openDialog = async () => {
      click(byRole(document, 'button', 'Add account'));
      await flush();
      click(byRole(document, 'option', 'Binance'));
      return byRole(document, 'dialog', 'Add account');
    };

    let dialog = await openDialog();
    typeInto(field(dialog, 'Secret'), NEW_SECRET);
    click(byRole(dialog, 'button', 'Cancel'));
    expect(maybeByRole(document, 'dialog')).toBeNull();
    dialog = await openDialog();
    expect(field(dialog, 'Secret').value).toBe('');

    typeInto(field(dialog, 'API key'), 'AKIA-SPARE-0001');
    typeInto(field(dialog, 'Secret'), NEW_SECRET);
    expect(storeJson()).not.toContain(NEW_SECRET);
    details = [...details, accountDetail(LIVE_ACCOUNT, { id: 'binance-2', label: 'Binance spare' })];
    click(byRole(dialog, 'button', 'Add and verify'));
    await flush();
    expect(maybeByRole(document, 'dialog')).toBeNull();
    expect(document.body.textContent).toContain('Added Binance spare: key …K19Z verified (read yes, trade yes, withdraw no).');
    expect(card('Binance spare')).toBeTruthy();
    expect(storeJson()).not.toContain(NEW_SECRET);
    expect(storeJson()).not.toContain('AKIA-SPARE-0001');

    dialog = await openDialog();
    expect(field(dialog, 'API key').value).toBe('');
    expect(field(dialog, 'Secret').value).toBe('');
  });

  it('re-reads the accounts on accounts.changed and portfolio.changed, and shows a load error with Retry', async () => {
    mount();
    await flush();
    expect(bridge.callsOf('accounts.details')).toHaveLength(1);
    details = [accountDetail(PAPER_ACCOUNT), { ...LIVE_DETAIL, state: { status: 'ok', since: null, message: 'Balances read.' } }];
    act(() => bridge.emit('accounts.changed', { accountIds: [LIVE_ACCOUNT.id] }));
    await flush();
    expect(byTestId(card('Binance main'), 'account-state').textContent).toBe('OK');
    act(() => bridge.emit('portfolio.changed', { accountIds: [LIVE_ACCOUNT.id] }));
    await flush();
    expect(bridge.callsOf('accounts.details')).toHaveLength(3);
  });

  it('shows a failed first load with Retry', async () => {
    mount({ 'accounts.details': () => Promise.reject(new Error('boom')) });
    await flush();
    expect(byRole(document, 'alert').textContent).toContain('Could not load accounts:');
    bridge.setHandler('accounts.details', () => details);
    click(byRole(document, 'button', 'Retry'));
    await flush();
    expect(card('Binance main')).toBeTruthy();
  });

  it("shows the live order limits with today's use and changes them only with the code the host printed", async () => {
    mount();
    await flush();
    click(byRole(card('Binance main'), 'button', /^Keys/));
    await flush();
    const form = byRole(keysPanel(), 'form', 'Live order limits');
    expect(form.textContent).toContain('Used today (UTC): 420.50 USD of 10,000.00 USD.');
    expect(form.textContent).toContain('These are the defaults.');
    expect(field(form, 'Max per order (USD)').value).toBe('1000');
    expect(field(form, 'Max per UTC day (USD)').value).toBe('10000');
    expect(field(form, 'Price band (%)').value).toBe('5');

    typeInto(field(form, 'Max per order (USD)'), '20000');
    click(byRole(form, 'button', 'Save limits'));
    await flush();
    expect(byRole(form, 'alert').textContent).toBe('Max per order cannot be above max per UTC day.');
    expect(bridge.callsOf('limits.set')).toEqual([]);

    typeInto(field(form, 'Max per order (USD)'), '2500');
    click(byRole(form, 'button', 'Save limits'));
    await flush();
    expect(limits.maxOrderNotional).toBe(1_000);
    const group = byRole(form, 'group', 'Confirm on the host');
    typeInto(byRole<HTMLInputElement>(group, 'textbox', 'Enter the code printed by the host'), '123-456');
    click(byRole(group, 'button', 'Confirm code'));
    await flush();
    expect(bridge.callsOf('limits.set')).toEqual([
      { accountId: LIVE_ACCOUNT.id, maxOrderNotional: 2_500, maxDailyNotional: 10_000, priceBandPct: 5 },
      { accountId: LIVE_ACCOUNT.id, maxOrderNotional: 2_500, maxDailyNotional: 10_000, priceBandPct: 5, confirmationCode: '123-456' },
    ]);
    expect(byRole(form, 'status').textContent).toBe('Limits saved.');
    expect(form.textContent).not.toContain('These are the defaults.');
  });
});
