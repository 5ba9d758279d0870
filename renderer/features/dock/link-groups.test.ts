import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store';
import { PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { readLinkedSymbols, symbolForGroup } from './link-groups';

function loadedStore() {
  const store = createAppStore();
  store.getState().setAccounts([PAPER_ACCOUNT]);
  store.getState().beginMarketsLoad(PAPER_ACCOUNT.id);
  store.getState().setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC', 0.00001)]));
  return store;
}

describe('colour link groups', () => {
  it('changes the market of one group only; the main group is the selected market', () => {
    const store = loadedStore();
    const main = store.getState().selectedSymbol;
    store.getState().selectLinkedSymbol('red', 'ETH/USDT');
    expect(store.getState().selectedSymbol).toBe(main);
    expect(store.getState().linkedSymbols).toEqual({ red: 'ETH/USDT' });

    store.getState().selectLinkedSymbol('main', 'ETH/BTC');
    expect(store.getState().selectedSymbol).toBe('ETH/BTC');
    expect(store.getState().linkedSymbols).toEqual({ red: 'ETH/USDT' });

    // A market the account does not list is ignored, as the main selection ignores it.
    store.getState().selectLinkedSymbol('blue', 'NOPE/USDT');
    expect(store.getState().linkedSymbols).toEqual({ red: 'ETH/USDT' });
  });

  it('a group without a market of its own shows the main one', () => {
    expect(symbolForGroup('green', 'BTC/USDT', { red: 'ETH/USDT' })).toBe('BTC/USDT');
    expect(symbolForGroup('red', 'BTC/USDT', { red: 'ETH/USDT' })).toBe('ETH/USDT');
    expect(symbolForGroup('main', 'BTC/USDT', { red: 'ETH/USDT' })).toBe('BTC/USDT');
  });

  it("reads a saved layout's groups back, dropping what is not a group's market", () => {
    expect(readLinkedSymbols({ red: 'ETH/USDT', blue: '<script>', purple: 'BTC/USDT', green: 7 })).toEqual({ red: 'ETH/USDT' });
    expect(readLinkedSymbols(null)).toEqual({});
  });
});
