import type { Amount, Price } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import type { AccountService } from '../accounts/account-service';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import type { StorageHealth } from '../db/storage-health';
import { clean, formatNumber } from '../exchange/precision';
import { isOurClientId } from './client-id';
import type { OrderLimits } from './order-limits';
import type { TradingEvents } from './order-events';
import {
  afterLookupMiss,
  DEFAULT_LOOKUP_POLICY,
  isFinal,
  isOpen,
  nextStatus,
  OPEN_STATUSES,
  venueStatus,
  type LookupPolicy,
} from './order-state';
import type { NewIntent, OrderRow, OrdersRepo } from './orders-repo';
import { OutcomeUnknownError, type OrderVenue, type VenueLookup, type VenueOrder } from '../exchange/venue';

export interface OrderServiceDeps {
  db: Db;
  repo: OrdersRepo;
  venues: VenueLookup;
  accountService: AccountService;
  audit: AuditLog;
  events: TradingEvents;
  log: (line: string) => void;
  /** While the database cannot be written, new orders are refused before anything is recorded or sent. */
  storage?: StorageHealth;
  /** Per-account limits on live orders (notional per order and per UTC day, price band); checked here so nothing bypasses them. */
  limits?: OrderLimits;
  now?: () => number;
  lookupPolicy?: LookupPolicy;
}

export type OrderListener = (order: OrderRow) => void;

/** The longest an account's order poll waits after failures in a row (without a Retry-After). */
export const ORDER_POLL_MAX_BACKOFF_MS = 30_000;

/**
 * An order as the ledger takes it: the amount and prices already rounded to the market's step and
 * tick (branded by the venue's `Precision`), so no caller hands the ledger an unrounded figure.
 */
export type SubmitIntent = Omit<NewIntent, 'amount' | 'price' | 'stopPrice'> & {
  amount: Amount;
  price: Price | null;
  stopPrice: Price | null;
};

/** An intent whose checks passed, to be written by `OrderService.write`. */
export interface PreparedIntent {
  readonly intent: SubmitIntent;
  readonly checked: Awaited<ReturnType<OrderLimits['check']>>;
  readonly accountLabel: string;
}

/** From this many open orders on one market, one open-orders request replaces per-order reads. */
const BATCH_POLL_MIN = 3;
/** How far back finished orders are checked for fills that could not be read in time. */
const MISSING_FILLS_WINDOW_MS = 7 * 24 * 3_600_000;
/** How long after its last update a finished order short of fills keeps its account in the poll by itself. */
const RECENT_MISSING_FILLS_MS = 10 * 60_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function describeOrder(
  row: Pick<OrderRow, 'side' | 'amount' | 'symbol' | 'type' | 'price' | 'stopPrice' | 'clientOrderId'>,
): string {
  const price = row.price !== null ? ` at ${formatNumber(row.price)}` : '';
  const stop = row.stopPrice !== null ? ` (stop ${formatNumber(row.stopPrice)})` : '';
  return `${row.side} ${formatNumber(row.amount)} ${row.symbol} ${row.type.replace('_', '-')}${price}${stop} [${row.clientOrderId}]`;
}

/**
 * The order ledger at work. Every order, from the ticket, a bracket or later a bot, goes through
 * `submit`: the intent is written with its client id before the venue is called, the answer (or
 * the lack of one) moves it through the state machine, fills are recorded once by trade id.
 * An unknown outcome is resolved by looking the order up by client id, never by sending again.
 */
export class OrderService {
  private readonly listeners = new Set<OrderListener>();
  /** Intents being sent right now: the poller must not look them up before the venue answered. */
  private readonly sending = new Set<string>();
  /** Lookups in progress: the poller and a reconcile must not count the same miss twice. */
  private readonly resolving = new Set<string>();
  private readonly backoff = new Map<string, { until: number; failures: number }>();
  /** Cancels on their way to the venue: a second cancel of the same order waits for the first. */
  private readonly cancelling = new Map<string, Promise<OrderRow>>();
  /** Orders in a cancel-replace (amend) right now, and those a person asked to cancel meanwhile. */
  private readonly amending = new Set<string>();
  private readonly cancelAskedDuringAmend = new Set<string>();
  private readonly now: () => number;
  private readonly policy: LookupPolicy;
  private polling = false;

  constructor(private readonly deps: OrderServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.policy = deps.lookupPolicy ?? DEFAULT_LOOKUP_POLICY;
  }

  onChange(listener: OrderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get repo(): OrdersRepo {
    return this.deps.repo;
  }

  venue(accountId: string): OrderVenue {
    return this.deps.venues.forAccount(accountId);
  }

  /**
   * What `submit` refuses before recording anything (account, storage, live limits with the day's), checked
   * without recording or sending: a cancel-replace runs it before its cancel, so it never cancels what it cannot replace.
   */
  async precheck(intent: SubmitIntent): Promise<void> {
    const account = this.deps.accountService.requireAccount(intent.accountId);
    if (account.kind === 'live') this.deps.accountService.assertCanTrade(account.id);
    this.deps.storage?.assertWritable('place an order');
    const limits = this.deps.limits;
    const checked = limits ? await limits.check(this.venue(account.id), intent, account.label) : null;
    if (limits && checked) limits.assertDaily(intent, checked, account.label);
  }

  /** Records the intent, sends it once, and returns the order as the venue left it. Throws on a definite refusal. */
  async submit(intent: SubmitIntent): Promise<OrderRow> {
    return this.send(await this.record(intent));
  }

  /**
   * The first half of `submit`: checks the account, storage and live limits and writes the intent,
   * without sending. Callers that send several orders together (the two-leg spread ticket) record
   * every intent first, then `send` them, so a crash between two sends leaves no unrecorded order.
   * Every recorded intent must then be either sent or `abandon`ed.
   */
  async record(intent: SubmitIntent): Promise<OrderRow> {
    const prepared = await this.prepare(intent);
    try {
      return this.write(prepared);
    } catch (error) {
      if (error instanceof TradewindError) throw error;
      throw this.deps.storage?.noteFailure(error, 'place an order') ?? error;
    }
  }

  /**
   * `record` in two halves, for callers that write an intent in their own transaction together
   * with their own decision (the copy engine writes a leader fill's copies for every link in one
   * commit): `prepare` runs the checks that wait on the venue (account, storage, live limits);
   * `write` is synchronous and must follow with no await in between the day's limit check and the
   * write — it may run inside the caller's transaction (a savepoint here), and a refusal in it
   * writes nothing.
   */
  async prepare(intent: SubmitIntent): Promise<PreparedIntent> {
    const account = this.deps.accountService.requireAccount(intent.accountId);
    if (account.kind === 'live') this.deps.accountService.assertCanTrade(account.id);
    const venue = this.venue(account.id);
    this.deps.storage?.assertWritable('place an order');
    const limits = this.deps.limits;
    const checked = limits ? await limits.check(venue, intent, account.label) : null;
    return { intent, checked, accountLabel: account.label };
  }

  /** Writes a prepared intent (see `prepare`); from then on it is held as "being sent" until `send` or `abandon`. */
  write(prepared: PreparedIntent): OrderRow {
    const { intent, checked, accountLabel } = prepared;
    const limits = this.deps.limits;
    // The day's limit is checked and the intent (with the notional it was checked at) written with no await in
    // between: two orders in flight can never both squeeze under the same remaining allowance.
    if (limits && checked) limits.assertDaily(intent, checked, accountLabel);
    const created = this.deps.db.transaction(() => {
      const row = this.deps.repo.createIntent(intent);
      if (limits && checked) limits.record(row.accountId, row.clientOrderId, checked);
      return row;
    })();
    // Held as "being sent" from now on, so the poller never looks up an intent that is about to go out.
    this.sending.add(`${created.accountId}|${created.clientOrderId}`);
    return created;
  }

  /** The second half of `submit`: sends a recorded intent once. An intent is never sent twice (a lost answer is looked up). */
  async send(recorded: OrderRow): Promise<OrderRow> {
    let row = recorded;
    const key = `${row.accountId}|${row.clientOrderId}`;
    if (row.status !== 'intent' || !this.sending.has(key))
      throw new TradewindError('invalid_order', `Order ${row.clientOrderId} is not a freshly recorded intent; it is not sent (again).`);
    let venue: OrderVenue;
    try {
      venue = this.venue(row.accountId);
    } catch (error) {
      this.sending.delete(key);
      throw error;
    }
    this.changed(row, []);
    try {
      let answer: VenueOrder;
      try {
        answer = await venue.submit({
          clientOrderId: row.clientOrderId,
          symbol: row.symbol,
          side: row.side,
          type: row.type,
          amount: row.amount,
          price: row.price,
          stopPrice: row.stopPrice,
          ...(row.reduceOnly ? { reduceOnly: true } : {}),
        });
      } catch (error) {
        if (error instanceof OutcomeUnknownError) {
          this.deps.log(`order ${row.clientOrderId}: outcome unknown (${error.message}); looking it up by client id`);
          row = this.update(row, {
            status: 'unknown',
            error: `${error.message}. Looking it up by its client id; it will not be sent again.`,
            lookups: 0,
            nextLookupAt: this.now(),
          });
          return await this.resolve(row);
        }
        // A paper venue whose own write failed placed nothing: refused like any other definite refusal.
        const refusal =
          this.deps.storage?.noteFailure(error, `place ${describeOrder(row)}`) ??
          (error instanceof TradewindError ? error : new TradewindError('unavailable', message(error)));
        this.update(row, { status: 'rejected', error: refusal.message });
        throw refusal;
      }
      row = this.apply(row.accountId, answer);
      if (venue.kind === 'live') await this.auditPlaced(venue, row, '');
      return row;
    } catch (error) {
      throw this.unrecorded(error, row, venue) ?? error;
    } finally {
      this.sending.delete(key);
    }
  }

  /** An intent `write` returned inside a transaction that was then rolled back: it no longer exists, so it is not waiting to be sent. */
  forget(row: OrderRow): void {
    this.sending.delete(`${row.accountId}|${row.clientOrderId}`);
  }

  /** A recorded intent that will not be sent after all (its partner leg was refused): marked rejected with the reason, never sent. */
  abandon(row: OrderRow, reason: string): OrderRow {
    const key = `${row.accountId}|${row.clientOrderId}`;
    if (!this.sending.has(key))
      throw new TradewindError('invalid_order', `Order ${row.clientOrderId} is not a recorded intent waiting to be sent.`);
    try {
      return this.update(row, { status: 'rejected', error: `Not sent: ${reason}` });
    } finally {
      this.sending.delete(key);
    }
  }

  /**
   * A write about an order that was (or may have been) sent failed: the order keeps the state the
   * ledger last wrote (`intent` or `unknown`), is never sent again, and the poller looks it up by
   * its client id once writes work, as after a crash.
   */
  private unrecorded(error: unknown, row: OrderRow, venue: OrderVenue): TradewindError | null {
    if (error instanceof TradewindError) return null;
    const outcome = `${describeOrder(row)} may have been placed on ${venue.exchangeName}: it is not sent again, and Tradewind looks it up by its client id and records what happened once it can write.`;
    const failure = this.deps.storage?.noteFailure(error, `record order ${row.clientOrderId}`, outcome) ?? null;
    if (failure)
      this.deps.log(
        `order ${row.clientOrderId}: could not record the venue's answer (${message(error)}); it is looked up by client id once writes work`,
      );
    return failure;
  }

  /** One lookup of an order whose send outcome is unknown. */
  async resolve(row: OrderRow): Promise<OrderRow> {
    const key = `${row.accountId}|${row.clientOrderId}`;
    if (this.resolving.has(key)) return row;
    this.resolving.add(key);
    try {
      return await this.lookupOnce(this.deps.repo.require(row.accountId, row.clientOrderId));
    } finally {
      this.resolving.delete(key);
    }
  }

  private async lookupOnce(row: OrderRow): Promise<OrderRow> {
    if (row.status !== 'unknown') return row;
    const venue = this.venue(row.accountId);
    let found: VenueOrder | null;
    try {
      found = await venue.lookup(row.clientOrderId, row.symbol);
    } catch (error) {
      // The lookup itself failed: that says nothing about the order, so it is not counted as "not found".
      const delay = this.policy.delaysMs[Math.min(row.lookups + 1, this.policy.delaysMs.length - 1)] ?? 1_000;
      return this.update(row, { nextLookupAt: this.now() + Math.max(delay, 1_000), error: `Lookup failed (${message(error)}); retrying.` });
    }
    if (found) {
      const adopted = this.apply(row.accountId, found, { nextLookupAt: null, error: null });
      if (venue.kind === 'live') await this.auditPlaced(venue, adopted, ' (confirmed by a lookup after the reply was lost)');
      return adopted;
    }
    const next = afterLookupMiss(row.lookups, this.now(), this.policy);
    const error =
      next.status === 'failed'
        ? `${venue.exchangeName} did not find this order after ${next.lookups} lookups by client id: it was never placed. It was not re-sent.`
        : `${venue.exchangeName} has not found this order yet (${next.lookups} lookup${next.lookups > 1 ? 's' : ''}); looking again.`;
    return this.update(row, { status: next.status, lookups: next.lookups, nextLookupAt: next.nextLookupAt, error });
  }

  /**
   * Runs a cancel-replace of one order exclusively (a second amend is refused). `cancelAsked` tells
   * the amend whether a cancel came from elsewhere (the person, a bot stop) while it ran: that
   * cancel wins, and the amend must not place its replacement.
   */
  async withAmend<T>(accountId: string, clientOrderId: string, run: (cancelAsked: () => boolean) => Promise<T>): Promise<T> {
    const key = `${accountId}|${clientOrderId}`;
    if (this.amending.has(key))
      throw new TradewindError('amend_in_progress', 'This order is already being amended; wait for it to finish.');
    this.amending.add(key);
    try {
      return await run(() => this.cancelAskedDuringAmend.has(key));
    } finally {
      this.amending.delete(key);
      this.cancelAskedDuringAmend.delete(key);
    }
  }

  /**
   * Cancels one order. One cancel per order reaches the venue at a time; a second asked meanwhile
   * gets the first one's answer. A cancel asked while the order is being amended is remembered so
   * the amend drops its replacement; if the amend's own cancel already took the order down, that is
   * the answer (the person asked for it to be gone, and it is).
   */
  cancel(accountId: string, clientOrderId: string, options: { fromAmend?: boolean } = {}): Promise<OrderRow> {
    const key = `${accountId}|${clientOrderId}`;
    if (!options.fromAmend && this.amending.has(key)) {
      this.cancelAskedDuringAmend.add(key);
      const row = this.deps.repo.get(accountId, clientOrderId);
      if (row && isFinal(row.status) && !this.cancelling.has(key)) return Promise.resolve(row);
    }
    const inFlight = this.cancelling.get(key);
    if (inFlight) return inFlight;
    const cancel = this.cancelOnce(accountId, clientOrderId).finally(() => this.cancelling.delete(key));
    this.cancelling.set(key, cancel);
    return cancel;
  }

  private async cancelOnce(accountId: string, clientOrderId: string): Promise<OrderRow> {
    const account = this.deps.accountService.requireAccount(accountId);
    let row = this.deps.repo.get(accountId, clientOrderId);
    if (!row) throw new TradewindError('not_found', `No order ${clientOrderId} on "${account.label}".`);
    if (account.kind === 'live') this.deps.accountService.assertCanTrade(accountId);
    if (row.status === 'unknown' || row.status === 'intent') {
      if (!this.sending.has(`${accountId}|${clientOrderId}`)) row = await this.resolve(row);
      if (row.status === 'unknown' || row.status === 'intent') {
        throw new TradewindError(
          'invalid_order',
          `Order ${clientOrderId} is still being looked up by its client id; cancel it once it is found.`,
        );
      }
    }
    if (isFinal(row.status))
      throw new TradewindError(
        'invalid_order',
        `Order ${clientOrderId} is already ${row.status.replace('_', ' ')}; there is nothing to cancel.`,
      );
    const venue = this.venue(accountId);
    const answer = await venue.cancel(
      { clientOrderId, exchangeOrderId: row.exchangeOrderId, symbol: row.symbol },
      this.filledByTrades(row),
    );
    try {
      row = answer ? this.apply(accountId, answer) : this.vanished(row);
    } catch (error) {
      // The venue has cancelled it; the ledger keeps it open until the poller can record that.
      const did = answer?.status === 'cancelled' ? 'cancelled' : 'answered the cancel of';
      const outcome = `${venue.exchangeName} ${did} ${describeOrder(row)}; Tradewind records it once it can write.`;
      throw (
        (error instanceof TradewindError
          ? null
          : this.deps.storage?.noteFailure(error, `record the cancel of ${clientOrderId}`, outcome)) ?? error
      );
    }
    if (venue.kind === 'live' && row.status === 'cancelled') {
      const version = (await venue.keyVersion?.().catch(() => null)) ?? null;
      this.deps.audit.append('order.cancelled', `Cancelled ${describeOrder(row)} on ${venue.exchangeName}`, accountId, version);
    }
    return row;
  }

  async cancelAll(
    accountId: string,
    symbol?: string,
  ): Promise<{ cancelled: OrderRow[]; failed: Array<{ clientOrderId: string; message: string }> }> {
    this.deps.accountService.requireAccount(accountId);
    const open = this.deps.repo.list({ accountId, symbol, statuses: OPEN_STATUSES });
    const cancelled: OrderRow[] = [];
    const failed: Array<{ clientOrderId: string; message: string }> = [];
    for (const row of open) {
      try {
        cancelled.push(await this.cancel(accountId, row.clientOrderId));
      } catch (error) {
        failed.push({ clientOrderId: row.clientOrderId, message: message(error) });
      }
    }
    return { cancelled, failed };
  }

  /**
   * Applies the venue's view of an order: fills are recorded once (trade id), filled only grows,
   * and the state machine decides the status. Unknown client ids are ignored (adoption is the
   * reconciler's decision).
   */
  apply(accountId: string, answer: VenueOrder, extra: { nextLookupAt?: null; error?: null } = {}): OrderRow {
    const result = this.deps.db.transaction(() => {
      const row =
        this.deps.repo.get(accountId, answer.clientOrderId) ??
        (answer.exchangeOrderId ? this.deps.repo.byExchangeId(accountId, answer.exchangeOrderId) : undefined);
      if (!row) return null;
      const fresh: TradeView[] = [];
      for (const fill of answer.fills ?? []) {
        const trade = { accountId, clientOrderId: row.clientOrderId, symbol: row.symbol, side: row.side, ...fill };
        const seq = this.deps.repo.insertTrade(trade);
        if (seq !== null) fresh.push({ ...trade, seq });
      }
      const filled = Math.max(row.filled, answer.filled);
      const status = nextStatus(row.status, venueStatus(answer.status, filled));
      const patch = {
        exchangeOrderId: row.exchangeOrderId ?? answer.exchangeOrderId,
        status,
        filled,
        averagePrice: answer.averagePrice ?? row.averagePrice,
        cost: Math.max(row.cost, answer.cost),
        ...(status !== 'unknown' && row.status === 'unknown' ? { nextLookupAt: null, error: null } : {}),
        ...extra,
      };
      const changed =
        fresh.length > 0 ||
        patch.status !== row.status ||
        patch.filled !== row.filled ||
        patch.exchangeOrderId !== row.exchangeOrderId ||
        patch.cost !== row.cost ||
        patch.averagePrice !== row.averagePrice ||
        'nextLookupAt' in patch;
      if (!changed) return { row, fresh, changed: false };
      return { row: this.deps.repo.update(accountId, row.clientOrderId, patch), fresh, changed: true };
    })();
    if (!result) return this.deps.repo.require(accountId, answer.clientOrderId);
    if (result.changed) this.changed(result.row, result.fresh);
    return result.row;
  }

  /**
   * One pass over what may still change: open live orders are re-read (fills included), unknown
   * outcomes due for a lookup are looked up. Paper orders report themselves. Accounts whose
   * exchange fails back off, so one unreachable exchange never slows the others.
   */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const working = this.deps.repo.accountsWith(['intent', 'unknown', 'open', 'partially_filled']);
      // An order that filled at once on a venue whose answer carried no trades (OKX reads the order back
      // without them) has nothing open to poll for: its account is polled until its fills are read.
      const short = this.deps.repo.accountsMissingFills(this.now() - RECENT_MISSING_FILLS_MS);
      const accounts = [...new Set([...working, ...short])];
      await Promise.all(accounts.map((accountId) => this.pollAccount(accountId)));
    } finally {
      this.polling = false;
    }
  }

  private async pollAccount(accountId: string): Promise<void> {
    const backoff = this.backoff.get(accountId);
    if (backoff && backoff.until > this.now()) return;
    let venue: OrderVenue;
    try {
      venue = this.venue(accountId);
    } catch {
      return; // the account was removed; its orders went with it
    }
    try {
      const rows = this.deps.repo.list({ accountId, statuses: ['intent', 'unknown', 'open', 'partially_filled'] });
      // An intent not being sent is one whose answer could not be written (disk full...): looked up like an unknown one.
      const due = (r: OrderRow) =>
        (r.status === 'unknown' && (r.nextLookupAt ?? 0) <= this.now()) ||
        (r.status === 'intent' && !this.sending.has(`${r.accountId}|${r.clientOrderId}`));
      for (const row of rows.filter(due)) await this.check(row);
      if (venue.kind === 'live') {
        await this.pollOpen(
          venue,
          rows.filter((r) => isOpen(r.status)),
        );
        await this.fetchMissingFills(venue, accountId);
      }
      this.backoff.delete(accountId);
    } catch (error) {
      // A write that failed says nothing about the exchange: no back-off, the next poll tries again.
      if (this.deps.storage?.noteFailure(error)) return;
      const failures = (backoff?.failures ?? 0) + 1;
      // The exchange's Retry-After when it gave one (calling again sooner gets an IP banned; at
      // least 1 s), else a back-off doubling from 1 s to 30 s.
      const hinted = error instanceof TradewindError && error.code === 'rate_limited' ? error.retryAfterMs : null;
      const wait = hinted !== null ? Math.max(1_000, hinted) : Math.min(ORDER_POLL_MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1));
      if (failures === 1 || hinted !== null)
        this.deps.log(
          `order poll for ${accountId} failed, waiting ${wait} ms${hinted !== null ? ' (Retry-After)' : ''}: ${message(error)}`,
        );
      this.backoff.set(accountId, { until: this.now() + wait, failures });
    }
  }

  /** Reads one order's fills now when its recorded trades fall short of its filled amount (a read, never a resend). */
  async readFills(row: OrderRow): Promise<OrderRow> {
    if (row.filled <= this.filledByTrades(row) + 1e-12 || row.exchangeOrderId === null) return row;
    const answer = await this.venue(row.accountId).refresh(
      { clientOrderId: row.clientOrderId, exchangeOrderId: row.exchangeOrderId, symbol: row.symbol },
      this.filledByTrades(row),
    );
    return answer ? this.apply(row.accountId, answer) : row;
  }

  /** Reads the fills of finished orders whose trades could not be read when they finished. */
  private async fetchMissingFills(venue: OrderVenue, accountId: string): Promise<void> {
    for (const row of this.deps.repo.missingFills(accountId, this.now() - MISSING_FILLS_WINDOW_MS)) {
      const answer = await venue.refresh(
        { clientOrderId: row.clientOrderId, exchangeOrderId: row.exchangeOrderId, symbol: row.symbol },
        this.filledByTrades(row),
      );
      if (answer) this.apply(accountId, answer);
    }
  }

  /**
   * Re-reads open live orders. Several on one market are read with one open-orders request;
   * only those that left it (filled, cancelled) or gained fills are then read one by one.
   */
  private async pollOpen(venue: OrderVenue, rows: OrderRow[]): Promise<void> {
    const bySymbol = new Map<string, OrderRow[]>();
    for (const row of rows) bySymbol.set(row.symbol, [...(bySymbol.get(row.symbol) ?? []), row]);
    for (const [symbol, group] of bySymbol) {
      if (group.length < BATCH_POLL_MIN) {
        for (const row of group) await this.check(row);
        continue;
      }
      const open = await venue.openOrders(symbol);
      for (const row of group) {
        const seen = open.find(
          (o) => o.clientOrderId === row.clientOrderId || (row.exchangeOrderId !== null && o.exchangeOrderId === row.exchangeOrderId),
        );
        if (seen && seen.filled <= this.filledByTrades(row) + 1e-12) this.apply(row.accountId, { ...seen, fills: null });
        else await this.check(row);
      }
    }
  }

  /**
   * Brings one order up to date with its venue: an intent left by a crash becomes unknown and is
   * looked up, an unknown one is looked up, an open one is re-read. Used by the poller and at start-up.
   */
  async check(row: OrderRow): Promise<OrderRow> {
    if (this.sending.has(`${row.accountId}|${row.clientOrderId}`)) return row;
    let current = row;
    if (current.status === 'intent') {
      current = this.update(current, {
        status: 'unknown',
        lookups: 0,
        nextLookupAt: this.now(),
        error: 'Tradewind stopped while sending this order; looking it up by its client id.',
      });
    }
    if (current.status === 'unknown') return this.resolve(current);
    if (!isOpen(current.status)) return current;
    const venue = this.venue(current.accountId);
    const answer = await venue.refresh(
      { clientOrderId: current.clientOrderId, exchangeOrderId: current.exchangeOrderId, symbol: current.symbol },
      this.filledByTrades(current),
    );
    return answer ? this.apply(current.accountId, answer) : this.vanished(current);
  }

  /**
   * An order the account's user-data stream or trades poll reported (`ExternalOrders`): one the
   * ledger does not know is adopted (ours by the client id prefix, others as placed elsewhere —
   * the exchange's own site), with what it has filled, so copy links of the account see its fills;
   * one adopted as placed elsewhere is brought up to date. Orders Tradewind placed itself are left to the
   * ledger's own send and poll. Lookup and insert run with no await in between, so the stream,
   * the poll and reconciliation adopt an order once, under the same client id.
   */
  observeExternal(accountId: string, order: VenueOrder): OrderRow | null {
    const known =
      this.deps.repo.get(accountId, order.clientOrderId) ??
      (order.exchangeOrderId ? this.deps.repo.byExchangeId(accountId, order.exchangeOrderId) : undefined);
    // Only orders placed elsewhere are updated from here: a ticket order ('manual') may be mid-send.
    if (known) return known.origin === 'external' ? this.apply(accountId, order) : null;
    if (!(order.filled > 0) && !isOpen(venueStatus(order.status, order.filled))) return null; // cancelled unfilled: nothing to follow
    return this.adopt(accountId, order, isOurClientId(accountId, order.clientOrderId) ? 'manual' : 'external');
  }

  /** Starts tracking an order found open on the venue that the ledger did not know. */
  adopt(accountId: string, order: VenueOrder, origin: 'manual' | 'external'): OrderRow {
    const row = this.deps.repo.adopt(
      {
        accountId,
        clientOrderId: order.clientOrderId,
        exchangeOrderId: order.exchangeOrderId,
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        amount: order.amount,
        price: order.price,
        stopPrice: order.stopPrice,
        status: venueStatus(order.status, order.filled),
        filled: 0,
        averagePrice: null,
        cost: 0,
        origin,
        // Only when the venue says so: an order placed on the exchange's site may close a position with an ordinary buy.
        ...(order.reduceOnly === true ? { reduceOnly: true as const } : {}),
      },
      order.updatedAt,
    );
    this.changed(row, []);
    return this.apply(accountId, order);
  }

  /** Base traded so far according to the recorded fills (what the venue must add fills beyond). */
  filledByTrades(row: OrderRow): number {
    return clean(this.deps.repo.tradesOf(row.accountId, row.clientOrderId).reduce((sum, t) => sum + t.amount, 0));
  }

  /** An order the venue no longer knows although we had its id: it is not open any more. */
  private vanished(row: OrderRow): OrderRow {
    return this.update(row, {
      status: isOpen(row.status) ? 'expired' : row.status,
      error: 'The exchange no longer knows this order (its history may have been pruned); it is not open.',
    });
  }

  private update(row: OrderRow, patch: Parameters<OrdersRepo['update']>[2]): OrderRow {
    const updated = this.deps.repo.update(row.accountId, row.clientOrderId, patch);
    this.changed(updated, []);
    return updated;
  }

  private changed(row: OrderRow, fresh: TradeView[]): void {
    this.deps.events.order(this.deps.repo.view(row));
    for (const trade of fresh) this.deps.events.fill(trade);
    if (fresh.length > 0 || isFinal(row.status) || row.status === 'open') this.deps.events.balances(row.accountId);
    for (const listener of this.listeners) {
      try {
        listener(row);
      } catch (error) {
        this.deps.log(`order listener failed: ${message(error)}`);
      }
    }
  }

  private async auditPlaced(venue: OrderVenue, row: OrderRow, note: string): Promise<void> {
    const version = (await venue.keyVersion?.().catch(() => null)) ?? null;
    this.deps.audit.append('order.placed', `Placed ${describeOrder(row)} on ${venue.exchangeName}${note}`, row.accountId, version);
  }
}
