import { useStore } from '../../store';
import { describeMarketData } from './market-data-label';

export function MarketDataBadge() {
  const status = useStore((state) => state.marketData);
  const label = describeMarketData(status);
  return (
    <span className={`badge badge--${label.mode}`} data-testid="market-data-status" data-mode={label.mode} title={label.title}>
      <span className="badge-dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
