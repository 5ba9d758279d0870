// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { press, render, type Rendered } from '../test-utils/render';
import { PanelTabs, panelTabPanelId } from './PanelTabs';

type Tab = 'open' | 'history' | 'trades';
const TABS = [
  { id: 'open', label: 'Open orders' },
  { id: 'history', label: 'Order history' },
  { id: 'trades', label: 'Trades' },
] as const satisfies ReadonlyArray<{ id: Tab; label: string }>;

function Strip() {
  const [tab, setTab] = useState<Tab>('open');
  return (
    <>
      <PanelTabs idBase="t" label="Orders panel" tabs={TABS} value={tab} onChange={setTab} />
      <div role="tabpanel" id={panelTabPanelId('t')} data-shown={tab} />
    </>
  );
}

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const tabs = () => [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const selected = () => tabs().find((tab) => tab.getAttribute('aria-selected') === 'true')?.textContent;

describe('PanelTabs', () => {
  it('is a named tablist with one tab in the tab order, each controlling the panel', () => {
    view = render(<Strip />);
    expect(document.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('Orders panel');
    expect(tabs().map((tab) => [tab.textContent, tab.tabIndex, tab.getAttribute('aria-controls')])).toEqual([
      ['Open orders', 0, 't-panel'],
      ['Order history', -1, 't-panel'],
      ['Trades', -1, 't-panel'],
    ]);
  });

  it('moves with the arrow keys (wrapping), Home and End, selecting and focusing the tab', () => {
    view = render(<Strip />);
    const list = document.querySelector('[role="tablist"]') as HTMLElement;
    press(list, 'ArrowLeft');
    expect(selected()).toBe('Trades');
    expect(document.activeElement).toBe(tabs()[2]);
    press(list, 'ArrowRight');
    expect(selected()).toBe('Open orders');
    press(list, 'End');
    expect(selected()).toBe('Trades');
    press(list, 'Home');
    expect(selected()).toBe('Open orders');
    press(list, 'ArrowRight');
    expect(selected()).toBe('Order history');
    expect(document.activeElement).toBe(tabs()[1]);
    expect(document.querySelector('[role="tabpanel"]')?.getAttribute('data-shown')).toBe('history');
    press(list, 'a');
    expect(selected()).toBe('Order history');
  });
});
