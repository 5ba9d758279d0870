import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useElementHeight } from '../../ui/use-element-height';
import { computeWindow, scrollTopToReveal, listboxKeyTarget } from '../../ui/windowing';
import { CapabilityChips } from './CapabilityChips';
import type { CatalogEntry } from './credentials';
import { filterExchanges } from './exchange-search';

const ROW_HEIGHT = 30;
const OVERSCAN = 6;
/** Used until the list is measured (and in jsdom, which does no layout). */
const FALLBACK_VIEWPORT_HEIGHT = 300;

interface ExchangePickerProps {
  catalog: readonly CatalogEntry[];
  selectedId: string | null;
  onSelect: (entry: CatalogEntry) => void;
}

/**
 * Search over every ccxt exchange and a windowed listbox of the matches with their capability
 * chips. Arrow Down moves from the search into the list; Enter (or a click) picks an exchange.
 */
export function ExchangePicker({ catalog, selectedId, onSelect }: ExchangePickerProps) {
  const idPrefix = useId();
  const [query, setQuery] = useState('');
  const filtered = useMemo(() => filterExchanges(catalog, query), [catalog, query]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    const byActive = activeId ? filtered.findIndex((entry) => entry.id === activeId) : -1;
    if (byActive >= 0) return byActive;
    return Math.max(0, selectedId ? filtered.findIndex((entry) => entry.id === selectedId) : 0);
  }, [filtered, activeId, selectedId]);

  const listRef = useRef<HTMLDivElement | null>(null);
  const viewportHeight = useElementHeight(listRef, FALLBACK_VIEWPORT_HEIGHT);
  const [scrollTop, setScrollTop] = useState(0);
  const contentHeight = filtered.length * ROW_HEIGHT;
  const effectiveScrollTop = Math.min(scrollTop, Math.max(0, contentHeight - viewportHeight));
  const { start, end } = computeWindow({
    scrollTop: effectiveScrollTop,
    viewportHeight,
    rowHeight: ROW_HEIGHT,
    rowCount: filtered.length,
    overscan: OVERSCAN,
  });

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(filtered.length - 1, index));
    setActiveId(filtered[clamped]?.id ?? null);
    const nextTop = scrollTopToReveal(clamped, effectiveScrollTop, viewportHeight, ROW_HEIGHT);
    if (nextTop !== effectiveScrollTop) {
      if (listRef.current) listRef.current.scrollTop = nextTop;
      setScrollTop(nextTop);
    }
  };
  const pick = (index: number) => {
    const entry = filtered[index];
    if (!entry) return;
    setActiveId(entry.id);
    onSelect(entry);
  };

  const onQueryChange = (next: string) => {
    setQuery(next);
    setActiveId(null);
    setScrollTop(0);
    if (listRef.current) listRef.current.scrollTop = 0;
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = listboxKeyTarget(event.key, activeIndex, filtered.length, viewportHeight, ROW_HEIGHT);
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(activeIndex);
    }
  };
  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && filtered.length > 0) {
      event.preventDefault();
      listRef.current?.focus();
    } else if (event.key === 'Enter') {
      // Enter picks the highlighted exchange instead of submitting the form.
      event.preventDefault();
      pick(activeIndex);
    } else if (event.key === 'Escape' && query) {
      // Handled here, so the dialog stays open.
      event.preventDefault();
      onQueryChange('');
    }
  };

  const rows = filtered.slice(start, end).map((entry, offset) => {
    const index = start + offset;
    const classes = ['exchange-option'];
    if (index === activeIndex) classes.push('is-active');
    if (entry.id === selectedId) classes.push('is-selected');
    return (
      <div
        key={entry.id}
        role="option"
        id={`${idPrefix}-option-${index}`}
        aria-label={entry.name}
        aria-describedby={`${idPrefix}-caps-${index}`}
        aria-selected={entry.id === selectedId}
        aria-setsize={filtered.length}
        aria-posinset={index + 1}
        className={classes.join(' ')}
        data-exchange-id={entry.id}
        // CSSOM property, not a style attribute: allowed under style-src 'self'.
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
        onClick={() => pick(index)}
      >
        <span className="exchange-name">{entry.name}</span>
        <span className="exchange-id">{entry.id}</span>
        <CapabilityChips entry={entry} id={`${idPrefix}-caps-${index}`} />
      </div>
    );
  });
  const activeRendered = activeIndex >= start && activeIndex < end;

  return (
    <div className="exchange-picker">
      <input
        type="search"
        className="input"
        aria-label="Search exchanges"
        placeholder={`Search ${catalog.length} exchanges…`}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        value={query}
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={onSearchKeyDown}
      />
      {filtered.length === 0 ? (
        <div className="exchange-empty" role="status">
          <p>No exchange matches “{query.trim()}”. Try its name or ccxt id, e.g. “kraken”.</p>
          <button type="button" className="button" onClick={() => onQueryChange('')}>
            Clear search
          </button>
        </div>
      ) : (
        <div
          ref={listRef}
          role="listbox"
          aria-label="Exchanges"
          tabIndex={0}
          aria-activedescendant={activeRendered ? `${idPrefix}-option-${activeIndex}` : undefined}
          className="exchange-list"
          onKeyDown={onListKeyDown}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        >
          <div role="presentation" className="exchange-list-spacer" style={{ height: `${contentHeight}px` }}>
            {rows}
          </div>
        </div>
      )}
    </div>
  );
}
