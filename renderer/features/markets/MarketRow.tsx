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
}

/**
 * One listbox option. It subscribes to its own ticker, so a batch re-renders only the rows whose
 * symbol changed. The accessible name is just the symbol; the numbers are visual columns.
 */
export const MarketRow = memo(function MarketRow({ market, id, index, setSize, top, active, selected, onPick }: MarketRowProps) {
  const ticker = useStore((state) => state.tickers[market.symbol]);
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
