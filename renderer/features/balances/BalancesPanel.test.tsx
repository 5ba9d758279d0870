// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byTestId, flush, render, type Rendered } from '../../test-utils/render';
import { BalancesPanel } from './BalancesPanel';

function portfolio(usdt: number, btc: number, updatedAt: number): PortfolioSnapshot {
  const btcValue = btc * 50_000;
  return {
    quote: 'USDT',
    totalValue: usdt + btcValue,
    updatedAt,
    accounts: [
      {
        accountId: PAPER_ACCOUNT.id,
        label: 'Paper',
        totalValue: usdt + btcValue,
        balances: [
          { asset: 'USDT', free: usdt - 500, used: 500, total: usdt, value: usdt },
          { asset: 'BTC', free: btc, used: 0, total: btc, value: btcValue },
          { asset: 'XYZ', free: 3, used: 0, total: 3, value: null },
          { asset: 'ETH', free: 0, used: 0, total: 0, value: 0 },
        ],
      },
      { accountId: LIVE_ACCOUNT.id, label: 'Binance main', totalValue: 0, balances: [] },
    ],
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
  [...document.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
  );

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

  it('tells what to do when the selected account holds nothing', async () => {
    view = render(<BalancesPanel />, createRpcClient(bridge));
    await flush();
    act(() => useStore.getState().selectAccount(LIVE_ACCOUNT.id));
    expect(byTestId(document, 'balances-total').textContent).toBe('0.00 USDT');
    expect(document.querySelector('table')).toBeNull();
    expect(document.body.textContent).toContain('No assets on Binance main yet. Deposit funds on binance');
  });
});
