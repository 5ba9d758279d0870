import { useCallback, useEffect, useId, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Market } from '../../../shared/ipc/contract';
import { useElementHeight } from '../../ui/use-element-height';
import { MarketRow } from './MarketRow';
import { computeWindow, scrollTopToReveal, listboxKeyTarget } from '../../ui/windowing';

export const ROW_HEIGHT = 26;
const OVERSCAN = 8;
/** Used until the list is measured (and in jsdom, which does no layout). */
const FALLBACK_VIEWPORT_HEIGHT = 520;

interface MarketListProps {
  markets: readonly Market[];
  selectedSymbol: string | null;
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  onSelect: (symbol: string) => void;
  onToggleFavourite: (symbol: string) => void;
  onVisibleSymbolsChange: (symbols: string[]) => void;
  listRef: RefObject<HTMLDivElement | null>;
}

/**
 * A windowed listbox: fixed-height rows absolutely placed in a full-height spacer, and only the
 * rows in view (plus overscan) mounted, so ten thousand markets cost as much as thirty.
 * Focus stays on the listbox; the active row is announced through aria-activedescendant.
 * Arrow keys move the active row, Enter (or a click) makes it the chart's market, F stars it.
 */
export function MarketList({
  markets,
  selectedSymbol,
  activeIndex,
  onActiveIndexChange,
  onSelect,
  onToggleFavourite,
  onVisibleSymbolsChange,
  listRef,
}: MarketListProps) {
  const idPrefix = useId();
  const viewportHeight = useElementHeight(listRef, FALLBACK_VIEWPORT_HEIGHT);
  const [scrollTop, setScrollTop] = useState(0);
  const contentHeight = markets.length * ROW_HEIGHT;
  // After the list shrinks (a search), the old offset may point past the end.
  const effectiveScrollTop = Math.min(scrollTop, Math.max(0, contentHeight - viewportHeight));
  const { start, end } = computeWindow({
    scrollTop: effectiveScrollTop,
    viewportHeight,
    rowHeight: ROW_HEIGHT,
    rowCount: markets.length,
    overscan: OVERSCAN,
  });

  const visibleKey = markets
    .slice(start, end)
    .map((market) => market.symbol)
    .join('\n');
  useEffect(() => {
    onVisibleSymbolsChange(visibleKey ? visibleKey.split('\n') : []);
  }, [visibleKey, onVisibleSymbolsChange]);

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(markets.length - 1, index));
      onActiveIndexChange(clamped);
      const nextTop = scrollTopToReveal(clamped, effectiveScrollTop, viewportHeight, ROW_HEIGHT);
      if (nextTop !== effectiveScrollTop) {
        if (listRef.current) listRef.current.scrollTop = nextTop;
        setScrollTop(nextTop);
      }
    },
    [markets.length, onActiveIndexChange, effectiveScrollTop, viewportHeight, listRef],
  );

  const pick = useCallback(
    (index: number) => {
      const market = markets[index];
      if (!market) return;
      onActiveIndexChange(index);
      onSelect(market.symbol);
    },
    [markets, onActiveIndexChange, onSelect],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = listboxKeyTarget(event.key, activeIndex, markets.length, viewportHeight, ROW_HEIGHT);
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(activeIndex);
    } else if (event.key.toLowerCase() === 'f' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      const market = markets[activeIndex];
      if (market) onToggleFavourite(market.symbol);
    }
  };

  const rows = [];
  for (let index = start; index < end; index += 1) {
    const market = markets[index];
    if (!market) continue;
    rows.push(
      <MarketRow
        key={market.symbol}
        market={market}
        id={`${idPrefix}-option-${index}`}
        index={index}
        setSize={markets.length}
        top={index * ROW_HEIGHT}
        active={index === activeIndex}
        selected={market.symbol === selectedSymbol}
        onPick={pick}
        onToggleFavourite={onToggleFavourite}
      />,
    );
  }
  const activeRendered = activeIndex >= start && activeIndex < end;

  return (
    <div
      ref={listRef}
      role="listbox"
      aria-label="Markets"
      tabIndex={0}
      aria-activedescendant={activeRendered ? `${idPrefix}-option-${activeIndex}` : undefined}
      className="market-list"
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div role="presentation" className="market-list-spacer" style={{ height: `${contentHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
