import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/ipc/contract';
import { TradewindError } from '../../shared/ipc/errors';
import { createRpcClient } from '../lib/ipc/client';
import { createAppStore } from '../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList, snapshot } from '../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../test-utils/memory-bridge';
import { settingsFixture } from '../features/settings/test-fixtures';
import { bootstrap } from './bootstrap';

const INFO: MethodOutput<'app.info'> = {
  name: 'Tradewind',
  version: '0.1.0',
  host: 'test',
  platform: 'linux',
  dataDir: '/tmp/tw',
  marketData: { mode: 'replay', exchangeId: 'binance', exchangeName: 'Binance', detail: 'offline', replayTime: 0 },
};

function host(overrides: Handlers = {}) {
  return new MemoryBridge({
    'app.info': () => INFO,
    'accounts.list': () => [LIVE_ACCOUNT, PAPER_ACCOUNT],
    'markets.list': () => marketList([market('ETH/USDT'), market('BTC/USDT')]),
    'portfolio.snapshot': () => snapshot(PAPER_ACCOUNT.id, 10_000),
    'settings.get': () => settingsFixture({ numberFormat: 'comma' }),
    ...overrides,
  });
}

describe('bootstrap', () => {
  it('loads info and accounts, picks the paper account, its markets (BTC/USDT first), the portfolio and the settings', async () => {
    const bridge = host();
    const store = createAppStore();
    await bootstrap(createRpcClient(bridge), store);
    const state = store.getState();
    expect(state.bootError).toBeNull();
    expect(state.appInfo?.name).toBe('Tradewind');
    expect(state.marketData?.mode).toBe('replay');
    expect(state.selectedAccountId).toBe(PAPER_ACCOUNT.id);
    expect(bridge.callsOf('markets.list')).toEqual([{ accountId: PAPER_ACCOUNT.id }]);
    expect(state.selectedSymbol).toBe('BTC/USDT');
    expect(state.portfolio?.totalValue).toBe(10_000);
    expect(state.settings?.numberFormat).toBe('comma');
    expect(bridge.calls.map((call) => call.method).sort()).toEqual(
      ['accounts.list', 'app.info', 'markets.list', 'portfolio.snapshot', 'settings.get'].sort(),
    );
  });

  it('reports an unreachable core as a boot error', async () => {
    const store = createAppStore();
    const bridge = host({
      'app.info': () => {
        throw new TradewindError('network', 'Cannot reach the Tradewind host');
      },
    });
    await bootstrap(createRpcClient(bridge), store);
    expect(store.getState().bootError).toBe('Could not reach the Tradewind core: Cannot reach the Tradewind host');
    expect(bridge.callsOf('markets.list')).toEqual([]);
  });

  it('reports a missing account instead of showing empty panels', async () => {
    const store = createAppStore();
    await bootstrap(createRpcClient(host({ 'accounts.list': () => [] })), store);
    expect(store.getState().bootError).toMatch(/No account/);
  });
});
