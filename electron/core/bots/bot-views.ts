import type { BotView, CircuitState } from '../../../shared/ipc/schemas/bots';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { OrdersRepo } from '../orders/orders-repo';
import { clean, formatNumber } from '../exchange/precision';
import type { BotRecord, BotsRepo } from './bots-repo';
import { rolePrefix } from './kind-state';
import type { BotKindRegistry } from './kinds/registry';
import { positionOf, sellsShort, type Position } from './position';

export interface ViewDeps {
  repo: BotsRepo;
  orders: OrdersRepo;
  accounts: AccountsRepo;
  kinds: BotKindRegistry;
  circuit: (accountId: string) => CircuitState;
  lastPrice: (botId: string) => number | null;
}

// A perpetual's symbol carries its settle currency after a colon (BTC/USDT:USDT): base and quote come before it.
const baseQuote = (symbol: string) => (symbol.split(':')[0] ?? symbol).split('/') as [string, string];

/** The position the bot's current run holds, from its recorded fills (in ledger order). */
export function runPosition(orders: OrdersRepo, record: BotRecord, kinds: BotKindRegistry): Position {
  const [base, quote] = baseQuote(record.symbol);
  if (holdsAccount(record, kinds)) return positionOf([], base, quote);
  return positionOf(runTrades(orders, record, kinds).flat(), base, quote, { shorts: sellsShort(record.symbol) });
}

/** A kind trading what the account held before the run (rebalance) has no run position of its own. */
const holdsAccount = (record: BotRecord, kinds: BotKindRegistry) =>
  kinds.has(record.kind) && kinds.get(record.kind).accountHoldings === true;

/**
 * The run's fills, grouped by what owns a position: the kind's `positionKey` says (each DCA deal is
 * its own position); without one, the run is one position.
 */
function runTrades(orders: OrdersRepo, record: BotRecord, kinds: BotKindRegistry): TradeView[][] {
  const positionKey = kinds.has(record.kind) ? kinds.get(record.kind).positionKey : undefined;
  const prefix = rolePrefix(record.kind, record.run);
  const groups = new Map<string, TradeView[]>();
  for (const r of orders.byOriginRole(record.id, prefix)) {
    if (r.origin !== 'bot' || r.filled <= 0) continue;
    const key = positionKey ? positionKey((r.originRole ?? '').slice(prefix.length)) : '';
    const trades = groups.get(key) ?? [];
    trades.push(...orders.tradesOf(r.accountId, r.clientOrderId));
    groups.set(key, trades);
  }
  return [...groups.values()];
}

/** Base the run's fills sold beyond what each position held before the sale (an error state); 0 when sound. */
export function runOversold(orders: OrdersRepo, record: BotRecord, kinds: BotKindRegistry): number {
  if (holdsAccount(record, kinds)) return 0;
  const [base, quote] = baseQuote(record.symbol);
  return clean(
    runTrades(orders, record, kinds).reduce(
      (sum, trades) => sum + positionOf(trades, base, quote, { shorts: sellsShort(record.symbol) }).oversold,
      0,
    ),
  );
}

/** The error state of a run that sold more than it held, in words; null when its fills are sound. */
export function ledgerIssueText(oversold: number, symbol: string): string | null {
  if (oversold <= 0) return null;
  const [base] = baseQuote(symbol);
  return `Sold ${formatNumber(oversold)} ${base} more than the bot held: the PnL leaves that sale out. Check the account for trades made outside the bot.`;
}

const unrealisedAt = (position: Position, price: number | null): number | null =>
  price === null ? null : position.averagePrice === null ? 0 : clean(position.amount * (price - position.averagePrice));

/** Unrealised PnL of what the run holds at `price`; null while no price is known. */
export function unrealisedOf(orders: OrdersRepo, record: BotRecord, kinds: BotKindRegistry, price: number | null): number | null {
  if (price === null || holdsAccount(record, kinds)) return null;
  return unrealisedAt(runPosition(orders, record, kinds), price);
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
    unrealisedPnl: record.run > 0 ? unrealisedOf(deps.orders, record, deps.kinds, deps.lastPrice(record.id)) : null,
    ledgerIssue: record.run > 0 ? ledgerIssueText(runOversold(deps.orders, record, deps.kinds), record.symbol) : null,
    openOrders: deps.repo.workingOrders(record.id),
    lastEvent: deps.repo.events(record.id, 1)[0] ?? null,
    circuit: deps.circuit(record.accountId),
  };
}
