import { memo, useRef } from 'react';
import type { Market } from '../../../shared/ipc/contract';
import { useStore } from '../../store';
import { changeClassName, useLiveTickerCells } from './use-live-ticker-cells';

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
 * One listbox option. Its price, change and volume cells follow the symbol's ticker without
 * re-rendering the row (see useLiveTickerCells); the row itself re-renders only when its place,
 * selection or star changes. The accessible name is just the symbol; the numbers are visual columns
 * hidden from assistive tech, and the star is mouse-only (F stars the active row from the keyboard).
 */
export const MarketRow = memo(function MarketRow({
  market,
  id,
  index,
  setSize,
  top,
  active,
  selected,
  onPick,
  onToggleFavourite,
}: MarketRowProps) {
  const favourite = useStore((state) => state.favouriteSymbols[market.symbol] === true);
  const lastText = useRef<HTMLSpanElement>(null);
  const changeCell = useRef<HTMLSpanElement>(null);
  const changeText = useRef<HTMLSpanElement>(null);
  const volumeText = useRef<HTMLSpanElement>(null);
  useLiveTickerCells(market.symbol, market.priceStep, selected, { last: lastText, change: changeCell, changeText, volume: volumeText });
  const classes = ['market-row'];
  if (active) classes.push('is-active');
  if (selected) classes.push('is-selected');
  if (!market.active) classes.push('is-inactive');
  return (
    <div
      role="option"
      id={id}
      // Named by its content, the symbol (everything else in the row is aria-hidden): an
      // aria-label would differ from the visible text (axe label-content-name-mismatch).
      data-symbol={market.symbol}
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      className={classes.join(' ')}
      // CSSOM property, not a style attribute: allowed under style-src 'self'.
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onPick(index)}
    >
      {/* Not a button: an option must not hold a control (axe nested-interactive). The keyboard
          path is F on the active row; the Favourites tab says which are starred. */}
      <span
        aria-hidden="true"
        className={favourite ? 'market-star is-on' : 'market-star'}
        data-star={favourite ? `Remove ${market.symbol} from favourites` : `Add ${market.symbol} to favourites`}
        title={favourite ? 'Remove from favourites (F)' : 'Add to favourites (F)'}
        // Keep focus on the listbox and the chart on its market: starring is not picking.
        onMouseDown={(event) => event.preventDefault()}
        onClick={(event) => {
          event.stopPropagation();
          onToggleFavourite(market.symbol);
        }}
      >
        {favourite ? '★' : '☆'}
      </span>
      <span className="market-symbol">
        <span className="market-base">{market.base}</span>
        <span className="market-quote">/{market.quote}</span>
      </span>
      {/* Empty on purpose: useLiveTickerCells owns their text and the change cell's colour class. */}
      {/* The numbers are visual columns (the option's name is the symbol): hidden from assistive tech. */}
      <span className="market-last num market-live live-box" aria-hidden="true">
        <span ref={lastText} className="live-text market-live-text" />
      </span>
      <span ref={changeCell} className={changeClassName(null)} aria-hidden="true">
        <span ref={changeText} className="live-text market-live-text" />
      </span>
      <span className="market-volume num market-live live-box" aria-hidden="true">
        <span ref={volumeText} className="live-text market-live-text" />
      </span>
    </div>
  );
});
