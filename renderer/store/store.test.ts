import { describe, expect, it, vi } from 'vitest';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, accountDetail, market, marketList, snapshot, ticker } from '../test-utils/fixtures';
import { createAppStore } from './index';
import { filterMarkets } from '../features/markets/market-search';

function loadedStore(markets = [market('ETH/USDT'), market('BTC/USDT'), market('ETH/BTC', 0.00001)]) {
  const store = createAppStore();
  store.getState().setAccounts([PAPER_ACCOUNT]);
  store.getState().beginMarketsLoad(PAPER_ACCOUNT.id);
  store.getState().setMarketList(PAPER_ACCOUNT.id, marketList(markets, [ticker('BTC/USDT', 65_000, 1_000)]));
  return store;
}

describe('accounts slice', () => {
  it('selects the paper account by default and keeps a still-existing selection', () => {
    const store = createAppStore();
    store.getState().setAccounts([LIVE_ACCOUNT, PAPER_ACCOUNT]);
    expect(store.getState().selectedAccountId).toBe(PAPER_ACCOUNT.id);

    store.getState().selectAccount(LIVE_ACCOUNT.id);
    store.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
    expect(store.getState().selectedAccountId).toBe(LIVE_ACCOUNT.id);

    store.getState().setAccounts([PAPER_ACCOUNT]);
    expect(store.getState().selectedAccountId).toBe(PAPER_ACCOUNT.id);
  });

  it('falls back to the first account without a paper one, and ignores unknown ids', () => {
    const store = createAppStore();
    store.getState().setAccounts([LIVE_ACCOUNT]);
    expect(store.getState().selectedAccountId).toBe(LIVE_ACCOUNT.id);
    store.getState().selectAccount('nope');
    expect(store.getState().selectedAccountId).toBe(LIVE_ACCOUNT.id);
    store.getState().setAccounts([]);
    expect(store.getState().selectedAccountId).toBeNull();
  });
});

describe('markets slice', () => {
  it('prefers BTC/USDT, keeps a known timeframe, and indexes markets by symbol', () => {
    const store = loadedStore();
    const state = store.getState();
    expect(state.selectedSymbol).toBe('BTC/USDT');
    expect(state.timeframe).toBe('1h');
    expect(state.marketsBySymbol['ETH/BTC']?.priceStep).toBe(0.00001);
    expect(state.marketsStatus).toBe('ready');
  });

  it('selects the first market when BTC/USDT is not listed, and keeps a selection across reloads', () => {
    const store = loadedStore([market('ETH/BTC'), market('LTC/BTC')]);
    expect(store.getState().selectedSymbol).toBe('ETH/BTC');
    store.getState().selectSymbol('LTC/BTC');
    store.getState().setMarketList(PAPER_ACCOUNT.id, marketList([market('ETH/BTC'), market('LTC/BTC')]));
    expect(store.getState().selectedSymbol).toBe('LTC/BTC');
    store.getState().selectSymbol('DOGE/BTC'); // not listed: ignored
    expect(store.getState().selectedSymbol).toBe('LTC/BTC');
  });

  it('drops a market list that arrives for an account no longer being loaded', () => {
    const store = createAppStore();
    store.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
    store.getState().beginMarketsLoad(PAPER_ACCOUNT.id);
    store.getState().beginMarketsLoad(LIVE_ACCOUNT.id);
    store.getState().setMarketList(PAPER_ACCOUNT.id, marketList([market('XRP/USDT')]));
    expect(store.getState().markets).toEqual([]);
    expect(store.getState().marketsStatus).toBe('loading');
  });

  it('merges tickers: newer replaces, older and unknown are dropped, no-op batches do not notify', () => {
    const store = loadedStore();
    const listener = vi.fn();
    store.subscribe(listener);

    store.getState().applyTickers([ticker('BTC/USDT', 66_000, 2_000), ticker('ETH/USDT', 3_000, 2_000)]);
    expect(store.getState().tickers['BTC/USDT']?.last).toBe(66_000);
    expect(store.getState().tickers['ETH/USDT']?.last).toBe(3_000);
    expect(listener).toHaveBeenCalledTimes(1);

    const before = store.getState().tickers;
    store.getState().applyTickers([ticker('BTC/USDT', 1, 1_500), ticker('DOGE/USDT', 0.1, 9_000)]);
    expect(store.getState().tickers).toBe(before);
    expect(store.getState().tickers['DOGE/USDT']).toBeUndefined();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("ignores another venue's ticker for the same symbol: two exchanges' prices never mix in one market", () => {
    const store = loadedStore();
    store.getState().applyTickers([ticker('BTC/USDT', 66_000, 2_000)]);
    store.getState().applyTickers([{ ...ticker('BTC/USDT', 70_000, 3_000), venue: 'bybit' }]);
    expect(store.getState().tickers['BTC/USDT']?.last).toBe(66_000);
  });

  it('keeps the timeframe only when the account offers it', () => {
    const store = loadedStore();
    store.getState().selectTimeframe('1d');
    expect(store.getState().timeframe).toBe('1d');
    store.getState().selectTimeframe('1w');
    expect(store.getState().timeframe).toBe('1d');
  });
});

describe('market search', () => {
  const markets = [market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC'), market('LTC/BTC')];
  const symbols = (query: string) => filterMarkets(markets, query).map((entry) => entry.symbol);

  it('matches symbol, base or quote case-insensitively', () => {
    expect(symbols('eth')).toEqual(['ETH/USDT', 'ETH/BTC']);
    expect(symbols('BtC')).toEqual(['BTC/USDT', 'ETH/BTC', 'LTC/BTC']);
    expect(symbols('h/u')).toEqual(['ETH/USDT']);
    expect(symbols('eth btc')).toEqual(['ETH/BTC']);
    expect(symbols('  ')).toHaveLength(4);
    expect(symbols('doge')).toEqual([]);
  });
});

describe('app and portfolio slices', () => {
  it('counts reopenings of the connection', () => {
    const store = createAppStore();
    store.getState().setConnection('open');
    store.getState().setConnection('open');
    store.getState().setConnection('closed');
    store.getState().setConnection('connecting');
    store.getState().setConnection('open');
    expect(store.getState().connectionEpoch).toBe(2);
  });

  it('keeps the last snapshot visible through a failed refresh', () => {
    const store = createAppStore();
    store.getState().setPortfolio(snapshot(PAPER_ACCOUNT.id, 10_000));
    store.getState().beginPortfolioLoad();
    store.getState().failPortfolioLoad('offline');
    expect(store.getState().portfolio?.totalValue).toBe(10_000);
    expect(store.getState().portfolioStatus).toBe('error');
  });

  it('never replaces a snapshot with an older one', () => {
    const store = createAppStore();
    store.getState().setPortfolio(snapshot(PAPER_ACCOUNT.id, 12_000, 2_000));
    store.getState().setPortfolio(snapshot(PAPER_ACCOUNT.id, 10_000, 1_000));
    expect(store.getState().portfolio?.totalValue).toBe(12_000);
    store.getState().setPortfolio(snapshot(PAPER_ACCOUNT.id, 13_000, 3_000));
    expect(store.getState().portfolio?.totalValue).toBe(13_000);
  });

  it('keeps only snapshots valued in the chosen currency', () => {
    const store = createAppStore();
    expect(store.getState().portfolioQuote).toBe('USDT');
    store.getState().setPortfolio(snapshot(PAPER_ACCOUNT.id, 10_000, 1_000));
    store.getState().setPortfolioQuote('EUR');
    store.getState().setPortfolio(snapshot(PAPER_ACCOUNT.id, 11_000, 2_000)); // a late USDT answer
    expect(store.getState().portfolio?.totalValue).toBe(10_000);
    store.getState().setPortfolio({ ...snapshot(PAPER_ACCOUNT.id, 9_000, 500), quote: 'EUR' });
    expect(store.getState().portfolio?.quote).toBe('EUR');
    expect(store.getState().portfolio?.totalValue).toBe(9_000);
  });
});

describe('workspace and account details slices', () => {
  it('opens on the Trade workspace and switches', () => {
    const store = createAppStore();
    expect(store.getState().workspace).toBe('trade');
    store.getState().setWorkspace('audit');
    expect(store.getState().workspace).toBe('audit');
  });

  it('keeps the details visible through a failed refresh', () => {
    const store = createAppStore();
    store.getState().setAccountDetails([accountDetail(PAPER_ACCOUNT)]);
    store.getState().beginAccountDetailsLoad();
    store.getState().failAccountDetailsLoad('offline');
    expect(store.getState().accountDetails).toHaveLength(1);
    expect(store.getState().accountDetailsStatus).toBe('error');
    expect(store.getState().accountDetailsError).toBe('offline');
  });
});
