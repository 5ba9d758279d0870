import { BalancesPanel } from '../features/balances/BalancesPanel';
import { PriceChart } from '../features/chart/PriceChart';
import { MarketsPanel } from '../features/markets/MarketsPanel';
import { OrderBookPanel } from '../features/orderbook/OrderBookPanel';
import { OrdersPanel } from '../features/orders/OrdersPanel';
import { TicketPanel } from '../features/ticket/TicketPanel';
import './trade-workspace.css';

/** The terminal: markets over the order book | chart over orders | balances over the order ticket, all for the selected account. */
export function TradeWorkspace() {
  return (
    <div className="workspace workspace--trade">
      <MarketsPanel />
      <OrderBookPanel />
      <PriceChart />
      <OrdersPanel />
      <BalancesPanel />
      <TicketPanel />
    </div>
  );
}
