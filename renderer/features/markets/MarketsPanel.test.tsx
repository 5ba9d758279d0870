// @vitest-environment jsdom
import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Market } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, manyMarkets, market, marketList, ticker } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { click, flush, press, render, typeInto, type Rendered } from '../../test-utils/render';
import { MarketsPanel } from './MarketsPanel';
import { WATCH_DEBOUNCE_MS } from './use-market-watch';
import { ROW_WRITE_INTERVAL_MS, WAVE_SLACK_MS } from './live-row-writes';

const FOUR = [market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC', 0.000001), market('LTC/BTC', 0.000001)];

let bridge: MemoryBridge;
let view: Rendered | null = null;

function mount(markets: Market[], handlers: Handlers = {}) {
  bridge = new MemoryBridge({
    'markets.list': () => marketList(markets, [ticker('BTC/USDT', 65_000.5, 1_000, 2.25)]),
    'market.watch': (input) => ({ symbols: input.symbols }),
    'favourites.list': ({ accountId }) => ({ accountId, symbols: [] }),
    ...handlers,
  });
  useStore.getState().setConnection('open');
  useStore.getState().setAccounts([PAPER_ACCOUNT]);
  view = render(<MarketsPanel />, createRpcClient(bridge));
}

const listbox = () => document.querySelector<HTMLElement>('[role="listbox"][aria-label="Markets"]');
const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')];
const names = () => options().map((option) => option.getAttribute('data-symbol'));
const search = () => document.querySelector<HTMLInputElement>('input[aria-label="Search markets"]') as HTMLInputElement;
/** Moves the fake clock (timers, animation frames, performance.now) on by `ms`. */
const elapse = (ms: number) => act(() => vi.advanceTimersByTime(ms));
const FRAME_MS = 16;
/** Rows show tickers on the following animation frames (a few rows per frame). */
const frames = (count: number) => elapse(count * FRAME_MS);
/** Rows other than the selected one are written in waves, at most one per interval. */
const nextWave = (frameCount = 1) => {
  elapse(ROW_WRITE_INTERVAL_MS + WAVE_SLACK_MS);
  frames(frameCount);
};
/** The watch goes out once the visible rows have settled for the debounce time; then its reply. */
const afterWatchDebounce = async () => {
  elapse(WATCH_DEBOUNCE_MS);
  await flush();
};

// One fake clock for the whole file: the row-write scheduler keeps its wave times in module
// state, so its clock must only ever move forward from one test to the next.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('MarketsPanel', () => {
  it('loads the selected account’s markets itself and shows price, change and volume', async () => {
    mount(FOUR);
    await flush();
    expect(bridge.callsOf('markets.list')).toEqual([{ accountId: PAPER_ACCOUNT.id }]);
    expect(names()).toEqual(['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'LTC/BTC']);
    const btc = options()[0] as HTMLElement;
    expect(btc.textContent).toContain('65,000.50');
    expect(btc.querySelector('.market-change')?.textContent).toBe('+2.25%');
    expect(btc.querySelector('.market-change')?.classList.contains('is-up')).toBe(true);
    expect(btc.getAttribute('aria-selected')).toBe('true');
  });

  it('applies ticker events to the rows', async () => {
    mount(FOUR);
    await flush();
    act(() => bridge.emit('tickers', { tickers: [ticker('ETH/BTC', 0.0531234, 2_000, -1.5)] }));
    nextWave();
    const ethBtc = options().find((option) => option.getAttribute('data-symbol') === 'ETH/BTC') as HTMLElement;
    expect(ethBtc.querySelector('.market-last')?.textContent).toBe('0.053123');
    expect(ethBtc.querySelector('.market-change')?.classList.contains('is-down')).toBe(true);
  });

  it('keeps the live cells on the latest ticker when the row re-renders and when other symbols tick', async () => {
    mount(FOUR);
    await flush();
    const row = (symbol: string) => options().find((option) => option.getAttribute('data-symbol') === symbol) as HTMLElement;
    act(() => bridge.emit('tickers', { tickers: [ticker('ETH/USDT', 3_012.345, 2_000, -0.5)] }));
    nextWave();
    expect(row('ETH/USDT').querySelector('.market-last')?.textContent).toBe('3,012.35');
    expect(row('ETH/USDT').querySelector('.market-volume')?.textContent).toBe('1.23M');

    // Moving the active row re-renders it: React must not wipe or reset what the ticker wrote.
    const list = listbox() as HTMLElement;
    list.focus();
    press(list, 'ArrowDown');
    expect(row('ETH/USDT').classList.contains('is-active')).toBe(true);
    expect(row('ETH/USDT').querySelector('.market-last')?.textContent).toBe('3,012.35');
    expect(row('ETH/USDT').querySelector('.market-change')?.textContent).toBe('-0.50%');
    expect(row('ETH/USDT').querySelector('.market-change')?.classList.contains('is-down')).toBe(true);

    // Another symbol's batch leaves this row alone; a newer one for it flips the colour.
    act(() => bridge.emit('tickers', { tickers: [ticker('BTC/USDT', 64_000, 3_000, 0)] }));
    nextWave();
    expect(row('BTC/USDT').querySelector('.market-change')?.classList.contains('is-flat')).toBe(true);
    expect(row('ETH/USDT').querySelector('.market-last')?.textContent).toBe('3,012.35');
    act(() => bridge.emit('tickers', { tickers: [ticker('ETH/USDT', 3_020, 4_000, 0.25)] }));
    nextWave();
    expect(row('ETH/USDT').querySelector('.market-last')?.textContent).toBe('3,020.00');
    expect(row('ETH/USDT').querySelector('.market-change')?.classList.contains('is-up')).toBe(true);
    expect(row('ETH/USDT').querySelector('.market-change')?.classList.contains('is-down')).toBe(false);
  });

  it('writes a whole ticker batch on the next frame and ends on the newest tickers', async () => {
    mount(manyMarkets(100));
    await flush();
    const mounted = options().map((option) => option.getAttribute('data-symbol') as string);
    expect(mounted.length).toBeGreaterThan(10);
    const lastOf = (symbol: string) =>
      options()
        .find((option) => option.getAttribute('data-symbol') === symbol)
        ?.querySelector('.market-last')?.textContent;
    elapse(ROW_WRITE_INTERVAL_MS); // no wave under way from earlier tests
    act(() => bridge.emit('tickers', { tickers: mounted.map((symbol) => ticker(symbol, 10, 2_000)) }));
    frames(1);
    expect(mounted.map(lastOf)).toEqual(mounted.map(() => '10.00'));

    // A newer batch within the interval: the list catches up on the next wave, every row on it.
    act(() => bridge.emit('tickers', { tickers: mounted.map((symbol) => ticker(symbol, 20, 3_000)) }));
    nextWave(2);
    expect(mounted.map(lastOf)).toEqual(mounted.map(() => '20.00'));
  });

  it('filters by symbol, base or quote, case-insensitively, with an empty state', async () => {
    mount(FOUR);
    await flush();
    typeInto(search(), 'eTh');
    expect(names()).toEqual(['ETH/USDT', 'ETH/BTC']);
    typeInto(search(), 'btc');
    expect(names()).toEqual(['BTC/USDT', 'ETH/BTC', 'LTC/BTC']);

    typeInto(search(), 'xyz');
    expect(listbox()).toBeNull();
    expect(document.body.textContent).toContain('No market matches “xyz”. Clear the search to see all 4 markets.');
    const clear = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Clear search');
    click(clear as HTMLButtonElement);
    expect(search().value).toBe('');
    expect(names()).toHaveLength(4);
  });

  it('moves the active row with the arrow keys and selects it with Enter', async () => {
    mount(FOUR);
    await flush();
    const list = listbox() as HTMLElement;
    list.focus();
    press(list, 'ArrowDown');
    press(list, 'ArrowDown');
    press(list, 'ArrowDown');
    press(list, 'ArrowUp');
    const active = document.getElementById(list.getAttribute('aria-activedescendant') ?? '');
    expect(active?.getAttribute('data-symbol')).toBe('ETH/BTC');
    expect(useStore.getState().selectedSymbol).toBe('BTC/USDT'); // arrows alone do not switch the chart

    press(list, 'Enter');
    expect(useStore.getState().selectedSymbol).toBe('ETH/BTC');
    const selected = options().filter((option) => option.getAttribute('aria-selected') === 'true');
    expect(selected.map((option) => option.getAttribute('data-symbol'))).toEqual(['ETH/BTC']);

    press(list, 'ArrowDown');
    press(list, 'ArrowDown'); // already at the end: stays on the last row
    press(list, 'Enter');
    expect(useStore.getState().selectedSymbol).toBe('LTC/BTC');
  });

  it('keeps keyboard navigation within the filtered list and lets Enter in the search select', async () => {
    mount(FOUR);
    await flush();
    typeInto(search(), 'btc');
    press(search(), 'ArrowDown');
    expect(document.activeElement).toBe(listbox());
    press(listbox() as HTMLElement, 'ArrowDown');
    press(search(), 'Enter');
    expect(useStore.getState().selectedSymbol).toBe('ETH/BTC');
  });

  it('mounts only the visible window of thousands of markets and scrolls the active row into it', async () => {
    mount(manyMarkets(5_000));
    await flush();
    expect(options().length).toBeGreaterThan(10);
    expect(options().length).toBeLessThan(60);
    expect(options()[0]?.getAttribute('aria-setsize')).toBe('5000');

    const list = listbox() as HTMLElement;
    press(list, 'End');
    const last = document.getElementById(list.getAttribute('aria-activedescendant') ?? '');
    expect(last?.getAttribute('data-symbol')).toBe('COIN4999/USDT');
    expect(last?.getAttribute('aria-posinset')).toBe('5000');
    expect(names()).not.toContain('COIN0000/USDT');
    expect(options().length).toBeLessThan(60);
  });

  it('watches the visible symbols plus the chart market and timeframe, debounced', async () => {
    mount(manyMarkets(500));
    await flush();
    expect(bridge.callsOf('market.watch')).toEqual([]);
    await afterWatchDebounce();
    const calls = bridge.callsOf('market.watch') as Array<{ symbols: string[]; candles?: unknown }>;
    expect(calls).toHaveLength(1);
    const [watch] = calls;
    expect(watch?.symbols[0]).toBe('COIN0000/USDT');
    expect(watch?.symbols).toContain('COIN0010/USDT');
    expect(watch?.symbols).not.toContain('COIN0400/USDT');
    expect(watch?.candles).toEqual({ symbol: 'COIN0000/USDT', timeframe: '1h' });

    // Scrolling far down replaces the watched set; several quick changes make a single call.
    press(listbox() as HTMLElement, 'End');
    press(listbox() as HTMLElement, 'Enter');
    await afterWatchDebounce();
    const latest = (bridge.callsOf('market.watch') as Array<{ symbols: string[]; candles?: unknown }>).at(-1);
    expect(bridge.callsOf('market.watch')).toHaveLength(2);
    expect(latest?.symbols[0]).toBe('COIN0499/USDT');
    expect(latest?.symbols).not.toContain('COIN0000/USDT');
    expect(latest?.candles).toEqual({ symbol: 'COIN0499/USDT', timeframe: '1h' });
  });

  it('re-sends its watch and reloads the list after a reconnect (the host forgot the session)', async () => {
    mount(FOUR);
    await flush();
    await afterWatchDebounce();
    expect(bridge.callsOf('market.watch')).toHaveLength(1);
    act(() => useStore.getState().setConnection('closed'));
    await afterWatchDebounce();
    expect(bridge.callsOf('market.watch')).toHaveLength(1); // nothing sent while down
    act(() => useStore.getState().setConnection('open'));
    await flush();
    await afterWatchDebounce();
    expect(bridge.callsOf('market.watch')).toHaveLength(2);
    expect(bridge.callsOf('markets.list')).toHaveLength(2);
  });

  it('shows the error with a Retry that loads again', async () => {
    mount(FOUR, {
      'markets.list': () => {
        throw new TradewindError('exchange_down', 'Binance is down');
      },
    });
    await flush();
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('Could not load markets: Binance is downRetry');
    bridge.setHandler('markets.list', () => marketList(FOUR));
    click(alert?.querySelector('button') as HTMLButtonElement);
    await flush();
    expect(names()).toHaveLength(4);
  });
});
