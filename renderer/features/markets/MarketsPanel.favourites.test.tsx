// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Market } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient, type RpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, manyMarkets, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { click, flush, press, render, typeInto, type Rendered } from '../../test-utils/render';
import { loadMarkets } from './load-markets';
import { MarketsPanel } from './MarketsPanel';

const FOUR = [market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC', 0.000001), market('LTC/BTC', 0.000001)];

let bridge: MemoryBridge;
let stored: string[];
let view: Rendered | null = null;

/** Plays core: favourites live in `stored`, like the SQLite table, and the set answers with the whole list. */
function mount(markets: Market[], initial: string[] = [], before?: (client: RpcClient) => Promise<void>): Promise<void> | void {
  stored = [...initial];
  bridge = new MemoryBridge({
    'markets.list': () => marketList(markets),
    'market.watch': (input) => ({ symbols: input.symbols }),
    'favourites.list': ({ accountId }) => ({ accountId, symbols: [...stored] }),
    'favourites.set': ({ accountId, symbol, favourite }) => {
      stored = favourite ? (stored.includes(symbol) ? stored : [...stored, symbol]) : stored.filter((s) => s !== symbol);
      return { accountId, symbols: [...stored] };
    },
  });
  useStore.getState().setConnection('open');
  useStore.getState().setAccounts([PAPER_ACCOUNT]);
  const client = createRpcClient(bridge);
  const show = () => {
    view = render(<MarketsPanel />, client);
  };
  if (!before) return show();
  return before(client).then(show);
}

const listbox = () => document.querySelector<HTMLElement>('[role="listbox"][aria-label="Markets"]');
const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')];
const names = () => options().map((option) => option.getAttribute('data-symbol'));
const tab = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent?.startsWith(name)) as HTMLElement;
const button = (label: string) => document.querySelector<HTMLElement>(`.market-star[data-star="${label}"]`);
const activeName = () => document.getElementById(listbox()?.getAttribute('aria-activedescendant') ?? '')?.getAttribute('data-symbol');

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('MarketsPanel favourites', () => {
  it('stars a market with its button, persists it in core and lists it under Favourites', async () => {
    mount(FOUR);
    await flush();
    expect(bridge.callsOf('favourites.list')).toEqual([{ accountId: PAPER_ACCOUNT.id }]);
    expect(tab('All').getAttribute('aria-selected')).toBe('true');

    click(button('Add ETH/BTC to favourites') as HTMLElement);
    await flush();
    expect(bridge.callsOf('favourites.set')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'ETH/BTC', favourite: true }]);
    expect(stored).toEqual(['ETH/BTC']);
    expect(button('Remove ETH/BTC from favourites')).not.toBeNull();
    // Starring is not picking: the chart stays on its market.
    expect(useStore.getState().selectedSymbol).toBe('BTC/USDT');
    // "All" keeps the exchange's order.
    expect(names()).toEqual(['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'LTC/BTC']);

    click(tab('Favourites'));
    expect(tab('Favourites').getAttribute('aria-selected')).toBe('true');
    expect(tab('Favourites').textContent).toBe('Favourites 1');
    expect(names()).toEqual(['ETH/BTC']);

    click(button('Remove ETH/BTC from favourites') as HTMLElement);
    await flush();
    expect(stored).toEqual([]);
    expect(listbox()).toBeNull();
  });

  it('shows an empty Favourites tab that says how to add one and leads back to All', async () => {
    mount(FOUR);
    await flush();
    click(tab('Favourites'));
    expect(listbox()).toBeNull();
    expect(document.body.textContent).toContain(
      'No favourites yet. In All, click a market’s ☆ or press F on the highlighted row to keep it here.',
    );
    const back = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show all markets') as HTMLButtonElement;
    click(back);
    expect(tab('All').getAttribute('aria-selected')).toBe('true');
    expect(names()).toHaveLength(4);
  });

  it('toggles the active row with F, lists favourites in the order they were starred and searches within them', async () => {
    mount(FOUR, ['LTC/BTC']);
    await flush();
    expect(button('Remove LTC/BTC from favourites')).not.toBeNull();
    const list = listbox() as HTMLElement;
    list.focus();
    press(list, 'ArrowDown'); // ETH/USDT
    press(list, 'f');
    await flush();
    press(list, 'ArrowDown'); // ETH/BTC
    press(list, 'F');
    await flush();
    expect(stored).toEqual(['LTC/BTC', 'ETH/USDT', 'ETH/BTC']);
    expect(document.activeElement).toBe(listbox());

    // Arrow keys on the tab list switch views.
    const all = tab('All');
    all.focus();
    press(all, 'ArrowRight');
    expect(document.activeElement).toBe(tab('Favourites'));
    expect(names()).toEqual(['LTC/BTC', 'ETH/USDT', 'ETH/BTC']);

    typeInto(document.querySelector('input[aria-label="Search markets"]') as HTMLInputElement, 'btc');
    expect(names()).toEqual(['LTC/BTC', 'ETH/BTC']);
    typeInto(document.querySelector('input[aria-label="Search markets"]') as HTMLInputElement, 'xrp');
    expect(document.body.textContent).toContain('No favourite matches “xrp”. Clear the search to see all 3 favourites.');
    typeInto(document.querySelector('input[aria-label="Search markets"]') as HTMLInputElement, '');

    // Unstarring the active row with F in Favourites moves the cursor to the row that takes its place.
    const favList = listbox() as HTMLElement;
    favList.focus();
    press(favList, 'ArrowDown'); // ETH/USDT
    press(favList, 'f');
    await flush();
    expect(stored).toEqual(['LTC/BTC', 'ETH/BTC']);
    expect(names()).toEqual(['LTC/BTC', 'ETH/BTC']);
    expect(activeName()).toBe('ETH/BTC');
  });

  it('puts the star back and says why when core refuses', async () => {
    mount(FOUR);
    bridge.setHandler('favourites.set', () => {
      throw new TradewindError('not_found', 'ETH/BTC is not a market on Binance. Pick one from the markets list.');
    });
    await flush();
    click(button('Add ETH/BTC to favourites') as HTMLElement);
    await flush();
    expect(button('Add ETH/BTC to favourites')).not.toBeNull();
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Could not add ETH/BTC: ETH/BTC is not a market on Binance. Pick one from the markets list.');
    click(alert?.querySelector('button') as HTMLElement);
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });

  it('keeps the Favourites tab windowed when thousands are starred', async () => {
    const markets = manyMarkets(5_000);
    mount(
      markets,
      markets.filter((_, index) => index % 2 === 1).map((m) => m.symbol),
    );
    await flush();
    click(tab('Favourites'));
    expect(tab('Favourites').textContent).toBe('Favourites 2,500');
    expect(options().length).toBeGreaterThan(10);
    expect(options().length).toBeLessThan(60);
    expect(options()[0]?.getAttribute('aria-setsize')).toBe('2500');
    const list = listbox() as HTMLElement;
    press(list, 'End');
    expect(activeName()).toBe('COIN4999/USDT');
    expect(options().length).toBeLessThan(60);
  });

  it('reads the favourites when start-up already loaded the markets before the panel mounted', async () => {
    // bootstrap() loads the markets (not the favourites) before the first render.
    await mount(FOUR, ['ETH/BTC'], (client) => loadMarkets(client, useStore, PAPER_ACCOUNT.id));
    await flush();
    expect(bridge.callsOf('markets.list')).toHaveLength(1);
    expect(bridge.callsOf('favourites.list')).toEqual([{ accountId: PAPER_ACCOUNT.id }]);
    expect(button('Remove ETH/BTC from favourites')).not.toBeNull();
  });

  it('loads the favourites of the account it switches to', async () => {
    mount(FOUR, ['BTC/USDT']);
    await flush();
    expect(useStore.getState().favourites).toEqual(['BTC/USDT']);
    const other = { ...PAPER_ACCOUNT, id: 'paper-2', label: 'Paper 2' };
    bridge.setHandler('favourites.list', ({ accountId }) => ({ accountId, symbols: accountId === 'paper-2' ? ['ETH/USDT'] : [] }));
    act(() => {
      useStore.getState().setAccounts([PAPER_ACCOUNT, other]);
      useStore.getState().selectAccount('paper-2');
    });
    await flush();
    expect(bridge.callsOf('favourites.list')).toEqual([{ accountId: PAPER_ACCOUNT.id }, { accountId: 'paper-2' }]);
    expect(useStore.getState().favourites).toEqual(['ETH/USDT']);
    expect(button('Remove ETH/USDT from favourites')).not.toBeNull();
    expect(button('Add BTC/USDT to favourites')).not.toBeNull();
  });
});
