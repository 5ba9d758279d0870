// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList } from '../test-utils/fixtures';
import { createAppStore } from './index';
import { persistWorkspace, WORKSPACE_STATE_KEY } from './persist-workspace';

beforeEach(() => localStorage.clear());

function load(store: ReturnType<typeof createAppStore>, symbols = ['BTC/USDT', 'ETH/USDT']) {
  store.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  const accountId = store.getState().selectedAccountId!;
  store.getState().beginMarketsLoad(accountId);
  store.getState().setMarketList(accountId, marketList(symbols.map((s) => market(s))));
}

describe('workspace state across a reload', () => {
  it('brings back the workspace, account, market and timeframe in a new store', () => {
    const before = createAppStore();
    persistWorkspace(before);
    load(before);
    before.getState().selectAccount(LIVE_ACCOUNT.id);
    before.getState().beginMarketsLoad(LIVE_ACCOUNT.id);
    before.getState().setMarketList(LIVE_ACCOUNT.id, marketList([market('BTC/USDT'), market('ETH/USDT')]));
    before.getState().selectSymbol('ETH/USDT');
    before.getState().selectTimeframe('1d');
    before.getState().setWorkspace('bots');

    const after = createAppStore(); // the reloaded page
    persistWorkspace(after);
    load(after);
    expect(after.getState()).toMatchObject({
      workspace: 'bots',
      selectedAccountId: LIVE_ACCOUNT.id,
      selectedSymbol: 'ETH/USDT',
      timeframe: '1d',
    });
  });

  it('falls back to the defaults for what no longer exists or does not check out', () => {
    localStorage.setItem(
      WORKSPACE_STATE_KEY,
      JSON.stringify({ workspace: 'nowhere', accountId: 'gone', symbol: 'DOGE/USDT', timeframe: '7m' }),
    );
    const store = createAppStore();
    persistWorkspace(store);
    load(store);
    expect(store.getState()).toMatchObject({
      workspace: 'trade',
      selectedAccountId: PAPER_ACCOUNT.id,
      selectedSymbol: 'BTC/USDT',
      timeframe: '1h',
    });
    localStorage.setItem(WORKSPACE_STATE_KEY, '{not json');
    expect(() => persistWorkspace(createAppStore())).not.toThrow();
  });
});
