/**
 * The follow engine: leader fills in (one typed stream, whatever the leader), copies out through
 * the order ledger. Work is serialised per link (a KeyedSerialQueue), links never wait on each
 * other. Crash safety is two records, both written before the venue is called:
 *   1. the decision — a `copy_log` row, unique per (link, leader event), with the follower order's
 *      client id derived from leader id + event id + link id (`sending`);
 *   2. the ledger intent under that client id (`OrderService.write`).
 * Both go into one transaction, and the decisions of every link deciding the same leader fill at
 * once share it (a `CommitGroup`): one fsync per leader fill instead of two per follower.
 * A repeated event finds its row and does nothing; a restart re-sends only `sending` rows the ledger
 * never got (nothing was sent for them), and the ledger's own reconciliation resolves the rest.
 * Partial fills are copied by difference of the leader order's cumulative amount, so a repeated
 * partial-fill event copies nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { asAmount } from '../../../shared/domain/types';
import type { CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import { TradewindError } from '../../../shared/ipc/errors';
import type { Db } from '../db/connection';
import { clean, floorToStep, formatNumber } from '../exchange/precision';
import type { MarketModel } from '../exchange/market-rules-cache';
import { contractSizeRefusal } from '../exchange/venue';
import { CommitGroup } from '../kit/commit-group';
import { KeyedSerialQueue } from '../kit/keyed-serial-queue';
import { derivedClientOrderId } from '../orders/client-id';
import type { OrderService, PreparedIntent, SubmitIntent } from '../orders/order-service';
import { isFinal } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import { linkLoss, lossLimitReached } from './copy-loss';
import { copyPositions, type CopyPosition } from './copy-positions';
import { logEntry, type CopyLinkRecord, type CopyLogRecord, type CopyRepo } from './copy-repo';
import { decideCopy, followerSymbolOf, slippagePct } from './copy-sizing';
import { decidePerpCopy, splitLeaderFill, type PerpDecision } from './copy-perps';
import { marketMismatch } from './copy-perpetuals';
import { sellsShort } from '../bots/position';
import type { LeaderFill } from './leader-fill';
import { describeRate, missingRate, quoteOf, rateBetween, rulesInQuote, sumIn, totalsCurrency, type RateLookup } from './quote-rates';
import type { LeaderProtection } from './leader-protection';
import { CopyProtection } from './copy-protection';
import { MirrorsRepo } from './mirrors-repo';

export interface CopyEngineDeps {
  db: Db;
  repo: CopyRepo;
  orders: OrderService;
  markets: { market(accountId: string, symbol: string): Promise<MarketModel> };
  /** What an account trades (`spot` or `swap`), or null when unknown: a perpetuals fill is never copied onto spot, nor the reverse. */
  marketType?: (accountId: string) => string | null;
  /** An account's value in USD now; null when it cannot be valued (equity mode skips then). */
  equity: (accountId: string) => number | null;
  /**
   * One unit of `from` in `to` at the rate the portfolio values `accountId`'s balances with (its
   * venue, the other venues, the reference prices); null when none is known. Absent: only amounts
   * already in the same currency are known (a link whose quotes differ then skips what needs a rate).
   */
  rate?: (from: string, to: string, accountId: string) => { rate: number; source: string } | null;
  emitLog: (entry: CopyLogEntry) => void;
  linksChanged: (ids: string[]) => void;
  log: (line: string) => void;
  now?: () => number;
}

/** The link's own take-profit and stop-loss, or null when it has none (or copies the leader's instead). */
function ownExits(rules: CopyLinkRecord['rules']): { stopLossPct: number | null; takeProfitPct: number | null } | null {
  if (rules.protection === 'leader' || (rules.stopLossPct === null && rules.takeProfitPct === null)) return null;
  return { stopLossPct: rules.stopLossPct, takeProfitPct: rules.takeProfitPct };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const FINAL_FAILED = new Set(['rejected', 'failed']);

export class CopyEngine {
  private readonly queue = new KeyedSerialQueue<string>();
  /** Decision rows and intents of links deciding at the same moment, committed together. */
  readonly commits: CommitGroup;
  private readonly now: () => number;
  private closed = false;
  private ticking = false;

  /** `protection: leader` links' mirrors of their leader's take-profit/stop (copy-protection.ts). */
  private readonly protection: CopyProtection;

  constructor(private readonly deps: CopyEngineDeps) {
    this.now = deps.now ?? Date.now;
    this.commits = new CommitGroup(deps.db);
    this.protection = new CopyProtection({
      mirrors: new MirrorsRepo(deps.db, this.now),
      orders: deps.orders,
      markets: deps.markets,
      copyOrders: (link) => this.copyOrders(link),
      entryEvents: (link, leaderOrder) => this.deps.repo.eventIdsOf(link.id, leaderOrder),
      positions: (link, copies) => this.positions(link, copies),
      pendingSells: (copies, symbol) => this.pendingSells(copies, symbol),
      record: (row) => this.record(row),
      linksChanged: deps.linksChanged,
      log: deps.log,
      now: this.now,
    });
  }

  /** Hands a leader's take-profit/stop to every link of that leader that copies it (each on its own queue). */
  async protect(protection: LeaderProtection): Promise<void> {
    if (this.closed) return;
    await Promise.all(
      this.deps.repo
        .byLeader(protection.leaderId)
        .filter((link) => link.rules.protection === 'leader')
        .map((link) =>
          this.queue
            .run(link.id, async () => {
              const current = this.deps.repo.get(link.id);
              if (current) await this.protection.apply(current, protection);
            })
            .catch((error) =>
              this.deps.log(`copy ${link.id}: leader protection ${protection.key} could not be mirrored: ${message(error)}`),
            ),
        ),
    );
  }

  /** The link stops mirroring its leader's take-profit/stop (deleted, or switched to its own): the mirror's orders are cancelled on its queue. */
  async dropProtection(link: CopyLinkRecord, why: 'own' | 'deleted'): Promise<void> {
    await this.queue.run(link.id, () => this.protection.drop(link, why));
  }

  /** Hands a leader's fill to every link that follows that leader (each on its own queue). */
  deliver(fill: LeaderFill): void {
    void this.deliverAll(fill);
  }

  /** As `deliver`, resolving once every link has decided the fill (a feed counts an event applied only then). */
  async deliverAll(fill: LeaderFill): Promise<void> {
    if (this.closed) return;
    const runs: Array<Promise<void>> = [];
    for (const link of this.deps.repo.byLeader(fill.leaderId)) {
      if (fill.fillOf.openedAt !== undefined && fill.fillOf.openedAt < link.createdAt) continue;
      runs.push(
        this.queue
          .run(link.id, () => this.handle(link.id, fill))
          .catch((error) => {
            this.deps.log(`copy ${link.id}: leader event ${fill.eventId} could not be handled: ${message(error)}`);
          }),
      );
    }
    await Promise.all(runs);
  }

  /** Waits until every queued decision and send is done (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.idle();
  }

  /** The link's copy orders in the ledger, in the order it recorded them (read once per decision: positions and pending sells both use them). */
  private copyOrders(link: CopyLinkRecord): OrderRow[] {
    return this.deps.orders.repo.byOrigin(link.id).filter((o) => o.origin === 'copy');
  }

  /** Conversions for one follower account, at the portfolio's valuation rates. */
  rates(accountId: string): RateLookup {
    const rate = this.deps.rate;
    return (from, to) => {
      const found = rate?.(from, to, accountId) ?? null;
      return found ? { from, to, rate: found.rate, source: found.source } : null;
    };
  }

  positions(link: CopyLinkRecord, copies: readonly OrderRow[] = this.copyOrders(link)): Map<string, CopyPosition> {
    const repo = this.deps.orders.repo;
    const fees = repo.feesByOrigin(link.id);
    return copyPositions(copies, (order) =>
      (fees.get(`${order.accountId}|${order.clientOrderId}`) ?? [])
        .filter((fee) => fee.asset === order.symbol.split('/')[0])
        .reduce((sum, fee) => sum + fee.amount, 0),
    );
  }

  /**
   * Start-up: decisions recorded but never handed to the ledger (a kill between the two writes)
   * are sent now — the ledger has no intent for them, so nothing was sent; the ones it has are
   * the ledger's to reconcile and only their log rows are brought up to date.
   */
  async recover(): Promise<{ resent: number; adopted: number }> {
    let resent = 0;
    let adopted = 0;
    for (const row of this.deps.repo.sending()) {
      const link = this.deps.repo.get(row.linkId);
      if (!link || row.clientOrderId === null) continue;
      const existing = this.deps.orders.repo.get(link.followerAccountId, row.clientOrderId);
      if (existing) {
        adopted++;
        this.follow(existing);
        continue;
      }
      const stale = this.staleReason(link, row);
      if (stale !== null) {
        const next = this.deps.repo.patchLog(row.seq, { outcome: 'skipped', reason: `Not sent at start-up: ${stale}` });
        if (next) this.deps.emitLog(logEntry(next));
        continue;
      }
      resent++;
      await this.queue.run(link.id, () => this.send(link, row));
    }
    return { resent, adopted };
  }

  /** Why a decision left unsent by a crash must not go out now (the link was paused or stopped since, or the fill is too old). */
  private staleReason(link: CopyLinkRecord, row: CopyLogRecord): string | null {
    if (link.status === 'paused') return 'the link is paused.';
    if (link.status === 'stopped') return `the link is stopped${link.statusReason ? `: ${link.statusReason}` : '.'}`;
    const age = this.now() - row.leaderFilledAt;
    if (link.rules.maxSignalAgeMs !== null && age > link.rules.maxSignalAgeMs)
      return `${formatNumber(age / 1000, 1)} s after the leader's fill, past the limit of ${formatNumber(link.rules.maxSignalAgeMs / 1000, 1)} s.`;
    return null;
  }

  /**
   * Base this link's copy sells (buys: of a short) may still take from a position: their unfilled
   * part while the venue has not answered for good (an `unknown` sell may have executed in full). A
   * close or a followed exit sizes from what is left, so a lost answer never makes it close twice.
   */
  private pendingSells(copies: readonly OrderRow[], symbol: string, side: 'buy' | 'sell' = 'sell'): number {
    return copies
      .filter((o) => o.side === side && o.symbol === symbol && !isFinal(o.status))
      .reduce((sum, o) => sum + Math.max(0, o.amount - o.filled), 0);
  }

  /** A signed position less what the link's unanswered orders against it may still take (never past zero). */
  private netOfPending(copies: readonly OrderRow[], symbol: string, amount: number): number {
    if (amount > 0) return Math.max(0, amount - this.pendingSells(copies, symbol, 'sell'));
    if (amount < 0) return Math.min(0, amount + this.pendingSells(copies, symbol, 'buy'));
    return 0;
  }

  /** The ledger changed an order: a copy's log row follows its state (fill price, failure). */
  follow(order: OrderRow): void {
    if (order.origin !== 'copy') return;
    const row = this.deps.repo.byClientId(order.clientOrderId);
    if (!row) return;
    const patch: Partial<CopyLogRecord> = {};
    if (FINAL_FAILED.has(order.status) && order.filled === 0) {
      patch.outcome = 'failed';
      patch.reason = `The follower's order was ${order.status}${order.error ? `: ${order.error}` : ''}.`;
    } else if (row.outcome === 'sending' && order.status !== 'intent') patch.outcome = 'copied';
    if (order.averagePrice !== null && order.averagePrice !== row.followerPrice) {
      patch.followerPrice = order.averagePrice;
      // Against the leader's price in the follower's quote (rows written before conversions existed had one quote on both sides).
      const sameQuote = row.followerSymbol !== null && quoteOf(row.followerSymbol) === quoteOf(row.leaderSymbol);
      const leaderPrice = row.leaderPriceConverted ?? (sameQuote ? row.leaderPrice : null);
      if (leaderPrice !== null && leaderPrice > 0) patch.slippagePct = slippagePct(row.side, leaderPrice, order.averagePrice);
    }
    if (Object.keys(patch).length === 0) return;
    const next = this.deps.repo.patchLog(row.seq, patch);
    if (next) this.deps.emitLog(logEntry(next));
    if (order.filled > 0) this.deps.linksChanged([row.linkId]);
  }

  /** Writes a decision row (with the decisions of other links made at the same moment); null when this event already has one. */
  private async record(row: Omit<CopyLogRecord, 'seq'>): Promise<CopyLogRecord | null> {
    const written = await this.commits.run(() => (this.deps.repo.hasEvent(row.linkId, row.eventId) ? null : this.deps.repo.insertLog(row)));
    if (written) this.deps.emitLog(logEntry(written));
    return written;
  }

  /**
   * Writes a copy's decision row and its ledger intent in one transaction (shared with the other
   * links deciding now), so a crash leaves both or neither. A refusal of the intent's checks
   * (`refusal`, from `prepare`, or the day's limit in `write`) leaves the row `failed` with the reason.
   */
  private async recordCopy(
    row: Omit<CopyLogRecord, 'seq'>,
    prepared: PreparedIntent | null,
    refusal: unknown,
    then: () => void,
  ): Promise<{ row: CopyLogRecord; order: OrderRow | null } | null> {
    const refused = (error: unknown) =>
      `The follower's order was refused: ${error instanceof TradewindError || error instanceof Error ? error.message : String(error)}`;
    let order = null as OrderRow | null;
    let written: { row: CopyLogRecord; order: OrderRow | null } | null;
    try {
      written = await this.commits.run(() => {
        if (this.deps.repo.hasEvent(row.linkId, row.eventId)) return null;
        if (prepared === null)
          return { row: this.deps.repo.insertLog({ ...row, outcome: 'failed', reason: refused(refusal) }), order: null };
        const decided = this.deps.repo.insertLog(row);
        then();
        try {
          order = this.deps.orders.write(prepared);
        } catch (error) {
          return { row: this.deps.repo.patchLog(decided.seq, { outcome: 'failed', reason: refused(error) })!, order: null };
        }
        return { row: decided, order };
      });
    } catch (error) {
      // The group's commit failed: nothing was written, and the intent is not waiting to be sent.
      if (order !== null) this.deps.orders.forget(order);
      throw error;
    }
    if (written) this.deps.emitLog(logEntry(written.row));
    return written;
  }

  /**
   * The leader's signed position before this perpetuals fill, as far as the link can know it. The
   * link sums the leader fills it logged, so a position held before the link was made counts as 0
   * and its cover (an ordinary buy: a site need not send reduce-only) would look like a new
   * position. A fill that looks like one is checked against the leader's venue: a position on the
   * other side the link never saw is added (kept, so later fills agree), and that part is a close.
   */
  private async leaderPositionBefore(linkId: string, fill: LeaderFill, delta: number): Promise<number | { reason: string }> {
    const logged = clean(this.deps.repo.leaderPosition(linkId, fill.symbol));
    if (fill.reduceOnly === true || splitLeaderFill(fill.side, delta, logged, false).opening <= 0) return logged;
    const venue = fill.accountId === undefined ? null : this.deps.orders.venue(fill.accountId);
    if (venue?.position === undefined) return logged; // a feed leader, or a venue without positions: the log is all there is
    let now: number;
    try {
      now = await venue.position(fill.symbol);
    } catch (error) {
      return {
        reason: `The leader's ${fill.symbol} position could not be read (${message(error)}), so whether its ${fill.side} opens a position or closes one held before this link is not known; nothing was sent.`,
      };
    }
    const direction = fill.side === 'buy' ? 1 : -1;
    const before = clean(now - direction * delta);
    const against = (position: number) => (position !== 0 && Math.sign(position) !== direction ? Math.abs(position) : 0);
    if (against(before) <= against(logged)) return logged;
    this.deps.repo.correctLeaderPosition(linkId, fill.symbol, clean(before - logged));
    return before;
  }

  private async handle(linkId: string, fill: LeaderFill): Promise<void> {
    const link = this.deps.repo.get(linkId);
    if (!link || this.deps.repo.hasEvent(link.id, fill.eventId)) return;
    const orderKey = fill.fillOf.orderId;
    const handled = this.deps.repo.handled(link.id, orderKey);
    const delta = fill.fillOf.cumulative - handled.cumulative;
    if (delta <= 1e-12) return; // a repeated or older state of a fill already decided
    const costDelta = fill.fillOf.cost - handled.cost;
    const leaderPrice = handled.cumulative > 0 && costDelta > 0 ? costDelta / delta : fill.price;
    const leaderHeld = this.deps.repo.leaderHeld(link.id, fill.symbol);
    const now = this.now();
    const base = {
      linkId: link.id,
      eventId: fill.eventId,
      leaderOrder: orderKey,
      cumulative: fill.fillOf.cumulative,
      leaderCost: fill.fillOf.cost,
      at: now,
      leaderSymbol: fill.symbol,
      side: fill.side,
      leaderAmount: delta,
      leaderPrice,
      leaderFilledAt: fill.filledAt,
    };
    const skipped = async (outcome: 'skipped' | 'ignored', reason: string, followerSymbol: string | null = null) =>
      void (await this.record({
        ...base,
        outcome,
        followerSymbol,
        amount: null,
        clientOrderId: null,
        followerPrice: null,
        delayMs: null,
        slippagePct: null,
        reason,
      }));
    if (link.status !== 'active')
      return skipped(
        'skipped',
        link.status === 'paused' ? 'The link is paused.' : `The link is stopped${link.statusReason ? `: ${link.statusReason}` : '.'}`,
      );
    const target = followerSymbolOf(link.rules, fill.symbol);
    if ('reason' in target) return skipped('skipped', target.reason);
    const symbol = target.symbol;
    const follower = link.followerAccountId;
    const mismatch = marketMismatch(fill, symbol, this.deps.marketType?.(follower) ?? null);
    if (mismatch !== null) return skipped('skipped', mismatch, symbol);
    const perp = sellsShort(symbol);
    const known = perp ? await this.leaderPositionBefore(link.id, fill, delta) : 0;
    if (typeof known !== 'number') return skipped('skipped', known.reason, symbol);
    const leaderPosition = known;
    // Whether the fill adds exposure (a loss limit then applies): a spot buy, or a perpetuals fill beyond the leader's position.
    const opens = perp ? splitLeaderFill(fill.side, delta, leaderPosition, fill.reduceOnly === true).opening > 0 : fill.side === 'buy';
    let model: MarketModel;
    try {
      model = await this.deps.markets.market(follower, symbol);
    } catch (error) {
      return skipped('skipped', `${symbol} cannot be traded on the follower account: ${message(error)}`, symbol);
    }
    if (fill.accountId !== undefined) {
      // The leader's amounts are read in base: a leader market counting contracts of another size (OKX: 0.01 BTC) is not copied.
      const leaderRules = await this.deps.markets
        .market(fill.accountId, fill.symbol)
        .then((m) => m.rules)
        .catch(() => null);
      const contracts = leaderRules === null ? null : contractSizeRefusal(leaderRules);
      if (contracts !== null) return skipped('skipped', `The leader's ${fill.symbol} fill is not copied: ${contracts}`, symbol);
    }
    const venue = this.deps.orders.venue(follower);
    // A buy without a loss limit or a total cap needs no position: the ledger is not read for it.
    const needsPositions = perp || fill.side === 'sell' || link.rules.maxLoss !== null || link.rules.maxTotal !== null;
    const copies = needsPositions ? this.copyOrders(link) : [];
    const positions = needsPositions ? this.positions(link, copies) : new Map<string, CopyPosition>();
    const position = positions.get(symbol);
    const closedAt = this.deps.repo.closedAt(link.id, symbol);
    // Only a leader order opened after the close by hand is a new entry; the rest of one opened before stays closed.
    const newEntry = closedAt !== null && opens && fill.fillOf.openedAt !== undefined && fill.fillOf.openedAt > closedAt;
    const quote = await venue.quote(symbol).catch(() => null);
    // Money of two quotes (BTC/USDT copied as BTC/EUR): converted at the portfolio's valuation rate, never assumed equal.
    const rates = this.rates(follower);
    const followerQuote = quoteOf(symbol);
    const leaderQuote = quoteOf(fill.symbol);
    const leaderRate = rateBetween(leaderQuote, followerQuote, rates);
    const leaderPriceConverted = leaderRate === null ? null : leaderPrice * leaderRate.rate;
    const leaderPriceText =
      leaderRate === null || leaderQuote === followerQuote
        ? `${formatNumber(leaderPrice)} ${leaderQuote}`
        : `${formatNumber(leaderPrice)} ${leaderQuote} = ${formatNumber(leaderPriceConverted!, 8)} ${followerQuote} at ${describeRate(leaderRate)}`;
    const row = { ...base, leaderPriceConverted };
    const skippedHere = async (reason: string) =>
      void (await this.record({
        ...row,
        outcome: 'skipped',
        followerSymbol: symbol,
        amount: null,
        clientOrderId: null,
        followerPrice: null,
        delayMs: null,
        slippagePct: null,
        reason,
      }));
    if (opens && link.rules.maxLoss !== null) {
      // Every held position is priced now and summed in the link's currency; a loss that cannot be known copies no buy.
      const prices = new Map<string, number | null>([[symbol, quote?.last ?? null]]);
      for (const p of positions.values())
        if (p.amount !== 0 && !prices.has(p.symbol)) prices.set(p.symbol, (await venue.quote(p.symbol).catch(() => null))?.last ?? null);
      const loss = linkLoss(positions, prices, { currency: link.rules.currency ?? null, rate: rates });
      if (loss.kind === 'unknown')
        return skippedHere(`Loss limit: ${loss.reason}, so the loss on this leader cannot be checked; nothing was sent.`);
      const reason = lossLimitReached(loss, link.rules.maxLoss);
      if (reason !== null) {
        this.deps.repo.setStatus(link.id, 'stopped', reason, now);
        this.deps.linksChanged([link.id]);
        return skippedHere(`Stopped copying: ${reason}`);
      }
    }
    // The money rules (amount per trade, max per trade, max total) in this market's quote.
    const heldQuotes = [...positions.values()].filter((p) => p.amount !== 0).map((p) => quoteOf(p.symbol));
    const totals = totalsCurrency(link.rules, [...heldQuotes, followerQuote]);
    const money = rulesInQuote(link.rules, followerQuote, totals, rates, !opens);
    if ('reason' in money) return skippedHere(money.reason);
    let openCost = 0;
    if (opens && link.rules.maxTotal !== null) {
      const open = sumIn(
        [...positions.values()].map((p) => ({ amount: p.cost, currency: quoteOf(p.symbol) })),
        followerQuote,
        rates,
      );
      if (open.kind === 'unknown')
        return skippedHere(
          `Max total allocation: what this link holds cannot be valued in ${followerQuote}: ${open.reason}; nothing was sent.`,
        );
      openCost = open.total;
    }
    // A leader exit of a position this link mirrors: the mirror is cancelled first and only what it did not sell is copied.
    const mirroredExit =
      !perp && fill.side === 'sell' && fill.exitOf && link.rules.protection === 'leader' && !(closedAt !== null && !newEntry)
        ? await this.protection.leaderExit(
            link,
            { orderId: fill.fillOf.orderId, exitOf: fill.exitOf, amount: delta, price: leaderPriceConverted },
            model,
            symbol,
          )
        : null;
    const free = fill.side === 'sell' && !perp ? ((await venue.balances().catch(() => null))?.get(model.rules.base)?.free ?? null) : null;
    const equityRatio = link.rules.allocation.mode === 'equity' ? this.equityRatio(link) : null;
    const input = {
      side: fill.side,
      leaderSymbol: fill.symbol,
      leaderAmount: delta,
      leaderPrice: leaderPriceConverted,
      leaderPriceMissing: leaderRate === null ? missingRate(leaderQuote, followerQuote) : undefined,
      leaderPriceText,
      filledAt: fill.filledAt,
      now,
      rules: money.rules,
      follower: {
        symbol,
        market: model.rules,
        precision: model.precision,
        quote,
        held: Math.max(0, (position?.amount ?? 0) - (fill.side === 'sell' ? this.pendingSells(copies, symbol) : 0)),
        free,
        closedByHand: closedAt !== null && !newEntry,
        openCost,
      },
      equityRatio,
    };
    // Mirrored leader take-profit/stop orders are spot holdings' (sells of what is held); perpetuals exits are copied as fills.
    const decision: PerpDecision =
      mirroredExit ??
      (perp
        ? decidePerpCopy({
            ...input,
            leaderPosition,
            followerPosition: this.netOfPending(copies, symbol, position?.amount ?? 0),
            reduceOnly: fill.reduceOnly === true,
          })
        : decideCopy({ ...input, leaderHeld }));
    if (decision.kind !== 'place') {
      await this.record({
        ...row,
        outcome: decision.kind === 'skip' ? 'skipped' : 'ignored',
        followerSymbol: symbol,
        amount: null,
        clientOrderId: null,
        followerPrice: decision.referencePrice,
        delayMs: null,
        slippagePct: decision.slippagePct,
        reason: decision.reason,
      });
      return;
    }
    const notes = [
      decision.note,
      money.note,
      leaderRate !== null && leaderQuote !== followerQuote ? `leader's ${leaderPriceText}` : null,
      leaderRate === null ? `slippage unknown: ${missingRate(leaderQuote, followerQuote)}` : null,
    ].filter((n): n is string => n !== null && n !== '');
    const clientOrderId = derivedClientOrderId(follower, `${fill.leaderId}|${fill.eventId}|${link.id}`);
    const intent = this.intentOf(link, {
      eventId: fill.eventId,
      followerSymbol: symbol,
      side: fill.side,
      amount: decision.amount,
      clientOrderId,
      reduceOnly: decision.reduceOnly === true,
    });
    let prepared: PreparedIntent | null = null;
    let refusal: unknown = null;
    try {
      prepared = await this.deps.orders.prepare(intent);
    } catch (error) {
      refusal = error;
    }
    const sentAt = this.now();
    const written = await this.recordCopy(
      {
        ...row,
        outcome: 'sending',
        followerSymbol: symbol,
        amount: decision.amount,
        clientOrderId,
        followerPrice: decision.referencePrice,
        delayMs: Math.max(0, sentAt - fill.filledAt),
        slippagePct: decision.slippagePct,
        reason: notes.length > 0 ? `Sent (${notes.join('; ')}).` : 'Sent.',
      },
      prepared,
      refusal,
      () => {
        if (newEntry) this.deps.repo.reopen(link.id, symbol);
      },
    );
    if (written?.order) await this.sendWritten(written.row, written.order);
  }

  private intentOf(
    link: CopyLinkRecord,
    row: { eventId: string; followerSymbol: string; side: 'buy' | 'sell'; amount: number; clientOrderId: string; reduceOnly: boolean },
  ): SubmitIntent {
    return {
      accountId: link.followerAccountId,
      symbol: row.followerSymbol,
      side: row.side,
      type: 'market',
      amount: asAmount(row.amount),
      price: null,
      stopPrice: null,
      origin: 'copy',
      originId: link.id,
      originRole: `copy:${row.eventId}`,
      clientOrderId: row.clientOrderId,
      ...(row.reduceOnly ? { reduceOnly: true } : {}),
    };
  }

  /** Sends an intent written with its decision row; the row follows the ledger's answer. */
  private async sendWritten(row: CopyLogRecord, order: OrderRow): Promise<void> {
    try {
      this.follow(await this.deps.orders.send(order));
    } catch (error) {
      this.failedSend(row, order.accountId, order.clientOrderId, error);
    }
  }

  /** A send that threw: a definite refusal marks the row failed; an order the ledger still holds open is the ledger's to resolve. */
  private failedSend(row: CopyLogRecord, accountId: string, clientOrderId: string, error: unknown): void {
    const inLedger = this.deps.orders.repo.get(accountId, clientOrderId);
    if (inLedger && !FINAL_FAILED.has(inLedger.status)) return this.follow(inLedger); // recorded, outcome pending: the ledger resolves it
    const text = error instanceof TradewindError || error instanceof Error ? error.message : String(error);
    const next = this.deps.repo.patchLog(row.seq, { outcome: 'failed', reason: `The follower's order was refused: ${text}` });
    if (next) this.deps.emitLog(logEntry(next));
  }

  /** Hands a recorded decision to the ledger, once: a client id the ledger already has is never sent again. */
  private async send(link: CopyLinkRecord, row: CopyLogRecord): Promise<void> {
    if (row.clientOrderId === null || row.amount === null || row.followerSymbol === null) return;
    const known = this.deps.orders.repo.get(link.followerAccountId, row.clientOrderId);
    if (known) return this.follow(known);
    try {
      this.follow(
        await this.deps.orders.submit(
          this.intentOf(link, {
            eventId: row.eventId,
            followerSymbol: row.followerSymbol,
            side: row.side,
            amount: row.amount,
            clientOrderId: row.clientOrderId,
            reduceOnly: this.reducesOnly(link, row.followerSymbol, row.side, row.amount),
          }),
        ),
      );
    } catch (error) {
      this.failedSend(row, link.followerAccountId, row.clientOrderId, error);
    }
  }

  /**
   * Whether a decision a crash left unsent (its intent, which carries the flag, was never written)
   * goes out reduce-only: on a perpetual swap, when it only takes from the link's position on the
   * other side, as the decision did.
   */
  private reducesOnly(link: CopyLinkRecord, symbol: string, side: 'buy' | 'sell', amount: number): boolean {
    if (!sellsShort(symbol)) return false;
    const held = this.positions(link).get(symbol)?.amount ?? 0;
    return side === 'sell' ? held > 0 && amount <= held + 1e-12 : held < 0 && amount <= -held + 1e-12;
  }

  private equityRatio(link: CopyLinkRecord): number | null {
    // A remote feed's leader equity is not known here (links refuse equity sizing for it).
    const leaderAccount =
      link.leader.kind === 'account' ? link.leader.accountId : link.leader.kind === 'bot' ? this.botAccount(link.leader.botId) : null;
    if (leaderAccount === null) return null;
    const leader = this.deps.equity(leaderAccount);
    const follower = this.deps.equity(link.followerAccountId);
    return leader === null || follower === null || !(leader > 0) ? null : follower / leader;
  }

  private botAccount(botId: string): string | null {
    const row = this.deps.db.prepare('SELECT account_id FROM bots WHERE id = ?').get(botId) as { account_id: string } | undefined;
    return row?.account_id ?? null;
  }

  /**
   * Sells one copied position at market. `hand` and `all` mark it closed by hand once the sell is
   * accepted (or when there is nothing to sell): the leader's later exits of it are ignored, and
   * only a leader order opened after the close opens it again. `stop` is the link's own stop-loss;
   * it returns null without a log row when there is nothing it may sell (a remainder below the
   * venue's minimum, or a copy sell still waiting for its answer), so the 5 s check writes no
   * row each time. A remainder below the venue's minimum is said, never rounded up.
   */
  closePosition(linkId: string, symbol: string, why: 'hand' | 'all' | 'stop' | 'take-profit'): Promise<CopyLogRecord | null> {
    return this.queue.run(linkId, async () => {
      const link = this.deps.repo.get(linkId);
      if (!link) throw new TradewindError('not_found', `There is no follow link "${linkId}".`);
      // A mirror of the leader's targets holds the coins: it is cancelled (and its stop dropped) before a close by hand.
      if (why === 'hand' || why === 'all') await this.protection.release(link, symbol);
      const copies = this.copyOrders(link);
      const position = this.positions(link, copies).get(symbol);
      const now = this.now();
      const byHand = why === 'hand' || why === 'all';
      // A short (perpetual swaps) is closed by a reduce-only buy of what is short.
      const short = (position?.amount ?? 0) < 0;
      const perp = sellsShort(symbol);
      const side = short ? ('buy' as const) : ('sell' as const);
      const owned = Math.abs(position?.amount ?? 0);
      const pending = this.pendingSells(copies, symbol, side);
      const held = Math.max(0, owned - pending);
      const base = {
        linkId: link.id,
        eventId: `close:${symbol}:${now}:${randomUUID().slice(0, 8)}`,
        leaderOrder: null,
        cumulative: null,
        leaderCost: null,
        at: now,
        leaderSymbol: symbol,
        followerSymbol: symbol,
        side,
        leaderAmount: 0,
        leaderPrice: 0,
        leaderFilledAt: now,
        clientOrderId: null,
        delayMs: null,
        slippagePct: null,
      };
      const label =
        why === 'stop'
          ? 'Own stop-loss'
          : why === 'take-profit'
            ? 'Own take-profit'
            : why === 'all'
              ? 'Close all copied positions'
              : 'Closed by hand';
      const nothingSold = (reason: string) => {
        if (byHand) this.deps.repo.markClosed(link.id, symbol, now);
        this.deps.linksChanged([link.id]);
        return this.record({ ...base, outcome: 'closed', amount: null, followerPrice: null, reason: `${label}: ${reason}` });
      };
      if (!(held > 0)) {
        if (!byHand) return null;
        return nothingSold(
          pending > 0
            ? `a copy ${side} of ${formatNumber(pending)} ${symbol.split('/')[0]} is still waiting for the venue's answer; nothing more was sold.`
            : `no copied ${symbol} position was held.`,
        );
      }
      const model = await this.deps.markets.market(link.followerAccountId, symbol);
      const venue = this.deps.orders.venue(link.followerAccountId);
      // A perpetuals position is no coin balance: a reduce-only order takes only what is open.
      const free = perp ? null : ((await venue.balances().catch(() => null))?.get(model.rules.base)?.free ?? null);
      const amount = model.precision.amount(floorToStep(free === null ? held : Math.min(held, free), model.rules.amountStep));
      const quote = await venue.quote(symbol).catch(() => null);
      const min = model.rules.minAmount ?? 0;
      const value = quote ? amount * ((short ? quote.ask : quote.bid) ?? quote.last) : null;
      if (!(amount > 0) || amount < min || (model.rules.minCost !== null && value !== null && value < model.rules.minCost)) {
        if (!byHand) return null;
        return nothingSold(`the ${formatNumber(held)} ${model.rules.base} held is below the venue's minimum order; it was left as it is.`);
      }
      const order = await this.deps.orders.submit({
        accountId: link.followerAccountId,
        symbol,
        side,
        type: 'market',
        amount,
        price: null,
        stopPrice: null,
        origin: 'copy',
        originId: link.id,
        originRole: `copy-close:${symbol}`,
        ...(perp ? { reduceOnly: true } : {}),
      });
      this.deps.linksChanged([link.id]);
      const refused = FINAL_FAILED.has(order.status) && order.filled === 0;
      if (byHand && !refused) this.deps.repo.markClosed(link.id, symbol, now);
      return this.record({
        ...base,
        outcome: refused ? 'failed' : 'closed',
        amount,
        clientOrderId: order.clientOrderId,
        followerPrice: order.averagePrice ?? quote?.last ?? null,
        reason: refused
          ? `${label}: the ${side} of ${formatNumber(amount)} ${model.rules.base} was ${order.status}${order.error ? `: ${order.error}` : ''}; the position is still held.`
          : short
            ? `${label}: bought back the ${formatNumber(amount)} ${model.rules.base} short at market (reduce-only).`
            : `${label}: sold ${formatNumber(amount)} ${model.rules.base} at market${perp ? ' (reduce-only)' : ''}.`,
      });
    });
  }

  /**
   * The links' own stop-loss and loss limit, checked on the follower's prices (the core's timer
   * calls it). One pass at a time; a link whose check fails (a revoked key, a delisted market)
   * is logged and shown on that link, and the pass goes on to the next link.
   */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const link of this.deps.repo.list()) {
        if (this.closed) return;
        // Paused and stopped links copy no new trades, but what they hold keeps its stop and
        // targets (own or mirrored): only the loss limit is an active link's alone.
        const exits = ownExits(link.rules) !== null || link.rules.protection === 'leader';
        if (!exits && (link.status !== 'active' || link.rules.maxLoss === null)) continue;
        let problem: string | null;
        try {
          problem = await this.tickLink(link);
        } catch (error) {
          problem = `the stop-loss and loss limit could not be checked: ${message(error)}`;
        }
        this.noteCheck(link.id, problem);
      }
    } finally {
      this.ticking = false;
    }
  }

  /** One link's check; returns what kept it from being checked in full, or null. */
  private async tickLink(link: CopyLinkRecord): Promise<string | null> {
    const positions = this.positions(link);
    const venue = this.deps.orders.venue(link.followerAccountId);
    const prices = new Map<string, number | null>();
    for (const p of positions.values())
      if (p.amount !== 0) prices.set(p.symbol, (await venue.quote(p.symbol).catch(() => null))?.last ?? null);
    let problem: string | null = null;
    if (link.status === 'active' && link.rules.maxLoss !== null) {
      const loss = linkLoss(positions, prices, { currency: link.rules.currency ?? null, rate: this.rates(link.followerAccountId) });
      const reason = lossLimitReached(loss, link.rules.maxLoss);
      if (reason !== null) {
        this.deps.repo.setStatus(link.id, 'stopped', reason, this.now());
        this.deps.linksChanged([link.id]);
        this.deps.log(`copy ${link.id}: stopped copying: ${reason}`);
        return null;
      }
      if (loss.kind === 'unknown') problem = `the loss limit cannot be checked: ${loss.reason} (no new buy is copied meanwhile)`;
    }
    if (link.rules.protection === 'leader') await this.queue.run(link.id, () => this.protection.tick(link));
    const own = ownExits(link.rules);
    if (own === null) return problem;
    for (const p of positions.values()) {
      const price = prices.get(p.symbol);
      if (p.amount === 0 || p.averagePrice === null || price === undefined || price === null) continue;
      // A long's stop sits below its average price and its take-profit above; a short's the other way round.
      const gainPct = ((price - p.averagePrice) / p.averagePrice) * 100 * Math.sign(p.amount);
      if (own.stopLossPct !== null && gainPct <= -own.stopLossPct) await this.closePosition(link.id, p.symbol, 'stop');
      else if (own.takeProfitPct !== null && gainPct >= own.takeProfitPct) await this.closePosition(link.id, p.symbol, 'take-profit');
    }
    return problem;
  }

  /**
   * Shows on an active link why its last check was incomplete (its status reason, which the panel
   * shows), and clears it once a check goes through; logged once per change, not every 5 s.
   */
  private noteCheck(linkId: string, problem: string | null): void {
    const link = this.deps.repo.get(linkId);
    if (!link || link.status !== 'active') return;
    const next = problem === null ? null : `Check failed: ${problem}`;
    if (link.statusReason === next || (next === null && !link.statusReason?.startsWith('Check failed: '))) return;
    this.deps.repo.setStatus(link.id, 'active', next, this.now());
    this.deps.linksChanged([link.id]);
    if (next !== null) this.deps.log(`copy ${link.id}: ${problem}`);
  }
}
