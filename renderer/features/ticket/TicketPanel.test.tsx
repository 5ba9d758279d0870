// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import type { OrderPreview, OrderTicketRequest } from '../../../shared/ipc/schemas/orders';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList, ticker } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { allByRole, byRole, choose } from '../../test-utils/queries';
import { click, flush, press, render, typeInto, type Rendered } from '../../test-utils/render';
import { TicketPanel } from './TicketPanel';
import { PREVIEW_DEBOUNCE_MS } from './use-order-preview';

const MIN_AMOUNT = 0.0001;

function previewOf(ticket: OrderTicketRequest, requiresConfirmation = false): OrderPreview {
  const reference = 30_000;
  const price = ticket.price ?? null;
  const at = price ?? reference;
  const amount =
    ticket.size.unit === 'base'
      ? ticket.size.amount
      : ticket.size.unit === 'quote'
        ? ticket.size.amount / at
        : (10_000 * ticket.size.percent) / 100 / at;
  const issues =
    amount < MIN_AMOUNT
      ? [{ field: 'size' as const, rule: 'min_amount', message: `Amount ${amount} BTC is below the minimum ${MIN_AMOUNT} BTC.` }]
      : [];
  const cost = amount * at;
  return {
    accountId: ticket.accountId,
    accountKind: requiresConfirmation ? 'live' : 'paper',
    symbol: ticket.symbol,
    side: ticket.side,
    type: ticket.type,
    valid: issues.length === 0,
    issues,
    amount,
    price,
    stopPrice: ticket.stopPrice ?? null,
    referencePrice: reference,
    cost,
    fee: { rate: 0.001, amount: cost * 0.001, asset: 'USDT', quoteValue: cost * 0.001 },
    spend: { amount: cost * 1.001, asset: 'USDT' },
    receive: { amount, asset: 'BTC' },
    available: { amount: 10_000, asset: 'USDT' },
    market: {
      base: 'BTC',
      quote: 'USDT',
      amountStep: 0.0001,
      priceStep: 0.01,
      minAmount: MIN_AMOUNT,
      minCost: 5,
      makerFee: 0.001,
      takerFee: 0.001,
      stopMarket: true,
      stopLimit: true,
    },
    requiresConfirmation,
  };
}

function placed(input: MethodInput<'orders.place'>): MethodOutput<'orders.place'> {
  return {
    clientOrderId: 'tw1',
    accountId: input.accountId,
    exchangeOrderId: null,
    symbol: input.symbol,
    side: input.side,
    type: input.type,
    amount: input.size.unit === 'base' ? input.size.amount : 0.01,
    price: input.price ?? null,
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
    createdAt: 1,
    updatedAt: 1,
  };
}

let bridge: MemoryBridge;
let view: Rendered | null = null;
let live = false;

function mount() {
  bridge = new MemoryBridge({
    'orders.preview': (ticket) => previewOf(ticket, live),
    'orders.place': (input) => placed(input),
    'orders.settings': ({ accountId }) => ({ accountId, confirmOrders: true, slippageBps: 5 }),
    // Plays the headless host: turning confirmations off needs the code it printed on its terminal.
    'orders.updateSettings': ({ accountId, confirmOrders, confirmationCode }) => {
      if (confirmOrders === false && confirmationCode === undefined) {
        throw new TradewindError(
          'confirmation_code_required',
          'Turn off order confirmations: orders on the live account "Binance". Enter the code printed by the host.',
        );
      }
      if (confirmOrders === false && confirmationCode !== '123-456') {
        throw new TradewindError(
          'confirmation_code_invalid',
          'That is not the code the host printed for "Turn off order confirmations" (4 tries left).',
        );
      }
      return { accountId, confirmOrders: confirmOrders ?? true, slippageBps: 5 };
    },
  });
  view = render(<TicketPanel />, createRpcClient(bridge));
}

/** The preview debounce runs out on the fake clock, then its reply lands. */
async function settle() {
  act(() => vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS));
  await flush();
}

const input = (name: string) => byRole<HTMLInputElement>(document, 'textbox', name);
const button = (name: string | RegExp) => byRole<HTMLButtonElement>(document, 'button', name);
const lastPreview = () => bridge.callsOf('orders.preview').at(-1);

beforeEach(() => {
  // The debounce and the event throttle run on a fake clock: no test waits for real time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  live = false;
  localStorage.clear(); // no ticket draft from the test before
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT', 0.01)], [ticker('BTC/USDT', 30_000)]));
});
afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

describe('TicketPanel', () => {
  it('previews base, quote and percent sizes and places a valid limit order', async () => {
    mount();
    expect(byRole(document, 'region', 'Order ticket')).toBeTruthy();
    typeInto(input('Price'), '29000');
    typeInto(input('Amount'), '0.01');
    await settle();
    expect(lastPreview()).toEqual({
      accountId: 'paper-1',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: 29_000,
    });
    expect(document.querySelector('[data-testid="ticket-summary"]')?.textContent).toContain('290.00 USDT');

    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Amount unit'), 'quote');
    typeInto(input('Amount'), '580');
    await settle();
    expect(lastPreview()).toMatchObject({ size: { unit: 'quote', amount: 580 } });

    click(button('50 % of available'));
    await settle();
    expect(lastPreview()).toMatchObject({ size: { unit: 'percent', percent: 50 } });
    expect(input('Amount').value).toBe('');
    expect(button('50 % of available').getAttribute('aria-pressed')).toBe('true');

    const submit = button('Buy BTC');
    expect(submit.disabled).toBe(false);
    click(submit);
    await flush();
    expect(bridge.callsOf('orders.place')).toEqual([
      { accountId: 'paper-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: { unit: 'percent', percent: 50 }, price: 29_000 },
    ]);
    expect(document.querySelector('[data-testid="ticket-placed"]')?.textContent).toContain('open');
  });

  it('keeps the preview fresh while balance changes stream in every 100 ms', async () => {
    mount();
    typeInto(input('Price'), '29000');
    typeInto(input('Amount'), '0.01');
    await settle();
    const before = bridge.callsOf('orders.preview').length;
    // Two seconds of a balance event every 100 ms: each re-run used to restart the debounce, so no preview ever went out.
    for (let i = 0; i < 20; i++) {
      act(() => {
        bridge.emit('portfolio.changed', { accountIds: ['paper-1'] });
        vi.advanceTimersByTime(100);
      });
      await flush();
    }
    await settle();
    const during = bridge.callsOf('orders.preview').length - before;
    expect(during).toBeGreaterThanOrEqual(2); // about once a second, and the last change of the burst too
    expect(during).toBeLessThanOrEqual(4);
  });

  it('shows the issue next to the amount and keeps submit disabled with the reason', async () => {
    mount();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Order type'), 'market');
    typeInto(input('Amount'), '0.000001');
    await settle();
    const issue = document.querySelector<HTMLElement>('[data-testid="ticket-issue"]');
    expect(issue?.dataset.rule).toBe('min_amount');
    expect(issue?.getAttribute('role')).toBe('alert');
    expect(issue?.textContent).toContain('minimum 0.0001 BTC');
    const submit = button('Buy BTC');
    expect(submit.disabled).toBe(true);
    const reason = document.getElementById(submit.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toContain('minimum 0.0001 BTC');
    press(input('Amount'), 'Enter');
    await flush();
    expect(bridge.callsOf('orders.place')).toEqual([]);
  });

  it('asks for confirmation on a live account and sends confirmed: true', async () => {
    live = true;
    mount();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Order type'), 'market');
    click(button('Sell'));
    typeInto(input('Amount'), '0.01');
    await settle();
    click(button('Sell BTC'));
    const dialog = byRole(document, 'dialog', 'Confirm order');
    expect(dialog.textContent).toContain('Paper');
    expect(dialog.textContent).toContain('BTC/USDT');
    expect(dialog.textContent).toContain('Sell');
    expect(dialog.textContent).toContain('0.01 BTC');
    expect(bridge.callsOf('orders.place')).toEqual([]);

    click(byRole(dialog, 'button', 'Cancel'));
    expect(allByRole(document, 'dialog')).toHaveLength(0);
    expect(bridge.callsOf('orders.place')).toEqual([]);

    click(button('Sell BTC'));
    click(button('Place order'));
    await flush();
    expect(bridge.callsOf('orders.place')).toEqual([
      { accountId: 'paper-1', symbol: 'BTC/USDT', side: 'sell', type: 'market', size: { unit: 'base', amount: 0.01 }, confirmed: true },
    ]);
    expect(allByRole(document, 'dialog')).toHaveLength(0);
  });

  it('toggles "Confirm live orders" for a live account', async () => {
    act(() => {
      useStore.getState().selectAccount(LIVE_ACCOUNT.id);
      useStore.getState().beginMarketsLoad(LIVE_ACCOUNT.id);
      useStore.getState().setMarketList(LIVE_ACCOUNT.id, marketList([market('BTC/USDT')]));
    });
    mount();
    await flush();
    const toggle = byRole<HTMLInputElement>(document, 'checkbox', 'Confirm live orders');
    expect(toggle.checked).toBe(true);
    click(toggle);
    await flush();
    // The request alone does not turn it off: the host printed a code, which the person types back.
    const group = byRole(document, 'group', 'Confirm on the host');
    expect(group.textContent).toContain('orders on the live account "Binance"');
    expect(toggle.checked).toBe(true);
    const code = byRole<HTMLInputElement>(group, 'textbox', 'Enter the code printed by the host');
    typeInto(code, '999-999');
    click(byRole(group, 'button', 'Confirm code'));
    await flush();
    expect(byRole(document, 'group', 'Confirm on the host').textContent).toContain('(4 tries left)');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Enter the code printed by the host'), '123-456');
    press(byRole(document, 'textbox', 'Enter the code printed by the host'), 'Enter');
    await flush();
    expect(bridge.callsOf('orders.updateSettings')).toEqual([
      { accountId: LIVE_ACCOUNT.id, confirmOrders: false },
      { accountId: LIVE_ACCOUNT.id, confirmOrders: false, confirmationCode: '999-999' },
      { accountId: LIVE_ACCOUNT.id, confirmOrders: false, confirmationCode: '123-456' },
    ]);
    expect(toggle.checked).toBe(false);
    expect(allByRole(document, 'group', 'Confirm on the host')).toHaveLength(0);

    // Turning it back on needs no code.
    click(toggle);
    await flush();
    expect(bridge.callsOf('orders.updateSettings').at(-1)).toEqual({ accountId: LIVE_ACCOUNT.id, confirmOrders: true });
    expect(toggle.checked).toBe(true);
  });

  it('leaves confirmations on when the code prompt is cancelled', async () => {
    act(() => {
      useStore.getState().selectAccount(LIVE_ACCOUNT.id);
      useStore.getState().beginMarketsLoad(LIVE_ACCOUNT.id);
      useStore.getState().setMarketList(LIVE_ACCOUNT.id, marketList([market('BTC/USDT')]));
    });
    mount();
    await flush();
    const toggle = byRole<HTMLInputElement>(document, 'checkbox', 'Confirm live orders');
    click(toggle);
    await flush();
    click(byRole(byRole(document, 'group', 'Confirm on the host'), 'button', 'Cancel'));
    await flush();
    expect(toggle.checked).toBe(true);
    expect(byRole(document, 'alert').textContent).toBe('Not confirmed: nothing was changed.');
    expect(bridge.callsOf('orders.updateSettings')).toHaveLength(1);
  });

  it('B and S pick and focus a side outside fields; Enter submits; Esc clears', async () => {
    mount();
    press(document.body, 's');
    expect(button('Sell').getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(button('Sell'));
    press(document.body, 'b');
    expect(button('Buy').getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(button('Buy'));
    // Typing "s" into a field is text, not a shortcut.
    press(input('Price'), 's');
    expect(button('Buy').getAttribute('aria-pressed')).toBe('true');

    typeInto(input('Price'), '29000');
    typeInto(input('Amount'), '0.02');
    press(input('Amount'), 'Escape');
    expect(input('Amount').value).toBe('');
    typeInto(input('Amount'), '0.02');
    await settle();
    press(input('Amount'), 'Enter');
    await flush();
    expect(bridge.callsOf('orders.place')).toHaveLength(1);
  });

  it('places a smart trade from the bracket form', async () => {
    mount();
    click(button('Smart trade'));
    typeInto(input('Amount'), '0.01');
    typeInto(input('Target 1 %'), '2');
    click(button('Add target'));
    expect(input('Target 1 share %').value).toBe('50');
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Target 2 unit'), 'price');
    typeInto(input('Target 2 price'), '35000');
    typeInto(input('Stop-loss'), '1');
    typeInto(input('Trailing callback %'), '0.5');
    bridge.setHandler('brackets.place', (bracket) => ({
      id: 'br-1',
      accountId: bracket.accountId,
      symbol: bracket.symbol,
      side: bracket.side,
      status: 'pending_entry',
      entry: { type: 'market', price: null, amount: 0.01, clientOrderId: null, filled: 0, averagePrice: null },
      position: 0,
      targets: [],
      stopLoss: null,
      trailing: null,
      effectiveStop: null,
      realizedPnl: 0,
      quote: 'USDT',
      closeReason: null,
      message: null,
      createdAt: 1,
      updatedAt: 1,
    }));
    await settle();
    expect(lastPreview()).toMatchObject({ type: 'market', size: { unit: 'base', amount: 0.01 } });
    click(button('Smart buy BTC'));
    await flush();
    expect(bridge.callsOf('brackets.place')).toEqual([
      {
        accountId: 'paper-1',
        symbol: 'BTC/USDT',
        side: 'buy',
        size: { unit: 'base', amount: 0.01 },
        entry: { type: 'market' },
        targets: [
          { percent: 2, share: 50 },
          { price: 35_000, share: 50 },
        ],
        stopLoss: { percent: 1 },
        trailing: { callbackPct: 0.5 },
      },
    ]);
  });
});
