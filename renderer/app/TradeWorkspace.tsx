import { BalancesPanel } from '../features/balances/BalancesPanel';
import { PriceChart } from '../features/chart/PriceChart';
import { MarketsPanel } from '../features/markets/MarketsPanel';

/** The terminal: markets | chart | balances of the selected account. */
export function TradeWorkspace() {
  return (
    <div className="workspace workspace--trade">
      <MarketsPanel />
      <PriceChart />
      <BalancesPanel />
    </div>
  );
}
