import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterMarkets } from '../../store/market-search';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { MarketList } from './MarketList';
import { useMarketList } from './use-market-list';
import { useMarketWatch } from './use-market-watch';
import { useTickerStream } from './use-ticker-stream';
import './markets.css';

const countFormat = new Intl.NumberFormat('en-US');

/** The selected account's markets: search, windowed list, live tickers. */
export function MarketsPanel() {
  const retry = useMarketList();
  useTickerStream();

  const markets = useStore((state) => state.markets);
  const status = useStore((state) => state.marketsStatus);
  const error = useStore((state) => state.marketsError);
  const query = useStore((state) => state.searchQuery);
  const selectedSymbol = useStore((state) => state.selectedSymbol);
  const setSearchQuery = useStore((state) => state.setSearchQuery);
  const selectSymbol = useStore((state) => state.selectSymbol);

  const filtered = useMemo(() => filterMarkets(markets, query), [markets, query]);
  const [visibleSymbols, setVisibleSymbols] = useState<readonly string[]>([]);
  useMarketWatch(visibleSymbols);

  // The active row is remembered by symbol so it survives the list being filtered.
  const [activeSymbol, setActiveSymbol] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    const byActive = activeSymbol ? filtered.findIndex((market) => market.symbol === activeSymbol) : -1;
    if (byActive >= 0) return byActive;
    const bySelected = selectedSymbol ? filtered.findIndex((market) => market.symbol === selectedSymbol) : -1;
    return Math.max(0, bySelected);
  }, [filtered, activeSymbol, selectedSymbol]);
  const onActiveIndexChange = useCallback(
    (index: number) => setActiveSymbol(filtered[index]?.symbol ?? null),
    [filtered],
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
  } else if (filtered.length === 0) {
    body = (
      <PanelMessage action={{ label: 'Clear search', onClick: () => onQueryChange('') }}>
        No market matches “{trimmedQuery}”. Clear the search to see all {countFormat.format(markets.length)} markets.
      </PanelMessage>
    );
  } else {
    body = (
      <>
        <div className="market-columns" aria-hidden="true">
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
        <span className="panel-meta num">
          {trimmedQuery
            ? `${countFormat.format(filtered.length)} / ${countFormat.format(markets.length)}`
            : countFormat.format(markets.length)}
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
      {body}
    </section>
  );
}
