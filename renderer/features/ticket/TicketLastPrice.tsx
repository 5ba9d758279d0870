import { formatPrice } from '../../lib/format/numbers';
import { useStore } from '../../store';

/** The market's last price read at the moment of a click, not kept in a render. */
export function readLastPrice(symbol: string): number | null {
  return useStore.getState().tickers[symbol]?.last ?? null;
}

/**
 * The estimate's price line while core's preview has none: the live last price. Its own component
 * so ten tickers a second re-render this one text, not the whole ticket with its form and estimate.
 */
export function TicketLastPrice({ symbol, priceStep }: { symbol: string; priceStep: number | null }) {
  const last = useStore((state) => state.tickers[symbol]?.last ?? null);
  return <>{formatPrice(last, priceStep)}</>;
}
