import { memo } from 'react';
import type { Market } from '../../../shared/ipc/contract';
import { direction, formatCompact, formatPercent, formatPrice } from '../../lib/format/numbers';
import { useStore } from '../../store';

const DIRECTION_CLASS = { [-1]: 'is-down', 0: 'is-flat', 1: 'is-up' } as const;

interface MarketRowProps {
  market: Market;
  id: string;
  index: number;
  setSize: number;
  top: number;
  active: boolean;
  selected: boolean;
  onPick: (index: number) => void;
  onToggleFavourite: (symbol: string) => void;
}

/**
 * One listbox option. It subscribes to its own ticker, so a batch re-renders only the rows whose
 * symbol changed. The accessible name is just the symbol; the numbers are visual columns.
 * The star is out of the tab order (focus stays on the listbox, where F stars the active row).
 */
export const MarketRow = memo(function MarketRow({ market, id, index, setSize, top, active, selected, onPick, onToggleFavourite }: MarketRowProps) {
  const ticker = useStore((state) => state.tickers[market.symbol]);
  const favourite = useStore((state) => state.favouriteSymbols[market.symbol] === true);
  const change = ticker?.changePct24h ?? null;
  const classes = ['market-row'];
  if (active) classes.push('is-active');
  if (selected) classes.push('is-selected');
  if (!market.active) classes.push('is-inactive');
  return (
    <div
      role="option"
      id={id}
      aria-label={market.symbol}
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      className={classes.join(' ')}
      // CSSOM property, not a style attribute: allowed under style-src 'self'.
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onPick(index)}
    >
      <button
        type="button"
        tabIndex={-1}
        className={favourite ? 'market-star is-on' : 'market-star'}
        aria-label={favourite ? `Remove ${market.symbol} from favourites` : `Add ${market.symbol} to favourites`}
        title={favourite ? 'Remove from favourites (F)' : 'Add to favourites (F)'}
        // Keep focus on the listbox and the chart on its market: starring is not picking.
        onMouseDown={(event) => event.preventDefault()}
        onClick={(event) => {
          event.stopPropagation();
          onToggleFavourite(market.symbol);
        }}
      >
        <span aria-hidden="true">{favourite ? '★' : '☆'}</span>
      </button>
      <span className="market-symbol">
        <span className="market-base">{market.base}</span>
        <span className="market-quote">/{market.quote}</span>
      </span>
      <span className="market-last num">{formatPrice(ticker?.last, market.priceStep)}</span>
      <span className={`market-change num ${DIRECTION_CLASS[direction(change)]}`}>{formatPercent(change)}</span>
      <span className="market-volume num">{formatCompact(ticker?.quoteVolume24h)}</span>
    </div>
  );
});
