// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import type { AccountState } from '../../../shared/ipc/schemas/accounts';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, OK_STATE, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byTestId, flush, render, type Rendered } from '../../test-utils/render';
import { BalancesPanel } from './BalancesPanel';
import { PORTFOLIO_REFRESH_MS } from './use-portfolio';

function portfolio(usdt: number, btc: number, updatedAt: number, liveState: AccountState = OK_STATE): PortfolioSnapshot {
  const btcValue = btc * 50_000;
  const balances = [
    { asset: 'USDT', free: usdt - 500, used: 500, total: usdt, value: usdt },
    { asset: 'BTC', free: btc, used: 0, total: btc, value: btcValue },
    { asset: 'XYZ', free: 3, used: 0, total: 3, value: null },
    { asset: 'ETH', free: 0, used: 0, total: 0, value: 0 },
  ];
  return {
    quote: 'USDT',
    totalValue: usdt + btcValue,
    updatedAt,
    accounts: [
      {
        accountId: PAPER_ACCOUNT.id,
        label: 'Paper',
        exchangeId: 'paper',
        totalValue: usdt + btcValue,
        balances,
        state: OK_STATE,
        balancesAt: updatedAt,
      },
      {
        accountId: LIVE_ACCOUNT.id,
        label: 'Binance main',
        exchangeId: 'binance',
        totalValue: 0,
        balances: [],
        state: liveState,
        balancesAt: null,
      },
    ],
    assets: balances.map((balance) => ({
      ...balance,
      byAccount: [{ accountId: PAPER_ACCOUNT.id, total: balance.total, value: balance.value }],
    })),
  };
}

let bridge: MemoryBridge;
let view: Rendered | null = null;
let current: PortfolioSnapshot;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  current = portfolio(10_000, 0, 1);
  bridge = new MemoryBridge({ 'portfolio.snapshot': () => current });
});
afterEach(() => {
  view?.unmount();
  view = null;
});

const rows = () =>
  [...document.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('BalancesPanel', () => {
  it('loads the snapshot and lists the selected account’s non-zero balances by value', async () => {
    current = portfolio(10_000, 0.1, 1);
    view = render(<BalancesPanel />, createRpcClient(bridge));
    await flush();
    expect(bridge.callsOf('portfolio.snapshot')).toEqual([{ quote: 'USDT' }]);
    expect(byTestId(document, 'balances-total').textContent).toBe('15,000.00 USDT');
    expect([...document.querySelectorAll('thead th')].map((cell) => cell.textContent)).toEqual([
      'Asset',
      'Free',
      'Used',
      'Total',
      'Value (USDT)',
    ]);
    expect(rows()).toEqual([
      ['USDT', '9,500.00', '500.00', '10,000.00', '10,000.00'],
      ['BTC', '0.10', '0.00', '0.10', '5,000.00'],
      ['XYZ', '3.00', '0.00', '3.00', '—'],
    ]);
  });

  it('refreshes on portfolio.changed', async () => {
    view = render(<BalancesPanel />, createRpcClient(bridge));
    await flush();
    expect(byTestId(document, 'balances-total').textContent).toBe('10,000.00 USDT');
    current = portfolio(9_000, 0.04, 2);
    act(() => bridge.emit('portfolio.changed', { accountIds: [PAPER_ACCOUNT.id] }));
    await flush();
    expect(byTestId(document, 'balances-total').textContent).toBe('11,000.00 USDT');
    expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(2);
  });

  it('re-reads a stream of portfolio.changed at most once per interval, ending on the latest snapshot', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      view = render(<BalancesPanel />, createRpcClient(bridge));
      await flush();
      expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(1);
      // The first event after a quiet spell is read at once.
      current = portfolio(9_000, 0, 2);
      act(() => bridge.emit('portfolio.changed', { accountIds: [PAPER_ACCOUNT.id] }));
      await flush();
      expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(2);
      expect(byTestId(document, 'balances-total').textContent).toBe('9,000.00 USDT');
      // Nine more within the interval: one trailing read, of the state after the last of them.
      for (let tick = 1; tick <= 9; tick += 1) {
        current = portfolio(9_000 + tick, 0, 2 + tick);
        act(() => bridge.emit('portfolio.changed', { accountIds: [PAPER_ACCOUNT.id] }));
        act(() => vi.advanceTimersByTime(10));
      }
      await flush();
      expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(2);
      act(() => vi.advanceTimersByTime(PORTFOLIO_REFRESH_MS));
      await flush();
      expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(3);
      expect(byTestId(document, 'balances-total').textContent).toBe('9,009.00 USDT');
      act(() => vi.advanceTimersByTime(PORTFOLIO_REFRESH_MS * 4));
      await flush();
      expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells what to do when the selected account holds nothing', async () => {
    view = render(<BalancesPanel />, createRpcClient(bridge));
    await flush();
    act(() => useStore.getState().selectAccount(LIVE_ACCOUNT.id));
    expect(byTestId(document, 'balances-total').textContent).toBe('0.00 USDT');
    expect(document.querySelector('table')).toBeNull();
    expect(document.body.textContent).toContain('No assets on Binance main yet. Deposit funds on binance');
  });

  it('shows the selected account’s state when it is not OK, and values in the chosen currency', async () => {
    const offline: AccountState = {
      status: 'offline',
      since: Date.UTC(2024, 4, 1, 14, 5),
      message: 'Binance is unreachable. Showing balances from 14:05 UTC.',
    };
    current = portfolio(10_000, 0, 1, offline);
    useStore.getState().selectAccount(LIVE_ACCOUNT.id);
    view = render(<BalancesPanel />, createRpcClient(bridge));
    await flush();
    const state = byTestId(document, 'account-state');
    expect(state.dataset.state).toBe('offline');
    expect(state.textContent).toBe('Offline · stale since 14:05 UTC');
    expect(byTestId(document, 'balances-account-state').textContent).toContain(offline.message);

    act(() => useStore.getState().selectAccount(PAPER_ACCOUNT.id));
    expect(document.querySelector('[data-testid="balances-account-state"]')).toBeNull();
  });
});
