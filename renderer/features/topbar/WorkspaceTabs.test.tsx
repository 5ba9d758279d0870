// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { allByRole, byRole } from '../../test-utils/queries';
import { click, press, render, type Rendered } from '../../test-utils/render';
import { TopBar } from './TopBar';

let view: Rendered | null = null;

const tablist = () => byRole(document, 'tablist', 'Workspace');
const tab = (name: string) => byRole<HTMLButtonElement>(tablist(), 'tab', name);
const selected = () => allByRole(tablist(), 'tab').filter((element) => element.getAttribute('aria-selected') === 'true');

function altDigit(digit: number, target: EventTarget = window, key = String(digit)) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, code: `Digit${digit}`, altKey: true, bubbles: true, cancelable: true }));
  });
}

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  view = render(<TopBar />, createRpcClient(new MemoryBridge()));
});
afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

describe('workspace tabs', () => {
  it('offers the workspaces with Trade selected and only it in the tab order', () => {
    expect(allByRole(tablist(), 'tab').map((element) => element.textContent)).toEqual([
      'Trade',
      'Portfolio',
      'Accounts',
      'Audit log',
      'Strategies',
      'Bots',
      'Spread',
    ]);
    expect(selected().map((element) => element.textContent)).toEqual(['Trade']);
    expect(allByRole(tablist(), 'tab').map((element) => element.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1]);
    expect(tab('Accounts').getAttribute('aria-controls')).toBe('workspace-panel');
    expect(tab('Audit log').getAttribute('aria-keyshortcuts')).toBe('Alt+4');
  });

  it('moves with the arrow keys (wrapping), Home and End, focusing the opened tab', () => {
    tab('Trade').focus();
    press(tab('Trade'), 'ArrowRight');
    expect(useStore.getState().workspace).toBe('portfolio');
    expect(document.activeElement).toBe(tab('Portfolio'));
    expect(tab('Portfolio').tabIndex).toBe(0);

    press(tab('Portfolio'), 'End');
    expect(useStore.getState().workspace).toBe('spread');
    press(tab('Spread'), 'ArrowRight');
    expect(useStore.getState().workspace).toBe('trade');
    press(tab('Trade'), 'ArrowLeft');
    expect(useStore.getState().workspace).toBe('spread');
    press(tab('Spread'), 'Home');
    expect(useStore.getState().workspace).toBe('trade');
    expect(document.activeElement).toBe(tab('Trade'));
  });

  it('opens a workspace on click', () => {
    click(tab('Accounts'));
    expect(useStore.getState().workspace).toBe('accounts');
    expect(selected().map((element) => element.textContent)).toEqual(['Accounts']);
  });

  it('opens workspaces with Alt+1 … Alt+6 from anywhere, but not behind a modal dialog', () => {
    altDigit(3);
    expect(useStore.getState().workspace).toBe('accounts');
    altDigit(4, document.body);
    expect(useStore.getState().workspace).toBe('audit');
    altDigit(6);
    expect(useStore.getState().workspace).toBe('bots');
    altDigit(1);
    expect(useStore.getState().workspace).toBe('trade');

    const search = document.createElement('input');
    document.body.append(search);
    altDigit(2, search, '™'); // macOS Option+2 types a character into the field
    expect(useStore.getState().workspace).toBe('trade');
    altDigit(2, search);
    expect(useStore.getState().workspace).toBe('portfolio');

    const modal = document.createElement('div');
    modal.setAttribute('aria-modal', 'true');
    document.body.append(modal);
    altDigit(3);
    expect(useStore.getState().workspace).toBe('portfolio');
  });
});
