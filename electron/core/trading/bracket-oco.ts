/**
 * Native OCO exits for brackets. When the exchange can hold a one-cancels-the-other list (Binance
 * spot, see `binanceOcoSupported`) and the bracket's exits are exactly one take-profit for the
 * whole position plus a stop-loss, with no trailing stop, both exits are sent as one list: they
 * then live on the exchange even while Tradewind is closed, and the exchange cancels one leg when
 * the other executes. Every other shape, and the paper account, keep core-managed exits.
 *
 * Both legs go through the order ledger like any order: two intents with our deterministic client
 * ids are written before the list is sent (the list's own client id derives from them), a lost
 * answer is resolved by looking each leg up by client id, never by sending again, and the poller
 * tracks the legs afterwards. The take-profit leg carries the target's role (`target:<key>`), so
 * the bracket follows it like any target; the stop leg has the role `oco-stop`.
 */
import type { AuditLog } from '../audit/audit-log';
import type { OcoExitAnswer, OcoExitRequest } from '../exchange/ccxt-orders';
import { describeOrder, type OrderService } from '../orders/order-service';
import { isFinal } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import { OutcomeUnknownError, type OrderVenue, type VenueOrder } from '../exchange/venue';
import { exitSideOf } from './bracket-math';
import { targetRole } from '../orders/origin-roles';
import type { BracketRecord, StoredTarget } from './brackets-repo';
import { formatNumber } from '../exchange/precision';

export const OCO_STOP_ROLE = 'oco-stop';

/** Deterministic, like the legs' ids it is made from; Binance accepts `^[.A-Z:/a-z0-9_-]{1,36}$`. */
export const ocoListClientId = (targetClientOrderId: string) => `${targetClientOrderId}-oco`;

export interface NativeOcoVenue extends OrderVenue {
  supportsNativeOco(symbol: string): Promise<boolean>;
  submitOco(request: OcoExitRequest): Promise<OcoExitAnswer>;
}

export function hasNativeOco(venue: OrderVenue): venue is NativeOcoVenue {
  const candidate = venue as Partial<NativeOcoVenue>;
  return venue.kind === 'live' && typeof candidate.supportsNativeOco === 'function' && typeof candidate.submitOco === 'function';
}

/** The bracket's OCO stop legs in the ledger, oldest first. */
export const ocoStopLegs = (rows: readonly OrderRow[]): OrderRow[] => rows.filter((r) => r.originRole === OCO_STOP_ROLE);

/** The stop leg the exchange may still be holding (or that is still being looked up). */
export const liveOcoStop = (rows: readonly OrderRow[]): OrderRow | undefined => ocoStopLegs(rows).find((r) => !isFinal(r.status));

/** The latest stop leg that executed: the exchange closed the position at the stop. */
export const executedOcoStop = (rows: readonly OrderRow[]): OrderRow | undefined =>
  ocoStopLegs(rows)
    .filter((r) => r.filled > 0)
    .at(-1);

/**
 * The one target a native OCO can carry together with the stop, or null when the bracket has
 * another shape. A bracket whose OCO the exchange refused once keeps core-managed exits.
 */
export function ocoCandidate(record: BracketRecord, rows: readonly OrderRow[]): StoredTarget | null {
  const { plan, state } = record;
  if (plan.trailing || state.stopPrice === null || state.targets.length !== 1) return null;
  const [target] = state.targets;
  if (!target || target.status !== 'waiting' || target.price === null || Math.abs(target.share - 100) > 1e-9) return null;
  if (ocoStopLegs(rows).some((r) => r.status === 'rejected')) return null;
  return target;
}

export interface OcoPlacementDeps {
  orders: OrderService;
  audit?: AuditLog | undefined;
  log: (line: string) => void;
  /** Persists the bracket (the target's order id must be on record before the list is sent). */
  save: (record: BracketRecord) => void;
}

export type OcoOutcome = { placed: true } | { placed: false; reason: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Records both legs, sends the list once and applies the answer. On a definite refusal both
 * intents end `rejected` and the caller falls back to core-managed exits; on a lost answer both
 * legs are looked up by client id (and keep being looked up by the poller).
 */
export async function placeOcoExit(
  deps: OcoPlacementDeps,
  venue: NativeOcoVenue,
  record: BracketRecord,
  target: StoredTarget,
  amount: number,
): Promise<OcoOutcome> {
  const { orders } = deps;
  const stopPrice = record.state.stopPrice as number;
  const price = target.price as number;
  const common = {
    accountId: record.accountId,
    symbol: record.symbol,
    side: exitSideOf(record.side),
    amount,
    origin: 'bracket' as const,
    originId: record.id,
  };
  const targetRow = orders.repo.createIntent({ ...common, type: 'limit', price, stopPrice: null, originRole: targetRole(target.key) });
  const stopRow = orders.repo.createIntent({ ...common, type: 'stop_market', price: null, stopPrice, originRole: OCO_STOP_ROLE });
  target.status = 'open';
  target.amount = amount;
  target.clientOrderId = targetRow.clientOrderId;
  deps.save(record);

  const request: OcoExitRequest = {
    listClientOrderId: ocoListClientId(targetRow.clientOrderId),
    symbol: record.symbol,
    side: common.side,
    amount,
    target: { clientOrderId: targetRow.clientOrderId, price },
    stop: { clientOrderId: stopRow.clientOrderId, stopPrice },
  };
  let answer: OcoExitAnswer;
  try {
    answer = await venue.submitOco(request);
  } catch (error) {
    if (error instanceof OutcomeUnknownError) {
      deps.log(
        `bracket ${record.id}: OCO ${request.listClientOrderId} outcome unknown (${error.message}); looking its legs up by client id`,
      );
      await resolveLegs(deps, [targetRow, stopRow], `${error.message}. Looking it up by its client id; it will not be sent again.`);
      return { placed: true };
    }
    const reason = message(error);
    for (const row of [targetRow, stopRow])
      orders.repo.update(row.accountId, row.clientOrderId, { status: 'rejected', error: `The OCO was refused: ${reason}` });
    target.status = 'waiting';
    target.clientOrderId = null;
    target.amount = null;
    deps.save(record);
    return { placed: false, reason };
  }

  const missing: OrderRow[] = [];
  for (const [row, leg] of [
    [targetRow, answer.target],
    [stopRow, answer.stop],
  ] as Array<[OrderRow, VenueOrder | null]>) {
    if (leg) orders.apply(row.accountId, leg);
    else missing.push(row);
  }
  if (missing.length > 0)
    await resolveLegs(deps, missing, `${venue.exchangeName} accepted the OCO without reporting this leg; looking it up by its client id.`);
  if (deps.audit) {
    const version = (await venue.keyVersion?.().catch(() => null)) ?? null;
    const legs = [targetRow, stopRow].map((row) => describeOrder(orders.repo.require(row.accountId, row.clientOrderId))).join(' + ');
    deps.audit.append(
      'order.placed',
      `Placed OCO ${request.listClientOrderId}: ${legs} on ${venue.exchangeName}`,
      record.accountId,
      version,
    );
  }
  return { placed: true };
}

/** Marks legs whose outcome is open as `unknown` and looks each up once now; the poller keeps looking. */
async function resolveLegs(deps: OcoPlacementDeps, rows: OrderRow[], note: string): Promise<void> {
  for (const row of rows) {
    const unknown = deps.orders.repo.update(row.accountId, row.clientOrderId, {
      status: 'unknown',
      error: note,
      lookups: 0,
      nextLookupAt: Date.now(),
    });
    await deps.orders.resolve(unknown).catch((error: unknown) => deps.log(`order ${row.clientOrderId}: lookup failed: ${message(error)}`));
  }
}

export function ocoStopFilledNote(stop: OrderRow, exchangeName: string): string {
  const at = stop.averagePrice !== null ? ` at ${formatNumber(stop.averagePrice)}` : '';
  return `Stop-loss ${formatNumber(stop.stopPrice ?? 0)} executed on ${exchangeName} (native OCO)${at}; the take-profit leg was cancelled by the exchange.`;
}
