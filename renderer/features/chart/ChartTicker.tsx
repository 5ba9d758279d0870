import { direction, formatPercent, formatPrice } from '../../lib/format/numbers';
import { useStore } from '../../store';

/** Last price and 24h change next to the symbol; subscribes to one ticker only. */
export function ChartTicker({ symbol, priceStep }: { symbol: string; priceStep: number | null }) {
  const ticker = useStore((state) => state.tickers[symbol]);
  if (!ticker) return null;
  const tone = ['is-down', 'is-flat', 'is-up'][direction(ticker.changePct24h) + 1];
  return (
    // A live box (base.css): ten prices a second re-lay out this line, not the whole window.
    <span className="chart-ticker num live-box">
      <span className="chart-ticker-text live-text">
        <span className="chart-ticker-last">{formatPrice(ticker.last, priceStep)}</span>
        <span className={tone}>{formatPercent(ticker.changePct24h)}</span>
      </span>
    </span>
  );
}
