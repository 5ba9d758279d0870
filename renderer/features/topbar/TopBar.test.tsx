// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketDataStatus } from '../../../shared/ipc/contract';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byTestId, flush, render, type Rendered } from '../../test-utils/render';
import { describeMarketData } from './market-data-label';
import { TopBar } from './TopBar';

const REPLAY: MarketDataStatus = {
  mode: 'replay',
  exchangeId: 'binance',
  exchangeName: 'Binance',
  detail: 'Binance is unreachable (ENOTFOUND); replaying bundled 5m data from July 2021.',
  replayTime: Date.UTC(2021, 6, 15, 14, 5, 42),
  replaySpeed: 1,
};
const LIVE: MarketDataStatus = { mode: 'live', exchangeId: 'binance', exchangeName: 'Binance', detail: 'Streaming from Binance' };

let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  bridge = new MemoryBridge();
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('market data badge text', () => {
  it('names live, replay and connecting states', () => {
    expect(describeMarketData(null).text).toBe('Connecting…');
    expect(describeMarketData(LIVE)).toEqual({ mode: 'live', text: 'Live · Binance', title: 'Streaming from Binance' });
    expect(describeMarketData(REPLAY)).toEqual({
      mode: 'replay',
      text: 'Offline replay · 2021-07-15 14:05 UTC',
      title: REPLAY.detail,
    });
    expect(describeMarketData({ ...REPLAY, replayTime: undefined, replaySpeed: 60 })).toEqual({
      mode: 'replay',
      text: 'Offline replay',
      title: `${REPLAY.detail} (replayed at 60× speed)`,
    });
    expect(describeMarketData({ ...LIVE, mode: 'connecting', detail: 'Probing Binance' }).text).toBe('Connecting…');
    expect(describeMarketData({ ...LIVE, mode: 'unavailable', detail: 'Binance is unreachable and no replay data is bundled.' })).toEqual({
      mode: 'unavailable',
      text: 'No market data',
      title: 'Binance is unreachable and no replay data is bundled.',
    });
  });
});

describe('TopBar', () => {
  it('shows the offline replay badge with its detail as tooltip and follows status events', () => {
    useStore.getState().setMarketDataStatus(REPLAY);
    view = render(<TopBar />, createRpcClient(bridge));
    const badge = byTestId(document, 'market-data-status');
    expect(badge.textContent).toBe('Offline replay · 2021-07-15 14:05 UTC');
    expect(badge.title).toBe(REPLAY.detail);
    expect(badge.dataset.mode).toBe('replay');

    act(() => bridge.emit('marketData.status', LIVE));
    expect(badge.textContent).toBe('Live · Binance');
    expect(useStore.getState().marketData).toEqual(LIVE);
  });

  it('selects accounts from the Account selector', () => {
    useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
    view = render(<TopBar />, createRpcClient(bridge));
    const select = document.querySelector('select[aria-label="Account"]') as HTMLSelectElement;
    expect(select.value).toBe(PAPER_ACCOUNT.id);
    expect([...select.options].map((option) => option.textContent)).toEqual(['Paper · Paper', 'Binance main · binance']);
    act(() => {
      select.value = LIVE_ACCOUNT.id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(useStore.getState().selectedAccountId).toBe(LIVE_ACCOUNT.id);
  });

  it('re-reads the account list when accounts change', async () => {
    useStore.getState().setAccounts([PAPER_ACCOUNT]);
    bridge.setHandler('accounts.list', () => [PAPER_ACCOUNT, LIVE_ACCOUNT]);
    view = render(<TopBar />, createRpcClient(bridge));
    act(() => bridge.emit('accounts.changed', { accountIds: [LIVE_ACCOUNT.id] }));
    await flush();
    const select = document.querySelector('select[aria-label="Account"]') as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual([PAPER_ACCOUNT.id, LIVE_ACCOUNT.id]);
  });

  it('shows the transport state', () => {
    view = render(<TopBar />, createRpcClient(bridge));
    const link = byTestId(document, 'connection-state');
    expect(byTestId(document, 'market-data-status').textContent).toBe('Connecting…');
    expect(link.dataset.state).toBe('connecting');
    act(() => useStore.getState().setConnection('open'));
    expect(link.textContent).toBe('Connected');
    act(() => useStore.getState().setConnection('closed'));
    expect(link.textContent).toBe('Disconnected · retrying');
  });
});
