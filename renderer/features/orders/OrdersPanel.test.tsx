// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BracketView, OrderView } from '../../../shared/ipc/schemas/orders';
import { createRpcClient } from '../../lib/ipc/client';
import { resetPersistedChoices } from '../../lib/hooks/use-persisted-choice';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { allByRole, byRole, choose } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { buildBracketUpdate, startEdit } from './bracket-edit';
import { OrdersPanel } from './OrdersPanel';

function order(clientOrderId: string, overrides: Partial<OrderView> = {}): OrderView {
  return {
    clientOrderId,
    accountId: PAPER_ACCOUNT.id,
    exchangeOrderId: null,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: 0.01,
    price: 29_000,
    stopPrice: null,
    status: 'open',
    filled: 0,
    averagePrice: null,
    cost: 0,
    fees: [],
    origin: 'manual',
    originId: null,
    originRole: null,
    marketAt: null,
    lookups: 0,
    error: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

function bracket(overrides: Partial<BracketView> = {}): BracketView {
  return {
    id: 'br-1',
    accountId: PAPER_ACCOUNT.id,
    symbol: 'BTC/USDT',
    side: 'buy',
    status: 'open_position',
    entry: { type: 'market', price: null, amount: 0.02, clientOrderId: 'tw-e', filled: 0.02, averagePrice: 30_000 },
    position: 0.01,
    targets: [
      { index: 0, price: 30_300, percent: 1, share: 50, status: 'filled', clientOrderId: 'tw-t1', amount: 0.01, filled: 0.01 },
      { index: 1, price: 31_000, percent: null, share: 50, status: 'open', clientOrderId: 'tw-t2', amount: 0.01, filled: 0 },
    ],
    stopLoss: { price: 29_000, percent: null },
    trailing: null,
    effectiveStop: 29_000,
    realizedPnl: 3,
    quote: 'USDT',
    closeReason: null,
    message: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

let bridge: MemoryBridge;
let view: Rendered | null = null;
let open: OrderView[];

/** Plays core's paging: `limit` rows from the cursor on (this fake's cursor is the next row's index). */
function pageOf<T>(rows: readonly T[], input: { limit?: number | undefined; cursor?: string | undefined }) {
  const start = input.cursor === undefined ? 0 : Number(input.cursor.split('.').pop());
  const limit = input.limit ?? 100;
  return { items: rows.slice(start, start + limit), nextCursor: start + limit < rows.length ? `o1.0.${start + limit}` : null };
}

function mount() {
  bridge = new MemoryBridge({
    'orders.page': (input) =>
      pageOf(input.status === 'open' ? open : [order('tw-old', { status: 'rejected', error: 'Insufficient balance' })], input),
    'trades.page': () => ({ items: [], nextCursor: null }),
    'brackets.list': () => [bracket()],
    'orders.cancel': ({ clientOrderId }) => {
      const found = open.find((o) => o.clientOrderId === clientOrderId) ?? order(clientOrderId);
      open = open.filter((o) => o.clientOrderId !== clientOrderId);
      return { ...found, status: 'cancelled' };
    },
    'orders.cancelAll': () => {
      const cancelled = open.map((o) => ({ ...o, status: 'cancelled' as const }));
      open = [];
      return { cancelled, failed: [] };
    },
    'orders.amend': ({ clientOrderId, price, amount }) => {
      const found = open.find((o) => o.clientOrderId === clientOrderId) ?? order(clientOrderId);
      const replacement = {
        ...found,
        clientOrderId: `${clientOrderId}-r`,
        price: price ?? found.price,
        amount: amount ?? found.amount,
        originRole: 'amends',
        originId: clientOrderId,
      };
      open = [...open.filter((o) => o.clientOrderId !== clientOrderId), replacement];
      return replacement;
    },
    'brackets.update': () => bracket(),
    'brackets.close': () => bracket({ status: 'closing' }),
  });
  view = render(<OrdersPanel />, createRpcClient(bridge));
}

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="order-row"]')];

beforeEach(() => {
  open = [order('tw-1'), order('tw-2', { side: 'sell', price: 31_000 })];
  localStorage.clear(); // the tab chosen in the test before is remembered
  resetPersistedChoices();
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT')]));
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('OrdersPanel', () => {
  it('lists open orders of the account and cancels one', async () => {
    mount();
    await flush();
    expect(byRole(document, 'tablist', 'Orders panel')).toBeTruthy();
    expect(bridge.callsOf('orders.page')).toEqual([{ accountId: PAPER_ACCOUNT.id, status: 'open', limit: 200 }]);
    expect(rows().map((row) => row.dataset.clientOrderId)).toEqual(['tw-1', 'tw-2']);
    click(byRole(document, 'button', 'Cancel order tw-1'));
    await flush();
    expect(bridge.callsOf('orders.cancel')).toEqual([{ accountId: PAPER_ACCOUNT.id, clientOrderId: 'tw-1' }]);
    expect(rows().map((row) => row.dataset.clientOrderId)).toEqual(['tw-2']);
  });

  it('amends an open order’s price and amount, reading the typed numbers in the chosen format', async () => {
    mount();
    await flush();
    click(byRole(document, 'button', 'Amend order tw-1'));
    const dialog = byRole(document, 'dialog', /^Amend buy BTC\/USDT/);
    typeInto(byRole<HTMLInputElement>(dialog, 'textbox', 'New price'), '29500');
    typeInto(byRole<HTMLInputElement>(dialog, 'textbox', /^New amount/), '0x10');
    click(byRole(dialog, 'button', 'Amend order'));
    await flush();
    expect(byRole(dialog, 'alert').textContent).toMatch(/Amount: "0x10" is not a number/);
    expect(bridge.callsOf('orders.amend')).toEqual([]);
    typeInto(byRole<HTMLInputElement>(dialog, 'textbox', /^New amount/), '0.02');
    click(byRole(dialog, 'button', 'Amend order'));
    await flush();
    expect(bridge.callsOf('orders.amend')).toEqual([{ accountId: PAPER_ACCOUNT.id, clientOrderId: 'tw-1', price: 29_500, amount: 0.02 }]);
    await flush();
    expect(rows().map((row) => row.dataset.clientOrderId)).toEqual(['tw-2', 'tw-1-r']);
  });

  it('cancels all for the market and for the account after confirming', async () => {
    mount();
    await flush();
    click(byRole(document, 'button', 'Cancel BTC/USDT orders'));
    const dialog = byRole(document, 'alertdialog', 'Cancel all BTC/USDT orders?');
    click(byRole(dialog, 'button', 'Cancel orders'));
    await flush();
    expect(bridge.callsOf('orders.cancelAll')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT' }]);
    expect(rows()).toHaveLength(0);

    click(byRole(document, 'button', 'Cancel all orders on the account'));
    click(byRole(byRole(document, 'alertdialog'), 'button', 'Cancel orders'));
    await flush();
    expect(bridge.callsOf('orders.cancelAll').at(-1)).toEqual({ accountId: PAPER_ACCOUNT.id });
  });

  it('switches scope and tab, shows failed orders’ errors and follows orders.changed in place', async () => {
    mount();
    await flush();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Orders scope'), 'all');
    await flush();
    expect(bridge.callsOf('orders.page').at(-1)).toEqual({ status: 'open', limit: 200 });
    // A new order comes in on top, a filled one leaves the open list; nothing is read again.
    const reads = bridge.callsOf('orders.page').length;
    act(() =>
      bridge.emit('orders.changed', {
        accountIds: [PAPER_ACCOUNT.id],
        orders: [order('tw-3', { createdAt: 1_700_000_000_500 }), order('tw-1', { status: 'filled', filled: 0.01 })],
      }),
    );
    expect(rows().map((row) => row.dataset.clientOrderId)).toEqual(['tw-3', 'tw-2']);
    expect(bridge.callsOf('orders.page')).toHaveLength(reads);

    click(byRole(document, 'tab', 'Order history'));
    await flush();
    expect(rows()[0]?.dataset.status).toBe('rejected');
    expect(rows()[0]?.textContent).toContain('Insufficient balance');
    act(() =>
      bridge.emit('orders.changed', {
        accountIds: [PAPER_ACCOUNT.id],
        orders: [order('tw-2', { status: 'cancelled', createdAt: 1_700_000_000_100 })],
      }),
    );
    expect(rows().map((row) => row.dataset.status)).toEqual(['cancelled', 'rejected']);
  });

  it('scrolls a 1,617-order list to its last order, loading pages as it goes and mounting only the rows in view', async () => {
    open = Array.from({ length: 1_617 }, (_, i) => order(`tw-${i + 1}`, { createdAt: 1_700_000_000_000 - i * 1_000 }));
    mount();
    await flush();
    const scroller = document.querySelector<HTMLElement>('.orders-scroll')!;
    const table = scroller.querySelector('table')!;
    expect(table.getAttribute('aria-rowcount')).toBe('-1');
    for (let step = 0; step < 20 && !document.querySelector('[data-client-order-id="tw-1617"]'); step++) {
      // jsdom lays nothing out: the rows' full height is what the spacer rows make the table.
      act(() => {
        scroller.scrollTop = 1_617 * 27;
        scroller.dispatchEvent(new Event('scroll'));
      });
      await flush();
      expect(rows().length).toBeLessThan(80);
    }
    const last = rows().at(-1);
    expect(last?.dataset.clientOrderId).toBe('tw-1617');
    expect(last?.getAttribute('aria-rowindex')).toBe(String(1_617 + 1));
    expect(table.getAttribute('aria-rowcount')).toBe(String(1_617 + 1));
    // Nine pages of 200, each asked for once, each from where the previous one ended.
    const cursors = bridge.callsOf('orders.page').map((input) => (input as { cursor?: string }).cursor ?? null);
    expect(cursors).toEqual([null, 'o1.0.200', 'o1.0.400', 'o1.0.600', 'o1.0.800', 'o1.0.1000', 'o1.0.1200', 'o1.0.1400', 'o1.0.1600']);
    // Back at the top, the first orders are mounted again.
    act(() => {
      scroller.scrollTop = 0;
      scroller.dispatchEvent(new Event('scroll'));
    });
    expect(rows()[0]?.dataset.clientOrderId).toBe('tw-1');
  });

  it('edits a bracket’s stop and open target inline and closes it at market', async () => {
    mount();
    await flush();
    click(byRole(document, 'tab', 'Brackets'));
    await flush();
    const row = document.querySelector<HTMLElement>('[data-testid="bracket-row"]');
    expect(row?.dataset.status).toBe('open_position');
    expect(row?.querySelector('[data-testid="bracket-position"]')?.textContent).toBe('0.01');
    click(byRole(document, 'button', 'Edit'));
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Stop price'), '29500');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Target 2 price'), '31500');
    expect(allByRole(document, 'textbox', 'Target 1 price')).toHaveLength(0);
    click(byRole(document, 'button', 'Save'));
    await flush();
    expect(bridge.callsOf('brackets.update')).toEqual([
      { bracketId: 'br-1', stopLoss: { price: 29_500 }, targets: [{ price: 31_500, share: 50 }] },
    ]);
    click(byRole(document, 'button', 'Close at market'));
    // Asked first: nothing is sent until the person confirms.
    const confirm = byRole(document, 'alertdialog', 'Close the BTC/USDT smart trade at market?');
    expect(bridge.callsOf('brackets.close')).toEqual([]);
    click(byRole(confirm, 'button', 'Close at market'));
    await flush();
    expect(bridge.callsOf('brackets.close')).toEqual([{ bracketId: 'br-1' }]);
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
  });
});

describe('buildBracketUpdate', () => {
  it('sends only what changed and keeps untouched %-targets as %', () => {
    const waiting = bracket({
      status: 'pending_entry',
      targets: [
        { index: 0, price: null, percent: 1, share: 60, status: 'waiting', clientOrderId: null, amount: null, filled: 0 },
        { index: 1, price: 32_000, percent: null, share: 40, status: 'waiting', clientOrderId: null, amount: null, filled: 0 },
      ],
    });
    const form = startEdit(waiting);
    expect(buildBracketUpdate(waiting, form)).toBeNull();
    expect(buildBracketUpdate(waiting, { ...form, stop: '' })).toEqual({ bracketId: 'br-1', stopLoss: null });
    expect(buildBracketUpdate(waiting, { ...form, targets: { ...form.targets, 1: '33000' } })).toEqual({
      bracketId: 'br-1',
      targets: [
        { percent: 1, share: 60 },
        { price: 33_000, share: 40 },
      ],
    });
    expect(buildBracketUpdate(waiting, { ...form, stop: 'abc' })).toBe('The stop price must be a positive number.');
    // A comma is never dropped as a thousands separator: "29,5" is not 295.
    expect(buildBracketUpdate(waiting, { ...form, stop: '29,5' })).toBe('The stop price must be a positive number.');
    expect(buildBracketUpdate(waiting, { ...form, stop: '0x10' })).toBe('The stop price must be a positive number.');
  });
});
