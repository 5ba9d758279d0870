import { useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useRpcClient } from '../../lib/ipc/client-context';
import { InDockContext, useLinkedSymbol, useSelectLinkedSymbol } from '../dock/panel-context';
import { filterMarkets } from './market-search';
import { useStore } from '../../store';
import type { MarketsView } from '../../store/types';
import { PanelMessage } from '../../ui/PanelMessage';
import { PanelTabs } from '../../ui/PanelTabs';
import { favouriteMarkets, toggleFavourite } from './favourites';
import { MarketList } from './MarketList';
import { useMarketList } from './use-market-list';
import { useMarketWatch } from './use-market-watch';
import { useTickerStream } from './use-ticker-stream';
import './markets.css';

const countFormat = new Intl.NumberFormat('en-US');

/**
 * The selected account's markets: search, windowed list, live tickers, favourites.
 * Favourites get their own tab (as Binance and 3Commas do) rather than floating to the top of
 * "All": the full list keeps the exchange's order, so starring a row never makes it jump away
 * from under the pointer or the keyboard.
 */
export function MarketsPanel() {
  const retry = useMarketList();
  useTickerStream();
  const client = useRpcClient();
  const baseId = useId();

  const markets = useStore((state) => state.markets);
  const status = useStore((state) => state.marketsStatus);
  const error = useStore((state) => state.marketsError);
  const query = useStore((state) => state.searchQuery);
  const selectedSymbol = useLinkedSymbol();
  const setSearchQuery = useStore((state) => state.setSearchQuery);
  const selectSymbol = useSelectLinkedSymbol();
  const inDock = useContext(InDockContext);
  const setVisibleMarketRows = useStore((state) => state.setVisibleMarketRows);
  const accountId = useStore((state) => state.marketsAccountId);
  const marketsBySymbol = useStore((state) => state.marketsBySymbol);
  const favourites = useStore((state) => state.favourites);
  const favouritesError = useStore((state) => state.favouritesError);
  const view = useStore((state) => state.marketsView);
  const setView = useStore((state) => state.setMarketsView);

  const viewMarkets = useMemo(
    () => (view === 'favourites' ? favouriteMarkets(favourites, marketsBySymbol) : markets),
    [view, favourites, marketsBySymbol, markets],
  );
  const filtered = useMemo(() => filterMarkets(viewMarkets, query), [viewMarkets, query]);
  const [visibleSymbols, setVisibleSymbols] = useState<readonly string[]>([]);
  useMarketWatch(visibleSymbols, { enabled: !inDock });
  // In the dock the workspace sends the watch (so charts stay live with the list closed).
  useEffect(() => {
    if (!inDock) return;
    setVisibleMarketRows(visibleSymbols);
    return () => setVisibleMarketRows([]);
  }, [inDock, visibleSymbols, setVisibleMarketRows]);

  // The active row is remembered by symbol so it survives the list being filtered.
  const [activeSymbol, setActiveSymbol] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    const byActive = activeSymbol ? filtered.findIndex((market) => market.symbol === activeSymbol) : -1;
    if (byActive >= 0) return byActive;
    const bySelected = selectedSymbol ? filtered.findIndex((market) => market.symbol === selectedSymbol) : -1;
    return Math.max(0, bySelected);
  }, [filtered, activeSymbol, selectedSymbol]);
  const onActiveIndexChange = useCallback((index: number) => setActiveSymbol(filtered[index]?.symbol ?? null), [filtered]);

  const onToggleFavourite = useCallback(
    (symbol: string) => {
      if (!accountId) return;
      // Unstarring in the Favourites tab removes the row: keep the cursor on the row that takes its place.
      if (view === 'favourites') {
        const index = filtered.findIndex((market) => market.symbol === symbol);
        const neighbour = filtered[index + 1] ?? filtered[index - 1];
        if (index >= 0 && index === activeIndex) setActiveSymbol(neighbour?.symbol ?? null);
      }
      void toggleFavourite(client, useStore, accountId, symbol);
    },
    [client, accountId, view, filtered, activeIndex],
  );

  const listRef = useRef<HTMLDivElement | null>(null);
  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && filtered.length > 0) {
      event.preventDefault();
      listRef.current?.focus();
    } else if (event.key === 'Enter') {
      const market = filtered[activeIndex];
      if (market) selectSymbol(market.symbol);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setSearchQuery('');
    }
  };
  const onQueryChange = (next: string) => {
    setSearchQuery(next);
    setActiveSymbol(null);
    if (listRef.current) listRef.current.scrollTop = 0;
  };
  const showView = (next: MarketsView) => {
    if (next === view) return;
    setView(next);
    setActiveSymbol(null);
    if (listRef.current) listRef.current.scrollTop = 0;
  };
  const trimmedQuery = query.trim();
  let body;
  if (status === 'error' && markets.length === 0) {
    body = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: retry }}>
        Could not load markets: {error}
      </PanelMessage>
    );
  } else if (markets.length === 0) {
    body =
      status === 'ready' ? (
        <PanelMessage>This exchange lists no markets for this account.</PanelMessage>
      ) : (
        <PanelMessage>Loading markets…</PanelMessage>
      );
  } else if (view === 'favourites' && viewMarkets.length === 0) {
    body = (
      <PanelMessage action={{ label: 'Show all markets', onClick: () => showView('all') }}>
        No favourites yet. In All, click a market’s ☆ or press F on the highlighted row to keep it here.
      </PanelMessage>
    );
  } else if (filtered.length === 0) {
    body =
      view === 'favourites' ? (
        <PanelMessage action={{ label: 'Clear search', onClick: () => onQueryChange('') }}>
          No favourite matches “{trimmedQuery}”. Clear the search to see all {countFormat.format(viewMarkets.length)} favourites.
        </PanelMessage>
      ) : (
        <PanelMessage action={{ label: 'Clear search', onClick: () => onQueryChange('') }}>
          No market matches “{trimmedQuery}”. Clear the search to see all {countFormat.format(markets.length)} markets.
        </PanelMessage>
      );
  } else {
    body = (
      <>
        <div className="market-columns" aria-hidden="true">
          <span />
          <span>Market</span>
          <span className="num">Last</span>
          <span className="num">24h</span>
          <span className="num">Vol</span>
        </div>
        <MarketList
          markets={filtered}
          selectedSymbol={selectedSymbol}
          activeIndex={activeIndex}
          onActiveIndexChange={onActiveIndexChange}
          onSelect={selectSymbol}
          onToggleFavourite={onToggleFavourite}
          onVisibleSymbolsChange={setVisibleSymbols}
          listRef={listRef}
        />
      </>
    );
  }

  return (
    <section className="panel markets-panel" aria-labelledby="markets-title">
      <header className="panel-header">
        <h2 className="panel-title" id="markets-title">
          Markets
        </h2>
        <PanelTabs
          idBase={baseId}
          label="Markets view"
          tabs={[
            { id: 'all', label: 'All' },
            { id: 'favourites', label: `Favourites${favourites.length > 0 ? ` ${countFormat.format(favourites.length)}` : ''}` },
          ]}
          value={view}
          onChange={showView}
        />
        <span className="panel-meta num">
          {trimmedQuery
            ? `${countFormat.format(filtered.length)} / ${countFormat.format(viewMarkets.length)}`
            : countFormat.format(viewMarkets.length)}
        </span>
      </header>
      <div className="market-search">
        <input
          type="search"
          aria-label="Search markets"
          placeholder="Search: BTC, ETH/USDT…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => onQueryChange(event.target.value)}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      {status === 'error' && markets.length > 0 ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: retry }}>
          Markets may be out of date: {error}
        </PanelMessage>
      ) : null}
      {favouritesError ? (
        <PanelMessage
          tone="error"
          action={{ label: 'Dismiss', onClick: () => accountId && useStore.getState().failFavourites(accountId, null) }}
        >
          {favouritesError}
        </PanelMessage>
      ) : null}
      <div className="markets-body" role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${view}`}>
        {body}
      </div>
    </section>
  );
}
