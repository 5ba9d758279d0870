// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, type Rendered } from '../../test-utils/render';
import { gridBot, liveDcaBot } from '../bots/test-fixtures';
import { KillSwitch, isKillSwitchShortcut } from './KillSwitch';

let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setBots([gridBot({ state: 'running', startedAt: 1 }), liveDcaBot({ state: 'paused', startedAt: 1 })]);
  bridge = new MemoryBridge({
    'bots.killSwitch': () => ({
      at: 1,
      botsStopped: 2,
      ordersCancelled: 7,
      failures: [{ botId: 'bot-dca', clientOrderId: 'tw-77', message: 'Exchange timed out; the order may still be open.' }],
    }),
  });
  view = render(<KillSwitch />, createRpcClient(bridge));
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

function shortcut(init: KeyboardEventInit) {
  act(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

describe('kill switch', () => {
  it('recognises Ctrl+Shift+K and ⌘⇧K only', () => {
    const base = { key: 'K', code: 'KeyK', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false };
    expect(isKillSwitchShortcut(base)).toBe(true);
    expect(isKillSwitchShortcut({ ...base, ctrlKey: false, metaKey: true })).toBe(true);
    expect(isKillSwitchShortcut({ ...base, shiftKey: false })).toBe(false);
    expect(isKillSwitchShortcut({ ...base, altKey: true })).toBe(false);
    expect(isKillSwitchShortcut({ ...base, key: 'J', code: 'KeyJ' })).toBe(false);
  });

  it('asks first from the shortcut, does nothing on cancel, then stops everything and shows the summary', async () => {
    shortcut({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true });
    const confirm = byRole(document, 'alertdialog', 'Stop every bot?');
    expect(confirm.textContent).toContain('2 bots are running or paused.');
    click(byRole(confirm, 'button', 'Cancel'));
    expect(bridge.callsOf('bots.killSwitch')).toEqual([]);

    click(byRole(document, 'button', 'Kill switch'));
    click(byRole(document, 'button', 'Stop all bots'));
    await flush();
    expect(bridge.callsOf('bots.killSwitch')).toEqual([undefined]);
    expect(maybeByRole(document, 'alertdialog')).toBeNull();
    const summary = byRole(document, 'dialog', 'Kill switch done');
    expect(summary.textContent).toContain('2 bots stopped, 7 orders cancelled.');
    expect(summary.textContent).toContain('ETH dips · tw-77: Exchange timed out; the order may still be open.');
    click(byRole(summary, 'button', 'Close'));
    expect(maybeByRole(document, 'dialog')).toBeNull();
  });

  it('keeps the confirmation open with the error when core refuses', async () => {
    bridge.setHandler('bots.killSwitch', () => {
      throw new TradewindError('internal', 'Core is shutting down.');
    });
    click(byRole(document, 'button', 'Kill switch'));
    click(byRole(document, 'button', 'Stop all bots'));
    await flush();
    expect(byRole(byRole(document, 'alertdialog', 'Stop every bot?'), 'alert').textContent).toBe('Core is shutting down.');
  });
});
