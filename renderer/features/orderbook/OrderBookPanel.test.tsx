// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { click, flush, render, type Rendered } from '../../test-utils/render';
import { OrderBookPanel } from './OrderBookPanel';
import { POLL_MS, STREAMING_POLL_MS } from './use-poll';

const REASON = 'The offline replay has recorded bars only: no order book or individual trades.';
const BOOK: MethodOutput<'market.depth'> = {
  symbol: 'BTC/USDT',
  bids: [
    [100.05, 1],
    [100.01, 3],
    [99.95, 4],
  ],
  asks: [
    [100.15, 2],
    [100.19, 2],
    [100.25, 8],
  ],
  timestamp: 1_000,
  available: true,
};

let bridge: MemoryBridge;
let view: Rendered | null = null;

function mount(handlers: Handlers) {
  bridge = new MemoryBridge(handlers);
  const state = useStore.getState();
  state.setConnection('open');
  state.setAccounts([PAPER_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT', 0.01), market('ETH/USDT', 0.01)]));
  view = render(<OrderBookPanel />, createRpcClient(bridge));
}

const region = () => document.querySelector<HTMLElement>('section[aria-labelledby]') as HTMLElement;
const tab = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent === name) as HTMLElement;
const cells = (side: 'bid' | 'ask') =>
  [...document.querySelectorAll(`[data-testid="book-${side}"]`)].map((row) => [...row.children].map((c) => c.textContent));
const shading = (side: 'bid' | 'ask') =>
  [...document.querySelectorAll<HTMLElement>(`[data-testid="book-${side}"]`)].map((row) => row.style.getPropertyValue('--depth'));
const group = () => document.querySelector<HTMLSelectElement>('select[aria-label="Group"]') as HTMLSelectElement;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});
afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

describe('OrderBookPanel', () => {
  it('shows the source’s reason as the empty state when there is no book or tape', async () => {
    mount({
      'market.depth': ({ symbol }) => ({ symbol, bids: [], asks: [], timestamp: 0, available: false, reason: REASON }),
      'market.trades': ({ symbol }) => ({ symbol, trades: [], available: false, reason: REASON }),
    });
    await flush();
    expect(document.getElementById(region().getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Order book');
    expect(document.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('Order book view');
    expect(region().querySelector('[role="status"]')?.textContent).toBe(REASON);
    click(tab('Trades'));
    await flush();
    expect(bridge.callsOf('market.trades')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', limit: 50 }]);
    expect(region().querySelector('[role="status"]')?.textContent).toBe(REASON);
  });

  it('renders asks above the spread and bids below, with totals, depth shading and grouping', async () => {
    mount({ 'market.depth': () => BOOK });
    await flush();
    expect(bridge.callsOf('market.depth')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', limit: 50 }]);
    // Asks read downwards towards the spread: the best (lowest) ask is last.
    expect(cells('ask').map((r) => r[0])).toEqual(['100.25', '100.19', '100.15']);
    expect(cells('bid')).toEqual([
      ['100.05', '1.00', '1.00'],
      ['100.01', '3.00', '4.00'],
      ['99.95', '4.00', '8.00'],
    ]);
    expect(shading('ask')).toEqual(['100.0%', '33.3%', '16.7%']);
    expect(shading('bid')).toEqual(['8.3%', '33.3%', '66.7%']);
    expect(document.querySelector('[data-testid="book-spread"]')?.textContent).toBe('Spread0.10 (0.100%)');

    // Grouped prices print at the group's precision.
    group().value = '10';
    group().dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(bridge.callsOf('market.depth').at(-1)).toEqual({ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', limit: 100 });
    expect(cells('bid').map((r) => r.slice(0, 2))).toEqual([
      ['100.0', '4.00'],
      ['99.9', '4.00'],
    ]);
    expect(cells('ask').map((r) => r.slice(0, 2))).toEqual([
      ['100.3', '8.00'],
      ['100.2', '4.00'],
    ]);
  });

  it('polls every two seconds, follows the selected market, and stops when unmounted', async () => {
    vi.useFakeTimers();
    mount({ 'market.depth': ({ symbol }) => ({ ...BOOK, symbol }) });
    await flush();
    expect(bridge.callsOf('market.depth')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await flush();
    expect(bridge.callsOf('market.depth')).toHaveLength(2);

    useStore.getState().selectSymbol('ETH/USDT');
    await flush();
    expect(bridge.callsOf('market.depth').at(-1)).toMatchObject({ symbol: 'ETH/USDT' });
    const count = bridge.callsOf('market.depth').length;

    view?.unmount();
    view = null;
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(bridge.callsOf('market.depth')).toHaveLength(count);
  });

  it('refreshes four times a second while core serves the book from a websocket, and slows down when that stops', async () => {
    vi.useFakeTimers();
    let streaming = true;
    mount({ 'market.depth': () => ({ ...BOOK, streaming }) });
    await flush();
    expect(bridge.callsOf('market.depth')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(STREAMING_POLL_MS * 4);
    await flush();
    expect(bridge.callsOf('market.depth')).toHaveLength(5);

    streaming = false; // the socket failed: core polls the exchange, the panel goes back to every 2 s
    await vi.advanceTimersByTimeAsync(STREAMING_POLL_MS);
    await flush();
    const count = bridge.callsOf('market.depth').length;
    await vi.advanceTimersByTimeAsync(POLL_MS - 10);
    expect(bridge.callsOf('market.depth')).toHaveLength(count);
    await vi.advanceTimersByTimeAsync(10);
    await flush();
    expect(bridge.callsOf('market.depth')).toHaveLength(count + 1);
  });

  it('keeps the last book and says so when a refresh fails', async () => {
    vi.useFakeTimers();
    let fail = false;
    mount({
      'market.depth': () => {
        if (fail) throw new Error('exchange down');
        return BOOK;
      },
    });
    await flush();
    fail = true;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await flush();
    expect(cells('bid')).toHaveLength(3);
    expect(region().querySelector('[role="alert"]')?.textContent).toMatch(/^Not updating: /);
  });
});
