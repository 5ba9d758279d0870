import type { PlanLeg, RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import { formatAmount } from '../../lib/format/numbers';

const money = (n: number, quote: string) => `${formatAmount(Math.round(n * 100) / 100)} ${quote}`;

/** The legs of a plan in the order they go out (sells, then buys); a leg left out says why. */
export function PlanTable({ plan, caption }: { plan: RebalancePlan; caption: string }) {
  const sent = plan.legs.filter((l) => l.dropped === null);
  return (
    <div className="index-plan">
      <table className="data-table num">
        <caption className="index-caption">
          {caption}: {sent.length === 0 ? 'nothing to send' : `${sent.length} market order${sent.length > 1 ? 's' : ''}, sells first`} ·
          fees ≈ {money(plan.fees, plan.quote)} · {money(plan.cashAfter, plan.quote)} left in cash
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Side</th>
            <th scope="col">Market</th>
            <th scope="col">Amount</th>
            <th scope="col">Value</th>
            <th scope="col">Fee</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {plan.legs.length === 0 ? (
            <tr>
              <td colSpan={7}>Every asset is at its target: nothing to trade.</td>
            </tr>
          ) : (
            plan.legs.map((leg, i) => <LegRow key={`${leg.side}-${leg.asset}`} leg={leg} n={i + 1} quote={plan.quote} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

function LegRow({ leg, n, quote }: { leg: PlanLeg; n: number; quote: string }) {
  return (
    <tr className={leg.dropped ? 'index-leg--dropped' : undefined}>
      <td>{n}</td>
      <td className={leg.side === 'buy' ? 'side-buy' : 'side-sell'}>{leg.side === 'buy' ? 'Buy' : 'Sell'}</td>
      <td>{leg.symbol}</td>
      <td>{formatAmount(leg.amount)}</td>
      <td>{money(leg.value, quote)}</td>
      <td>{money(leg.fee, quote)}</td>
      <td>{leg.dropped ? `Left out: ${leg.dropped}` : 'Sent at market'}</td>
    </tr>
  );
}
