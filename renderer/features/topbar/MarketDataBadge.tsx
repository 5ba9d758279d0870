import { useStore } from '../../store';
import { describeMarketData } from './market-data-label';

export function MarketDataBadge() {
  const status = useStore((state) => state.marketData);
  const label = describeMarketData(status);
  // The detail (replay clock, exchange) gives way first on a narrow window (topbar.css).
  const [head, ...rest] = label.text.split(' · ');
  const detail = rest.join(' · ');
  return (
    <span className={`badge badge--${label.mode}`} data-testid="market-data-status" data-mode={label.mode} title={label.title}>
      <span className="badge-dot" aria-hidden="true" />
      {head}
      {detail ? <span className="badge-detail"> · {detail}</span> : null}
    </span>
  );
}
