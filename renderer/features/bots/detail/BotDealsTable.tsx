import type { DcaDeal } from '../../../../shared/ipc/schemas/bots';
import { formatAmount, formatPrice } from '../../../lib/format/numbers';
import { PanelMessage } from '../../../ui/PanelMessage';
import { BotPnl } from '../BotPnl';
import { formatTime } from '../../../lib/format/time';

const STATUS: Record<DcaDeal['status'], string> = { opening: 'Opening', open: 'Open', closing: 'Closing', closed: 'Closed' };

/** A DCA bot's deals, newest first. */
export function BotDealsTable({ deals, priceStep, quote }: { deals: readonly DcaDeal[]; priceStep: number | null; quote: string }) {
  if (deals.length === 0) return <PanelMessage>No deals yet. A deal opens when the bot starts (or on its strategy signal).</PanelMessage>;
  return (
    <table className="data-table num">
      <caption className="visually-hidden">Deals</caption>
      <thead>
        <tr>
          <th scope="col">Opened</th>
          <th scope="col">Status</th>
          <th scope="col">Amount</th>
          <th scope="col">Avg price</th>
          <th scope="col">Safety filled</th>
          <th scope="col">Take-profit</th>
          <th scope="col">Realised PnL</th>
          <th scope="col">Closed</th>
        </tr>
      </thead>
      <tbody>
        {[...deals]
          .sort((a, b) => b.openedAt - a.openedAt)
          .map((deal) => (
            <tr key={deal.key}>
              <td>{formatTime(deal.openedAt)}</td>
              <td className="cell-text">{STATUS[deal.status]}</td>
              <td>{formatAmount(deal.amount)}</td>
              <td>{formatPrice(deal.averagePrice, priceStep)}</td>
              <td>{deal.safetyOrdersFilled}</td>
              <td>{formatPrice(deal.takeProfitPrice, priceStep)}</td>
              <td>
                <BotPnl value={deal.realisedPnl} currency={quote} />
              </td>
              <td>{deal.closedAt === null ? '—' : formatTime(deal.closedAt)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
