// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BracketView, OrderView } from '../../../shared/ipc/schemas/orders';
import { createRpcClient } from '../../lib/ipc/client';
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

function mount() {
  bridge = new MemoryBridge({
    'orders.list': (input) => (input.status === 'open' ? open : [order('tw-old', { status: 'rejected', error: 'Insufficient balance' })]),
    'trades.list': () => [],
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
    'brackets.update': () => bracket(),
    'brackets.close': () => bracket({ status: 'closing' }),
  });
  view = render(<OrdersPanel />, createRpcClient(bridge));
}

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="order-row"]')];

beforeEach(() => {
  open = [order('tw-1'), order('tw-2', { side: 'sell', price: 31_000 })];
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
    expect(bridge.callsOf('orders.list')).toEqual([{ accountId: PAPER_ACCOUNT.id, status: 'open', limit: 1000 }]);
    expect(rows().map((row) => row.dataset.clientOrderId)).toEqual(['tw-1', 'tw-2']);
    click(byRole(document, 'button', 'Cancel order tw-1'));
    await flush();
    expect(bridge.callsOf('orders.cancel')).toEqual([{ accountId: PAPER_ACCOUNT.id, clientOrderId: 'tw-1' }]);
    expect(rows().map((row) => row.dataset.clientOrderId)).toEqual(['tw-2']);
  });

  it('cancels all for the market and for the account after confirming', async () => {
    mount();
    await flush();
    click(byRole(document, 'button', 'Cancel all BTC/USDT'));
    const dialog = byRole(document, 'alertdialog', 'Cancel all BTC/USDT orders?');
    click(byRole(dialog, 'button', 'Cancel orders'));
    await flush();
    expect(bridge.callsOf('orders.cancelAll')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT' }]);
    expect(rows()).toHaveLength(0);

    click(byRole(document, 'button', 'Cancel all on account'));
    click(byRole(byRole(document, 'alertdialog'), 'button', 'Cancel orders'));
    await flush();
    expect(bridge.callsOf('orders.cancelAll').at(-1)).toEqual({ accountId: PAPER_ACCOUNT.id });
  });

  it('switches scope and tab, shows failed orders’ errors and refreshes on events', async () => {
    mount();
    await flush();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Orders scope'), 'all');
    await flush();
    expect(bridge.callsOf('orders.list').at(-1)).toEqual({ status: 'open', limit: 1000 });
    click(byRole(document, 'tab', 'Order history'));
    await flush();
    expect(rows()[0]?.dataset.status).toBe('rejected');
    expect(rows()[0]?.textContent).toContain('Insufficient balance');
    const before = bridge.callsOf('orders.list').length;
    act(() => bridge.emit('orders.changed', { accountIds: [PAPER_ACCOUNT.id], orders: [] }));
    await flush();
    expect(bridge.callsOf('orders.list').length).toBe(before + 1);
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
    expect(bridge.callsOf('brackets.update')).toEqual([{ bracketId: 'br-1', stopLoss: { price: 29_500 }, targets: [{ price: 31_500, share: 50 }] }]);
    click(byRole(document, 'button', 'Close at market'));
    await flush();
    expect(bridge.callsOf('brackets.close')).toEqual([{ bracketId: 'br-1' }]);
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
  });
});
