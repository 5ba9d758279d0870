// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../lib/ipc/client';
import { readPersistedChoice, resetPersistedChoices } from '../../lib/hooks/use-persisted-choice';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { allByRole, byRole, maybeByRole } from '../../test-utils/queries';
import { flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { PaletteHost } from './PaletteHost';
import { SHORTCUTS } from './shortcuts';
import { settingsFixture } from '../settings/test-fixtures';

let view: Rendered | null = null;
let bridge: MemoryBridge;

beforeAll(() => {
  // jsdom has neither; cmdk scrolls the chosen item into view and watches the list's size.
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

beforeEach(() => {
  localStorage.clear();
  resetPersistedChoices();
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC'), market('SOL/USDT')]));
  state.setWorkspace('bots');
  bridge = new MemoryBridge({ 'settings.update': (patch) => settingsFixture({ theme: patch.theme ?? 'dark' }) });
  useStore.getState().setSettings(settingsFixture());
  view = render(<PaletteHost />, createRpcClient(bridge));
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

function key(init: KeyboardEventInit, target: EventTarget = document.body) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

/** The palette runs a picked item on the next frame (after it closed and focus went back). */
async function nextFrame() {
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

const palette = () => byRole(document.body, 'dialog', 'Command palette');
const input = () => palette().querySelector<HTMLInputElement>('input')!;

describe('command palette', () => {
  it('opens with Ctrl+K, narrows markets fuzzily as typed, and Enter jumps to the market on the Trade workspace', async () => {
    key({ key: 'k', code: 'KeyK', ctrlKey: true });
    expect(document.activeElement).toBe(input());
    typeInto(input(), 'solu');
    await flush();
    const options = allByRole(palette(), 'option').map((o) => o.textContent);
    expect(options[0]).toBe('SOL/USDT');
    expect(options).not.toContain('ETH/BTC');
    key({ key: 'Enter' }, input());
    expect(maybeByRole(document.body, 'dialog', 'Command palette')).toBeNull();
    await nextFrame();
    expect(useStore.getState().selectedSymbol).toBe('SOL/USDT');
    expect(useStore.getState().workspace).toBe('trade');
  });

  it('opens a panel tab and an action by name, keyboard only', async () => {
    key({ key: 'k', metaKey: true });
    typeInto(input(), 'trades');
    await flush();
    key({ key: 'Enter' }, input());
    await nextFrame();
    expect(readPersistedChoice('orders.tab')).toBe('trades');

    key({ key: 'k', ctrlKey: true });
    typeInto(input(), 'settings');
    await flush();
    key({ key: 'Enter' }, input());
    await nextFrame();
    expect(useStore.getState().settingsOpen).toBe(true);
  });

  it('toggles the theme through the settings', async () => {
    key({ key: 'k', ctrlKey: true });
    typeInto(input(), 'theme');
    await flush();
    key({ key: 'Enter' }, input());
    await nextFrame();
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([{ theme: 'light' }]);
    expect(useStore.getState().settings?.theme).toBe('light');
  });

  it('says what to try when nothing matches, and Escape closes it', async () => {
    key({ key: 'k', ctrlKey: true });
    typeInto(input(), 'zzzqqq');
    await flush();
    expect(palette().textContent).toContain('Nothing matches');
    key({ key: 'Escape' }, input());
    expect(maybeByRole(document.body, 'dialog', 'Command palette')).toBeNull();
  });
});

describe('shortcut sheet', () => {
  it('opens on ? (not while typing) and lists every shortcut of the registry', () => {
    const field = document.createElement('input');
    document.body.append(field);
    key({ key: '?' }, field);
    expect(maybeByRole(document.body, 'dialog', 'Keyboard shortcuts')).toBeNull();
    key({ key: '?' });
    const sheet = byRole(document.body, 'dialog', 'Keyboard shortcuts');
    for (const shortcut of SHORTCUTS) expect(sheet.textContent).toContain(shortcut.action);
  });

  it('knows every aria-keyshortcuts the renderer declares (the sheet cannot drift from the keys)', () => {
    // Every component's source, through Vite (the renderer may not use Node's fs).
    const sources = import.meta.glob<string>(['../../**/*.tsx', '!../../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });
    const declared = new Set<string>();
    for (const source of Object.values(sources)) {
      for (const match of source.matchAll(/aria-keyshortcuts="([^"]+)"/g)) declared.add(match[1]!);
    }
    const known = new Set(SHORTCUTS.flatMap((s) => s.aria ?? []));
    expect([...declared].filter((keys) => !known.has(keys))).toEqual([]);
    expect(declared.size).toBeGreaterThan(5);
  });
});
