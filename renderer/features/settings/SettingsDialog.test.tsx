// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../../shared/ipc/schemas/settings';
import { TradewindError } from '../../../shared/ipc/errors';
import { getDisplayTimeZone, setDisplayTimeZone } from '../../lib/format/time-zone';
import { createRpcClient } from '../../lib/ipc/client';
import { getDecimalSeparator, setDecimalSeparator } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { DEFAULT_LAB_SETTINGS } from '../strategies/store/lab-slice';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { registerSettingsSection } from './settings-sections';
import { SettingsDialog } from './SettingsDialog';
import { settingsFixture } from './test-fixtures';
import { useSettingsEffects } from './use-settings-effects';
import { FirstRunBanner } from './FirstRunBanner';
import { applySettingsPatchForTest } from './test-patch';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let closed = 0;

function Harness() {
  useSettingsEffects();
  return (
    <>
      <FirstRunBanner />
      <SettingsDialog onClose={() => (closed += 1)} />
    </>
  );
}

beforeEach(() => {
  localStorage.clear();
  setDecimalSeparator('point');
  setDisplayTimeZone('utc');
  closed = 0;
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAppInfo({
    name: 'Tradewind',
    version: '1',
    host: 'test',
    platform: 'linux',
    dataDir: '/data/tradewind',
    marketData: { mode: 'replay', exchangeId: 'binance', exchangeName: 'Binance', detail: '' },
  });
  let current = settingsFixture();
  bridge = new MemoryBridge({
    'settings.get': () => current,
    'settings.update': (patch) => {
      current = applySettingsPatchForTest(current, patch as SettingsPatch);
      return current;
    },
    'settings.resetPaper': ({ startingBalance }) => ({ startingBalance, asset: 'USDT', cancelledOrders: 2 }),
  });
  view = render(<Harness />, createRpcClient(bridge));
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
  delete document.documentElement.dataset.theme;
});

const dialog = () => byRole(document.body, 'dialog', 'Settings');

describe('Settings dialog', () => {
  it('reads the settings, and a pick saves at once and changes what it controls', async () => {
    await flush();
    expect(bridge.callsOf('settings.get')).toHaveLength(1);
    click(byRole<HTMLInputElement>(dialog(), 'radio', 'Decimal comma: 100,5'));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([{ numberFormat: 'comma' }]);
    expect(getDecimalSeparator()).toBe('comma');
    click(byRole<HTMLInputElement>(dialog(), 'radio', 'Light'));
    await flush();
    expect(document.documentElement.dataset.theme).toBe('light');
    click(byRole<HTMLInputElement>(dialog(), 'radio', /^Local time/));
    await flush();
    expect(getDisplayTimeZone()).toBe('local');
    expect(byRole(dialog(), 'region', 'Numbers, time and theme').textContent).toContain('Saved');
  });

  it('checks fees as typed in the chosen number format, says what is wrong inline, and sends only valid values', async () => {
    await flush();
    const fee = byRole<HTMLInputElement>(dialog(), 'textbox', /Paper fee/);
    typeInto(fee, '25');
    expect(maybeByRole(dialog(), 'alert')).toBeNull(); // nothing red before the field is left
    act(() => fee.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(fee.getAttribute('aria-invalid')).toBe('true');
    expect(dialog().textContent).toContain("The paper fee is a percentage of the trade's value; at most 10 %.");
    click(byRole(dialog(), 'button', 'Save fees and slippage'));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([]);

    typeInto(fee, '0.075');
    typeInto(byRole<HTMLInputElement>(dialog(), 'textbox', /Backtest slippage/), '12');
    click(byRole(dialog(), 'button', 'Save fees and slippage'));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([
      { trading: { paperFeePct: 0.075, paperSlippageBps: 5, backtestFeePct: 0.1, backtestSlippageBps: 12 } },
    ]);
    // The strategy lab's untouched form follows the new backtest defaults.
    expect(useStore.getState().labSettings).toMatchObject({ ...DEFAULT_LAB_SETTINGS, slippageBps: '12' });
  });

  it('resets the paper account only after RESET is typed', async () => {
    await flush();
    typeInto(byRole<HTMLInputElement>(dialog(), 'textbox', 'Starting balance (USDT)'), '2500');
    click(byRole(dialog(), 'button', 'Reset paper account…'));
    const confirm = byRole(document.body, 'alertdialog', 'Reset the paper account?');
    const go = byRole<HTMLButtonElement>(confirm, 'button', 'Reset paper account');
    expect(go.disabled).toBe(true);
    typeInto(byRole<HTMLInputElement>(confirm, 'textbox', 'Type RESET to confirm'), 'RESET');
    click(go);
    await flush();
    expect(bridge.callsOf('settings.resetPaper')).toEqual([{ startingBalance: 2500, confirmation: 'RESET' }]);
    expect(dialog().textContent).toContain('starts over with 2,500 USDT; 2 open paper orders were cancelled');
  });

  it('shows core’s refusal of a reset in the confirmation', async () => {
    bridge.setHandler('settings.resetPaper', () => {
      throw new TradewindError('invalid_input', 'Stop the paper bots first (Grid BTC).');
    });
    await flush();
    click(byRole(dialog(), 'button', 'Reset paper account…'));
    const confirm = byRole(document.body, 'alertdialog', 'Reset the paper account?');
    typeInto(byRole<HTMLInputElement>(confirm, 'textbox', 'Type RESET to confirm'), 'RESET');
    click(byRole(confirm, 'button', 'Reset paper account'));
    await flush();
    expect(byRole(confirm, 'alert').textContent).toBe('Stop the paper bots first (Grid BTC).');
  });

  it('lists a section another feature registers', async () => {
    act(() =>
      registerSettingsSection({ id: 'test-channels', title: 'Channels', order: 50, Component: () => <p>Channel settings here</p> }),
    );
    await flush();
    expect(dialog().textContent).toContain('Channel settings here');
  });
});

describe('first-run banner', () => {
  it('says what the paper account and the replay are, and stays dismissed once dismissed', async () => {
    await flush();
    const banner = document.querySelector<HTMLElement>('aside[aria-label="Welcome to Tradewind"]')!;
    expect(banner.textContent).toMatch(/paper account.*offline replay.*Accounts/s);
    click(byRole(banner, 'button', 'Got it'));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([{ firstRunDismissed: true }]);
    expect(document.querySelector('aside[aria-label="Welcome to Tradewind"]')).toBeNull();
  });
});
