// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/error-codes';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { accountDetail, catalogEntry, LIVE_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { allByRole, byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, press, render, typeInto, type Rendered } from '../../test-utils/render';
import { AddAccountDialog } from './AddAccountDialog';
import { VERIFYING_TEXT } from './use-key-submission';
import { WITHDRAW_RISK_LABEL } from './WithdrawOverride';

const CATALOG = [
  catalogEntry('binance', 'Binance', {
    capabilities: { websocket: true, oco: true, stopOrders: true, sandbox: true, balance: true, perpetuals: true },
  }),
  catalogEntry('kucoin', 'KuCoin', {
    credentials: ['apiKey', 'secret', 'password'],
    capabilities: { websocket: true, oco: false, stopOrders: true, sandbox: false, balance: true, perpetuals: false },
  }),
  catalogEntry('hyperliquid', 'Hyperliquid', {
    credentials: ['walletAddress', 'privateKey'],
    capabilities: { websocket: false, oco: false, stopOrders: false, sandbox: true, balance: true, perpetuals: false },
    keyHint: "Hyperliquid expects an API wallet (agent) private key, never your main wallet's private key.",
  }),
];
const SECRET = 'sk-live-9f8e7d6c5b4a-DO-NOT-LEAK';
const ADDED = accountDetail(LIVE_ACCOUNT);

let bridge: MemoryBridge;
let view: Rendered | null = null;
const onAdded = vi.fn();
const onClose = vi.fn();

function mount(handlers: Handlers = {}) {
  bridge = new MemoryBridge({ 'exchanges.catalog': () => CATALOG, 'accounts.add': () => ADDED, ...handlers });
  view = render(<AddAccountDialog onAdded={onAdded} onClose={onClose} />, createRpcClient(bridge));
}

const dialog = () => byRole(document, 'dialog', 'Add account');
const input = (name: string) => byRole<HTMLInputElement>(dialog(), 'textbox', name);
const credential = (name: string) => {
  const field = [...dialog().querySelectorAll<HTMLInputElement>('input[type="password"]')].find(
    (element) => element.labels?.[0]?.textContent === name,
  );
  if (!field) throw new Error(`No credential field ${name}`);
  return field;
};
const credentialLabels = () =>
  [...dialog().querySelectorAll<HTMLInputElement>('input[data-credential]')].map((element) => element.labels?.[0]?.textContent);
const button = (name: string) => byRole<HTMLButtonElement>(dialog(), 'button', name);
const pickExchange = (name: string) => click(byRole(byRole(dialog(), 'listbox', 'Exchanges'), 'option', name));
const alertText = () => maybeByRole(dialog(), 'alert')?.textContent ?? null;

function fillBinance() {
  pickExchange('Binance');
  typeInto(input('Label'), 'Binance main');
  typeInto(credential('API key'), 'AKIA-PUBLIC-1234');
  typeInto(credential('Secret'), SECRET);
}

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  onAdded.mockReset();
  onClose.mockReset();
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('AddAccountDialog', () => {
  it('lists the catalogue with capability chips and searches it', async () => {
    mount();
    await flush();
    const list = byRole(dialog(), 'listbox', 'Exchanges');
    expect(allByRole(list, 'option').map((option) => option.getAttribute('aria-label'))).toEqual(['Binance', 'KuCoin', 'Hyperliquid']);
    const binance = byRole(list, 'option', 'Binance');
    expect([...binance.querySelectorAll('.chip')].map((chip) => chip.textContent)).toEqual(['WS', 'OCO', 'Stops', 'Testnet']);
    expect(binance.querySelector('.chip')?.getAttribute('title')).toBe('Streams prices and orders over WebSocket');

    typeInto(byRole(dialog(), 'searchbox', 'Search exchanges'), 'kuc');
    expect(allByRole(dialog(), 'option').map((option) => option.getAttribute('aria-label'))).toEqual(['KuCoin']);
    typeInto(byRole(dialog(), 'searchbox', 'Search exchanges'), 'zzz');
    expect(dialog().textContent).toContain('No exchange matches “zzz”');
  });

  it('derives the credential fields from the chosen exchange and disables Testnet without a sandbox', async () => {
    mount();
    await flush();
    pickExchange('KuCoin');
    expect(credentialLabels()).toEqual(['API key', 'Secret', 'Passphrase']);
    const hint = document.getElementById(credential('Passphrase').getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('The passphrase you chose when creating this API key on KuCoin, not your KuCoin login password.');
    for (const field of dialog().querySelectorAll<HTMLInputElement>('input[data-credential]')) {
      expect(field.type).toBe('password');
      expect(field.getAttribute('autocomplete')).toBe('off');
      expect(field.getAttribute('spellcheck')).toBe('false');
    }
    expect(input('Label').value).toBe('KuCoin');
    const environment = byRole(dialog(), 'radiogroup', 'Environment');
    const testnet = byRole<HTMLInputElement>(environment, 'radio', 'Testnet');
    expect(testnet.disabled).toBe(true);
    expect(environment.textContent).toContain('KuCoin has no testnet in ccxt, so it can only be added as live.');

    pickExchange('Hyperliquid');
    expect(credentialLabels()).toEqual(['Wallet address', 'Private key']);
    expect(input('Label').value).toBe('Hyperliquid');
    expect(byRole<HTMLInputElement>(dialog(), 'radio', 'Testnet').disabled).toBe(false);
    // The private key field says which key is expected (core's catalogue), as its accessible description.
    const keyHint = document.getElementById(credential('Private key').getAttribute('aria-describedby') ?? '');
    expect(keyHint?.textContent).toBe("Hyperliquid expects an API wallet (agent) private key, never your main wallet's private key.");
    expect(credential('Wallet address').getAttribute('aria-describedby')).toBeNull();
  });

  it('submits exchange, label, environment and only that exchange’s credentials, showing progress', async () => {
    let finish: (value: MethodOutput<'accounts.add'>) => void = () => {};
    mount({ 'accounts.add': () => new Promise((resolve) => (finish = resolve)) });
    await flush();
    pickExchange('KuCoin');
    typeInto(credential('Passphrase'), 'typed-for-kucoin');
    fillBinance();
    click(byRole(dialog(), 'radio', 'Testnet'));
    click(button('Add and verify'));
    await flush();

    expect(bridge.callsOf('accounts.add')).toEqual([
      {
        exchangeId: 'binance',
        label: 'Binance main',
        sandbox: true,
        marketType: 'spot',
        credentials: { apiKey: 'AKIA-PUBLIC-1234', secret: SECRET },
      } satisfies MethodInput<'accounts.add'>,
    ]);
    const submit = dialog().querySelector<HTMLButtonElement>('button[type="submit"]');
    expect(submit?.textContent).toBe(VERIFYING_TEXT);
    expect(submit?.disabled).toBe(true);
    expect(byRole(dialog(), 'status').textContent).toBe(VERIFYING_TEXT);

    finish(ADDED);
    await flush();
    expect(onAdded).toHaveBeenCalledWith(ADDED);
  });

  it('adds an account for USDT perpetuals where ccxt trades them, and says why not elsewhere', async () => {
    mount();
    await flush();
    pickExchange('KuCoin');
    const kucoinTypes = byRole(dialog(), 'radiogroup', 'Market type');
    expect(byRole<HTMLInputElement>(kucoinTypes, 'radio', 'Spot').checked).toBe(true);
    expect(byRole<HTMLInputElement>(kucoinTypes, 'radio', 'USDT perpetuals').disabled).toBe(true);
    expect(kucoinTypes.textContent).toContain('KuCoin has no USDT perpetuals Tradewind can trade through ccxt');
    fillBinance();
    const types = byRole(dialog(), 'radiogroup', 'Market type');
    click(byRole(types, 'radio', 'USDT perpetuals'));
    expect(types.textContent).toContain('one-way position mode; Tradewind sets 1× leverage before its first order');
    click(button('Add and verify'));
    await flush();
    expect(bridge.callsOf('accounts.add')).toEqual([
      {
        exchangeId: 'binance',
        label: 'Binance main',
        sandbox: false,
        marketType: 'swap',
        credentials: { apiKey: 'AKIA-PUBLIC-1234', secret: SECRET },
      } satisfies MethodInput<'accounts.add'>,
    ]);
  });

  it('refuses an incomplete form before anything is sent', async () => {
    mount();
    await flush();
    click(button('Add and verify'));
    expect(alertText()).toContain('Pick an exchange from the list first.');
    pickExchange('Binance');
    typeInto(credential('API key'), 'AKIA-PUBLIC-1234');
    click(button('Add and verify'));
    expect(alertText()).toContain('fill in Secret');
    expect(bridge.callsOf('accounts.add')).toEqual([]);
  });

  it('shows core’s message as written, under a headline naming the failure', async () => {
    const cases: Array<[ErrorCode, string, string]> = [
      ['auth', 'Key or signature rejected', 'Binance rejected the signature: the secret does not belong to this API key.'],
      ['permission', 'Missing permission', 'Binance accepted the key but it lacks a permission Tradewind needs.'],
      ['ip_not_allowed', 'IP address not whitelisted', "Binance refused this key from this computer's IP address."],
      ['clock_skew', 'Clock out of sync', "Binance rejected the request time: this computer's clock is off."],
      ['network', 'Network problem', 'Cannot reach Binance (ETIMEDOUT).'],
      ['exchange_down', 'Exchange down', 'Binance answered 503: it is down or in maintenance.'],
      ['rate_limited', 'Rate limited', 'Binance is rate limiting this IP; try again in a minute.'],
    ];
    mount();
    await flush();
    fillBinance();
    for (const [code, headline, message] of cases) {
      bridge.setHandler('accounts.add', () => {
        throw new TradewindError(code, message);
      });
      click(button('Add and verify'));
      await flush();
      expect(alertText()).toBe(`${headline}${message}`);
      expect(dialog().querySelector('[role="alert"]')?.getAttribute('data-code')).toBe(code);
    }
    expect(onAdded).not.toHaveBeenCalled();
    expect(maybeByRole(dialog(), 'checkbox', WITHDRAW_RISK_LABEL)).toBeNull();
  });

  it('offers the explicit withdraw override, resubmits the same key with acceptWithdrawRisk, and relays the code the host printed', async () => {
    mount({
      'accounts.add': (request) => {
        if (!request.acceptWithdrawRisk) throw new TradewindError('withdraw_refused', 'This Binance key can withdraw funds.');
        // The override is a request: the (headless) host confirms it with the code it printed.
        if (request.confirmationCode !== '123-456') {
          throw new TradewindError(
            'confirmation_code_required',
            'Accept an API key that can WITHDRAW funds: new Binance account "Binance", key …KEY1. Enter the code printed by the host.',
          );
        }
        return ADDED;
      },
    });
    await flush();
    fillBinance();
    click(button('Add and verify'));
    await flush();
    expect(alertText()).toBe('This key can withdraw fundsThis Binance key can withdraw funds.');
    const override = byRole<HTMLInputElement>(dialog(), 'checkbox', WITHDRAW_RISK_LABEL);
    expect(override.checked).toBe(false);
    expect(button('Add anyway').disabled).toBe(true);

    click(override);
    expect(button('Add anyway').disabled).toBe(false);
    click(button('Add anyway'));
    await flush();
    expect(onAdded).not.toHaveBeenCalled();
    const group = byRole(dialog(), 'group', 'Confirm on the host');
    expect(group.textContent).toContain('Accept an API key that can WITHDRAW funds');
    typeInto(byRole<HTMLInputElement>(group, 'textbox', 'Enter the code printed by the host'), '123-456');
    click(byRole(group, 'button', 'Confirm code'));
    await flush();
    const calls = bridge.callsOf('accounts.add');
    expect(calls).toHaveLength(3);
    expect(calls[1]).toEqual({ ...(calls[0] as object), acceptWithdrawRisk: true });
    expect(calls[2]).toEqual({ ...(calls[0] as object), acceptWithdrawRisk: true, confirmationCode: '123-456' });
    expect(onAdded).toHaveBeenCalledWith(ADDED);
  });

  it('drops the override when the credentials change (a new key is a new decision)', async () => {
    mount({
      'accounts.add': () => {
        throw new TradewindError('withdraw_refused', 'This Binance key can withdraw funds.');
      },
    });
    await flush();
    fillBinance();
    click(button('Add and verify'));
    await flush();
    click(byRole(dialog(), 'checkbox', WITHDRAW_RISK_LABEL));
    typeInto(credential('Secret'), 'another-secret');
    expect(maybeByRole(dialog(), 'checkbox', WITHDRAW_RISK_LABEL)).toBeNull();
    expect(alertText()).toBeNull();
  });

  it('cancels with Cancel or Escape, never while verifying', async () => {
    mount({ 'accounts.add': () => new Promise(() => {}) });
    await flush();
    fillBinance();
    click(button('Cancel'));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(credential('Secret').value).toBe(''); // cleared even if the host kept the dialog
    press(dialog(), 'Escape');
    expect(onClose).toHaveBeenCalledTimes(2);

    fillBinance();
    click(button('Add and verify'));
    await flush();
    press(dialog(), 'Escape');
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(button('Cancel').disabled).toBe(true);
  });
});
