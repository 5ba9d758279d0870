import type { BotView, CircuitState } from '../../../shared/ipc/schemas/bots';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { OrdersRepo } from '../orders/orders-repo';
import { clean } from '../trading/precision';
import type { BotRecord, BotsRepo } from './bots-repo';
import { rolePrefix } from './kind-state';
import { positionOf } from './position';

export interface ViewDeps {
  repo: BotsRepo;
  orders: OrdersRepo;
  accounts: AccountsRepo;
  circuit: (accountId: string) => CircuitState;
  lastPrice: (botId: string) => number | null;
}

const baseQuote = (symbol: string) => symbol.split('/') as [string, string];

/** The position the bot's current run holds, from its recorded fills. */
export function runPosition(orders: OrdersRepo, record: BotRecord) {
  const prefix = rolePrefix(record.kind, record.run);
  const rows = orders.byOriginRole(record.id, prefix).filter((r) => r.origin === 'bot');
  const trades = rows.flatMap((r) => (r.filled > 0 ? orders.tradesOf(r.accountId, r.clientOrderId) : []));
  const [base, quote] = baseQuote(record.symbol);
  return positionOf(trades, base, quote);
}

/** Unrealised PnL of what the run holds at `price`; null while no price is known. */
export function unrealisedOf(orders: OrdersRepo, record: BotRecord, price: number | null): number | null {
  if (price === null) return null;
  const position = runPosition(orders, record);
  return position.averagePrice === null ? 0 : clean(position.amount * (price - position.averagePrice));
}

export function botView(deps: ViewDeps, record: BotRecord): BotView {
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    accountId: record.accountId,
    accountLabel: deps.accounts.get(record.accountId)?.label ?? record.accountId,
    symbol: record.symbol,
    timeframe: record.timeframe,
    mode: record.mode,
    config: record.config,
    risk: record.risk,
    state: record.state,
    stopReason: record.stopReason,
    stopDetail: record.stopDetail,
    createdAt: record.createdAt,
    startedAt: record.state === 'stopped' || record.state === 'error' ? null : record.startedAt,
    stoppedAt: record.stoppedAt,
    realisedPnl: clean(record.realisedPnl),
    unrealisedPnl: record.run > 0 ? unrealisedOf(deps.orders, record, deps.lastPrice(record.id)) : null,
    openOrders: deps.repo.workingOrders(record.id),
    lastEvent: deps.repo.events(record.id, 1)[0] ?? null,
    circuit: deps.circuit(record.accountId),
  };
}
