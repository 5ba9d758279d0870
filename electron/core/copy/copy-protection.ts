/**
 * Follower side of `protection: leader`: the leader's bracket exits mirrored on the link's copies.
 * - Targets rest on the follower as limit sells (origin `copy`, so they count in the link's
 *   position) at the leader's prices rounded to the follower market, each its share of what the
 *   link copied of the leader's entry order; a target below the venue minimum is merged into the
 *   last one, and a last one below it is left out with the reason (never rounded up).
 * - The stop and trailing stop are watched on the engine's tick and sold at market, capped to
 *   what the link holds.
 * - Every order's client id is derived from (leader position, revision + generation, target, link): the
 *   ledger records the intent before sending and refuses a second one with that id, so a restart
 *   or a repeated event never places a mirror twice. A new revision (the leader moved a target
 *   or its stop) cancels the old mirror first and places the new one once the old is final.
 * - No double exit: a leader exit of a mirrored position cancels the follower's mirror of it
 *   first; the copy then sells what the mirror should have sold less what it already did.
 * All steps run on the link's queue (the engine calls in), so they never race its copies.
 */
import { asAmount } from '../../../shared/domain/types';
import { floorToStep, formatNumber } from '../exchange/precision';
import type { MarketModel } from '../exchange/market-rules-cache';
import type { MarketRules } from '../exchange/venue';
import { derivedClientOrderId } from '../orders/client-id';
import type { OrderService } from '../orders/order-service';
import { isFinal } from '../orders/order-state';
import type { OrderRow } from '../orders/orders-repo';
import { splitTargets } from '../trading/bracket-math';
import type { CopyPosition } from './copy-positions';
import type { CopyLinkRecord, CopyLogRecord } from './copy-repo';
import { followerSymbolOf, slippagePct, type CopyDecision } from './copy-sizing';
import type { LeaderProtection } from './leader-protection';
import type { MirrorRecord, PendingExit, MirrorsRepo } from './mirrors-repo';

export interface CopyProtectionDeps {
  mirrors: MirrorsRepo;
  orders: OrderService;
  markets: { market(accountId: string, symbol: string): Promise<MarketModel> };
  copyOrders(link: CopyLinkRecord): OrderRow[];
  /** The link's decision event ids for a leader order (a copy's role is `copy:<event id>`). */
  entryEvents(link: CopyLinkRecord, leaderOrder: string): string[];
  positions(link: CopyLinkRecord, copies: readonly OrderRow[]): Map<string, CopyPosition>;
  pendingSells(copies: readonly OrderRow[], symbol: string): number;
  /** Writes a copy-log row (null when the event already has one). */
  record(row: Omit<CopyLogRecord, 'seq'>): Promise<CopyLogRecord | null>;
  linksChanged(ids: string[]): void;
  log(line: string): void;
  now(): number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const mirrorPrefix = (key: string) => `protect:${key}:`;
const targetRole = (key: string, revision: string, target: number) => `${mirrorPrefix(key)}${revision}:t${target}`;
const stopRole = (key: string, revision: string) => `${mirrorPrefix(key)}${revision}:stop`;
/**
 * What the follower's orders of a mirror are tagged with: the leader's revision and the mirror's
 * generation, so a revision seen again (a stop moved 100 → 105 → 100) gets new ids. Generation 0
 * is the bare revision, as mirrors stored before generations named their orders.
 */
export const mirrorTag = (mirror: Pick<MirrorRecord, 'desired' | 'generation'>) =>
  mirror.generation === 0 ? mirror.desired.revision : `${mirror.desired.revision}.g${mirror.generation}`;
const filledOf = (orders: readonly OrderRow[]) => orders.reduce((sum, o) => sum + o.filled, 0);

function isDust(amount: number, price: number, rules: MarketRules): boolean {
  return (
    !(amount > 0) || (rules.minAmount !== null && amount < rules.minAmount) || (rules.minCost !== null && amount * price < rules.minCost)
  );
}

/** The stop in force: the fixed stop or the trailing one below the highest price, whichever is higher. */
export function mirroredStop(desired: Pick<LeaderProtection, 'stopPrice' | 'trailingPct'>, extreme: number | null): number | null {
  const trailing = desired.trailingPct !== null && extreme !== null ? extreme * (1 - desired.trailingPct / 100) : null;
  if (desired.stopPrice === null) return trailing;
  return trailing === null ? desired.stopPrice : Math.max(desired.stopPrice, trailing);
}

export class CopyProtection {
  constructor(private readonly deps: CopyProtectionDeps) {}

  /** The leader's protection changed (or was seen again): stored, then the mirror brought in line. */
  async apply(link: CopyLinkRecord, desired: LeaderProtection): Promise<void> {
    if (link.rules.protection !== 'leader') return;
    const target = followerSymbolOf(link.rules, desired.symbol);
    if ('reason' in target) return; // a market this link does not copy has nothing to protect
    const existing = this.deps.mirrors.get(link.id, desired.key);
    if (!existing && desired.state === 'cancelled') return;
    if (existing && existing.desired.revision === desired.revision && existing.desired.state === desired.state) return;
    this.deps.mirrors.desire(link.id, target.symbol, desired);
    await this.reconcile(link, desired.key);
  }

  /** The engine's tick: mirrors still to place or move (a copy not yet final, a cancel under way), then the stops. */
  async tick(link: CopyLinkRecord): Promise<void> {
    await this.settlePendingExits(link);
    for (const mirror of this.deps.mirrors.open(link.id)) {
      const wanted = mirror.desired.state === 'cancelled' ? 'cancelled' : mirrorTag(mirror);
      if (mirror.applied !== wanted) await this.reconcile(link, mirror.leaderKey);
      const now = this.deps.mirrors.get(link.id, mirror.leaderKey);
      if (now && now.applied === mirrorTag(now) && now.desired.state === 'active' && !now.stopped) await this.watchStop(link, now);
    }
  }

  /** A close by hand: the mirror's resting targets are cancelled first (they hold the coins) and its stop dropped. */
  async release(link: CopyLinkRecord, symbol: string): Promise<void> {
    for (const mirror of this.deps.mirrors.open(link.id)) {
      if (mirror.symbol !== symbol) continue;
      await this.cancelOpen(link, this.mirrorOrders(link, mirror.leaderKey));
      this.deps.mirrors.patch(link.id, mirror.leaderKey, { applied: 'cancelled', stopped: true });
    }
  }

  /**
   * The link stops mirroring (deleted, or switched to its own take-profit/stop): every mirror's
   * resting targets are cancelled — left on the exchange they would sell the follower's coins
   * later — and its stop is no longer watched. A switch says so in the copy log; a deleted link
   * has no log left, so it only logs a line.
   */
  async drop(link: CopyLinkRecord, why: 'own' | 'deleted'): Promise<void> {
    for (const mirror of this.deps.mirrors.open(link.id)) {
      const mine = this.mirrorOrders(link, mirror.leaderKey);
      const resting = mine.filter((o) => !isFinal(o.status)).length;
      const unconfirmed = await this.cancelOpen(link, mine);
      this.deps.mirrors.patch(link.id, mirror.leaderKey, { applied: 'cancelled', stopped: true });
      const cancelled = `${resting} mirrored order${resting === 1 ? '' : 's'} of the leader's take-profit cancelled${unconfirmed > 0 ? ` (${unconfirmed} not yet confirmed by the venue)` : ''}`;
      if (why === 'deleted') this.deps.log(`copy ${link.id}: link deleted: ${cancelled} for ${mirror.symbol}`);
      else
        await this.row(
          link,
          mirror,
          `protect:${mirror.leaderKey}:own:g${mirror.generation}`,
          `Switched to your own take-profit/stop: ${cancelled}, the leader's stop no longer watched; the position is kept.`,
        );
    }
  }

  /**
   * A leader exit of a position this link mirrors. The follower's mirror of that exit (the target
   * it filled, or every mirror for a stop or close) is cancelled first; the copy then sells the
   * exit's share of what was copied, less what the mirror already sold, capped to what is held.
   * Null when the position is not mirrored here (the ordinary sizing applies).
   */
  async leaderExit(
    link: CopyLinkRecord,
    fill: { orderId: string; exitOf: { key: string; role: string }; amount: number; price: number | null },
    model: MarketModel,
    symbol: string,
  ): Promise<CopyDecision | null> {
    const mirror = this.deps.mirrors.get(link.id, fill.exitOf.key);
    if (!mirror || mirror.applied === null) return null;
    const desired = mirror.desired;
    const targetKey = /^target:(\d+)$/.exec(fill.exitOf.role)?.[1];
    // Sold for this position before this exit (every mirror fill, every earlier copied exit): never more than was copied of it.
    const soldBefore = this.soldFor(link, mirror);
    this.deps.mirrors.addExit(link.id, mirror.leaderKey, fill.orderId);
    // The leader's stop or close ends the position: the mirrored stop must never sell it again.
    if (targetKey === undefined) this.deps.mirrors.patch(link.id, mirror.leaderKey, { stopped: true });
    const mine = this.mirrorOrders(link, mirror.leaderKey);
    const matching = targetKey === undefined ? mine : mine.filter((o) => o.originRole?.endsWith(`:t${targetKey}`));
    const stillOpen = await this.cancelOpen(link, matching);
    const what = targetKey === undefined ? `${fill.exitOf.role === 'close' ? 'close' : 'stop'}` : `target ${targetKey}`;
    // What the mirror sold for this exit: its target, or for the leader's stop or close the mirrored stop.
    const mirrored = targetKey === undefined ? mine.filter((o) => o.originRole?.endsWith(':stop')) : matching;
    const already = filledOf(this.refresh(mirrored));
    const copied = this.copiedOf(link, desired.entryOrderId).amount;
    const expected = desired.entryAmount > 0 ? (copied * fill.amount) / desired.entryAmount : 0;
    const copies = this.deps.copyOrders(link);
    const held = Math.max(0, (this.deps.positions(link, copies).get(symbol)?.amount ?? 0) - this.deps.pendingSells(copies, symbol));
    const base = model.rules.base;
    const quote = await this.deps.orders
      .venue(link.followerAccountId)
      .quote(symbol)
      .catch(() => null);
    const reference = quote ? (quote.bid ?? quote.last) : null;
    const skip = (kind: 'skip' | 'ignore', reason: string): CopyDecision => ({
      kind,
      reason,
      referencePrice: reference,
      slippagePct: reference === null || fill.price === null ? null : slippagePct('sell', fill.price, reference),
    });
    const own = expected - already;
    if (!(own > 1e-12))
      return skip(
        'ignore',
        targetKey === undefined
          ? `The follower's mirrored stop already sold ${formatNumber(already)} ${base} before the leader's ${what}; nothing more to sell.`
          : `The follower's mirror of the leader's ${what} already sold ${formatNumber(already)} ${base}; nothing more to sell.`,
      );
    const left = Math.max(0, copied - soldBefore);
    if (!(left > 1e-12))
      return skip(
        'ignore',
        `The leader's ${what}: the follower's mirror and earlier copied exits already sold the ${formatNumber(copied)} ${base} copied of this position; nothing more to sell.`,
      );
    const want = Math.min(own, left);
    const amount = model.precision.amount(floorToStep(Math.min(want, held), model.rules.amountStep));
    if (!(amount > 0) && stillOpen > 0) {
      // The mirror holds the coins until the venue confirms its cancel: the exit waits on the mirror
      // (stored before this decision is written) and the tick sells what the mirror did not.
      this.deps.mirrors.setPendingExit(
        link.id,
        mirror.leaderKey,
        { orderId: fill.orderId, role: fill.exitOf.role, amount: fill.amount, price: fill.price },
        true,
      );
      return skip(
        'ignore',
        `The leader's ${what}: the follower's mirror is still being cancelled and holds what is left; what it does not sell is sold at market once the venue confirms the cancel.`,
      );
    }
    if (!(amount > 0)) return skip('ignore', `The leader's ${what}: nothing of the copied position is left to sell.`);
    if (reference === null) return skip('skip', `No price for ${symbol} on the follower account.`);
    if (isDust(amount, reference, model.rules))
      return skip(
        'skip',
        `The leader's ${what}: the ${formatNumber(amount)} ${base} left to sell is below the venue's minimum order; it was left as it is.`,
      );
    return {
      kind: 'place',
      amount: asAmount(amount),
      referencePrice: reference,
      slippagePct: fill.price === null ? null : slippagePct('sell', fill.price, reference),
      note:
        already > 0
          ? `the mirror of the leader's ${what} had sold ${formatNumber(already)} ${base}; the rest copied`
          : `the follower's mirror of the leader's ${what} was cancelled first`,
    };
  }

  // ---- internals --------------------------------------------------------------------------------

  /** Leader exits that found the mirror's cancel unconfirmed: once the venue settles it, what the mirror did not sell is sold. */
  private async settlePendingExits(link: CopyLinkRecord): Promise<void> {
    for (const mirror of this.deps.mirrors.withPendingExits(link.id))
      for (const pending of mirror.pendingExits) await this.settleExit(link, mirror, pending);
  }

  private async settleExit(link: CopyLinkRecord, mirror: MirrorRecord, pending: PendingExit): Promise<void> {
    const targetKey = /^target:(\d+)$/.exec(pending.role)?.[1];
    const mine = this.mirrorOrders(link, mirror.leaderKey);
    const matching = targetKey === undefined ? mine : mine.filter((o) => o.originRole?.endsWith(`:t${targetKey}`));
    if ((await this.cancelOpen(link, matching)) > 0) return; // still not confirmed: the next tick asks again
    const what = targetKey === undefined ? (pending.role === 'close' ? 'close' : 'stop') : `target ${targetKey}`;
    const mirrored = targetKey === undefined ? mine.filter((o) => o.originRole?.endsWith(':stop')) : matching;
    const already = filledOf(this.refresh(mirrored));
    const current = this.deps.mirrors.get(link.id, mirror.leaderKey) ?? mirror;
    const copied = this.copiedOf(link, current.desired.entryOrderId).amount;
    const expected = current.desired.entryAmount > 0 ? (copied * pending.amount) / current.desired.entryAmount : 0;
    const left = copied - this.soldFor(link, current);
    const copies = this.deps.copyOrders(link);
    const held = (this.deps.positions(link, copies).get(mirror.symbol)?.amount ?? 0) - this.deps.pendingSells(copies, mirror.symbol);
    const model = await this.deps.markets.market(link.followerAccountId, mirror.symbol);
    const base = model.rules.base;
    const amount = model.precision.amount(floorToStep(Math.max(0, Math.min(expected - already, left, held)), model.rules.amountStep));
    const label = `The leader's ${what}, held back while the follower's mirror was being cancelled`;
    const eventId = `protect:${mirror.leaderKey}:exit:${pending.orderId}`;
    const clientOrderId = derivedClientOrderId(link.followerAccountId, `${mirror.leaderKey}|exit|${pending.orderId}|${link.id}`);
    const done = async (reason: string, sold: number | null = null) => {
      this.deps.mirrors.setPendingExit(link.id, mirror.leaderKey, pending, false);
      await this.row(link, current, eventId, reason, sold);
    };
    const recorded = this.deps.orders.repo.get(link.followerAccountId, clientOrderId);
    // Recorded before a restart: never sent twice, only said.
    if (recorded) return done(`${label}: sold ${formatNumber(recorded.amount)} ${base} at market.`, recorded.amount);
    if (!(amount > 0)) return done(`${label}: the mirror sold ${formatNumber(already)} ${base}; nothing more to sell.`);
    const quote = await this.deps.orders
      .venue(link.followerAccountId)
      .quote(mirror.symbol)
      .catch(() => null);
    const price = quote?.bid ?? quote?.last ?? pending.price;
    if (price === null) return; // no price to judge the minimum: the next tick tries again
    if (isDust(amount, price, model.rules))
      return done(`${label}: the ${formatNumber(amount)} ${base} left is below the venue's minimum order; it was left as it is.`);
    try {
      await this.deps.orders.submit({
        accountId: link.followerAccountId,
        symbol: mirror.symbol,
        side: 'sell',
        type: 'market',
        amount: asAmount(amount),
        price: null,
        stopPrice: null,
        origin: 'copy',
        originId: link.id,
        // Counted by soldFor as a copy of this leader exit (its order id is in the mirror's exits).
        originRole: `copy:${pending.orderId}@pending-exit`,
        clientOrderId,
      });
    } catch (error) {
      // Never re-sent blindly: the refusal is said and the person decides.
      return done(`${label}: the sell of ${formatNumber(amount)} ${base} was refused: ${message(error)}; the position is still held.`);
    }
    await done(`${label}: the venue confirmed the cancel; sold ${formatNumber(amount)} ${base} at market.`, amount);
  }

  private mirrorOrders(link: CopyLinkRecord, key: string): OrderRow[] {
    return this.deps.copyOrders(link).filter((o) => o.originRole?.startsWith(mirrorPrefix(key)));
  }

  /**
   * What has been sold of one mirrored position: its mirror's fills and the copies of the leader's
   * exits of it (one still working counts at its full amount: it is selling).
   */
  private soldFor(link: CopyLinkRecord, mirror: MirrorRecord): number {
    const copies = this.deps.copyOrders(link);
    const mirrorFills = filledOf(copies.filter((o) => o.originRole?.startsWith(mirrorPrefix(mirror.leaderKey))));
    const exits = copies.filter((o) => o.side === 'sell' && mirror.exits.some((orderId) => o.originRole?.startsWith(`copy:${orderId}@`)));
    return mirrorFills + exits.reduce((sum, o) => sum + (isFinal(o.status) ? o.filled : Math.max(o.amount, o.filled)), 0);
  }

  /** The ledger's current rows for these orders (after a cancel). */
  private refresh(orders: readonly OrderRow[]): OrderRow[] {
    return orders.map((o) => this.deps.orders.repo.get(o.accountId, o.clientOrderId) ?? o);
  }

  /** Cancels the orders not yet final and returns how many are still not final (a cancel the venue has not confirmed). */
  private async cancelOpen(link: CopyLinkRecord, orders: readonly OrderRow[]): Promise<number> {
    for (const order of orders.filter((o) => !isFinal(o.status)))
      await this.deps.orders
        .cancel(order.accountId, order.clientOrderId)
        .catch((error: unknown) => this.deps.log(`copy ${link.id}: cancel mirror ${order.clientOrderId}: ${message(error)}`));
    return this.refresh(orders).filter((o) => !isFinal(o.status)).length;
  }

  /** Base the link copied of the leader's entry order (net of base fees), and whether every copy of it is final. */
  private copiedOf(link: CopyLinkRecord, entryOrderId: string): { amount: number; settled: boolean; any: boolean } {
    // A local leader's event id starts with its order id; a feed's (`#<seq>`) is found through the decision rows.
    const events = new Set(this.deps.entryEvents(link, entryOrderId).map((id) => `copy:${id}`));
    const copies = this.deps
      .copyOrders(link)
      .filter((o) => o.side === 'buy' && (o.originRole?.startsWith(`copy:${entryOrderId}@`) || events.has(o.originRole ?? '')));
    const fees = this.deps.orders.repo.feesByOrigin(link.id);
    const amount = copies.reduce((sum, o) => {
      const fee = (fees.get(`${o.accountId}|${o.clientOrderId}`) ?? [])
        .filter((f) => f.asset === o.symbol.split('/')[0])
        .reduce((s, f) => s + f.amount, 0);
      return sum + Math.max(0, o.filled - fee);
    }, 0);
    return { amount, settled: copies.every((o) => isFinal(o.status)), any: copies.length > 0 };
  }

  private async row(
    link: CopyLinkRecord,
    mirror: MirrorRecord,
    eventId: string,
    reason: string,
    amount: number | null = null,
  ): Promise<void> {
    const now = this.deps.now();
    await this.deps.record({
      linkId: link.id,
      eventId,
      leaderOrder: null,
      cumulative: null,
      leaderCost: null,
      at: now,
      outcome: 'closed',
      leaderSymbol: mirror.desired.symbol,
      followerSymbol: mirror.symbol,
      side: 'sell',
      leaderAmount: 0,
      leaderPrice: 0,
      leaderFilledAt: now,
      amount,
      clientOrderId: null,
      followerPrice: null,
      delayMs: null,
      slippagePct: null,
      reason,
    });
    this.deps.linksChanged([link.id]);
  }

  private describe(desired: LeaderProtection, targets: number): string {
    const parts: string[] = [];
    if (desired.stopPrice !== null) parts.push(`stop ${formatNumber(desired.stopPrice)}`);
    if (desired.trailingPct !== null) parts.push(`trailing stop ${formatNumber(desired.trailingPct)} %`);
    parts.push(`${targets} target${targets === 1 ? '' : 's'}`);
    return parts.join(', ').replace(/, (?=[^,]*$)/, ' and ');
  }

  /** Brings one mirror in line with the leader's latest protection. */
  private async reconcile(link: CopyLinkRecord, key: string): Promise<void> {
    const mirror = this.deps.mirrors.get(link.id, key);
    if (!mirror) return;
    const desired = mirror.desired;
    const mine = this.mirrorOrders(link, key);
    if (desired.state === 'cancelled') {
      const resting = mine.filter((o) => !isFinal(o.status) && o.originRole?.includes(':t')).length;
      if ((await this.cancelOpen(link, mine)) > 0) return; // the tick comes back once the venue confirmed
      const mirrored = mirror.applied !== null && mirror.applied !== 'cancelled';
      this.deps.mirrors.patch(link.id, key, { applied: 'cancelled' });
      if (mirrored)
        await this.row(
          link,
          mirror,
          `protect:${key}:cancelled`,
          `The leader's bracket ended or was cancelled: ${resting} mirrored target${resting === 1 ? '' : 's'} cancelled${desired.stopPrice !== null || desired.trailingPct !== null ? ', the stop dropped' : ''}; the position is kept.`,
        );
      return;
    }
    // A paused or stopped link still moves its mirror with the leader: it protects coins already held
    // (a link that copied nothing of the entry places nothing).
    const revision = mirrorTag(mirror);
    // The previous revision's orders go first: both would hold the same coins.
    if (
      (await this.cancelOpen(
        link,
        mine.filter((o) => !o.originRole?.startsWith(`${mirrorPrefix(key)}${revision}:`)),
      )) > 0
    )
      return;
    const copied = this.copiedOf(link, desired.entryOrderId);
    if (!copied.settled) return; // a copy of the entry is still working: sized once it is final
    const moved = mirror.applied !== null;
    if (!(copied.amount > 0)) {
      this.deps.mirrors.patch(link.id, key, { applied: revision });
      if (copied.any || moved)
        await this.row(
          link,
          mirror,
          `protect:${key}:${revision}`,
          "The leader's take-profit/stop was not mirrored: nothing of its entry is held here.",
        );
      return;
    }
    let model: MarketModel;
    try {
      model = await this.deps.markets.market(link.followerAccountId, mirror.symbol);
    } catch (error) {
      this.deps.log(`copy ${link.id}: ${mirror.symbol} cannot be traded on the follower account: ${message(error)}`);
      return;
    }
    const { rules, precision } = model;
    const copies = this.deps.copyOrders(link);
    // This revision's own orders (recorded before a restart) are part of the mirror being placed, not sells competing with it.
    const current = this.refresh(mine).filter((o) => o.originRole?.startsWith(`${mirrorPrefix(key)}${revision}:`) && !isFinal(o.status));
    const held = Math.max(
      0,
      (this.deps.positions(link, copies).get(mirror.symbol)?.amount ?? 0) -
        this.deps.pendingSells(copies, mirror.symbol) +
        current.reduce((sum, o) => sum + Math.max(0, o.amount - o.filled), 0),
    );
    const free = Math.max(0, Math.min(held, copied.amount - this.soldFor(link, mirror)));
    const open = desired.targets.filter((t) => !t.done);
    const amounts: number[] = splitTargets(
      copied.amount,
      free,
      open.map((t) => t.share),
      rules.amountStep,
      true,
    ).map(Number);
    const notes: string[] = [];
    // A target below the venue's minimum is merged into the last one; never rounded up.
    for (let i = 0; i < open.length - 1; i++) {
      if (amounts[i]! > 0 && isDust(amounts[i]!, open[i]!.price, rules)) {
        notes.push(`target at ${formatNumber(open[i]!.price)} was below the minimum and merged into the last one`);
        amounts[open.length - 1] = precision.amount(floorToStep(amounts[open.length - 1]! + amounts[i]!, rules.amountStep));
        amounts[i] = 0;
      }
    }
    const placed: string[] = [];
    for (const [i, target] of open.entries()) {
      const amount = amounts[i]!;
      const price = precision.price(target.price);
      if (!(amount > 0)) continue;
      if (isDust(amount, price, rules)) {
        notes.push(`${formatNumber(amount)} ${rules.base} at ${formatNumber(price)} is below the venue's minimum order and was not placed`);
        continue;
      }
      const clientOrderId = derivedClientOrderId(link.followerAccountId, `${key}|${revision}|${target.key}|${link.id}`);
      placed.push(`${formatNumber(amount)} ${rules.base} at ${formatNumber(price)}`);
      if (this.deps.orders.repo.get(link.followerAccountId, clientOrderId)) continue; // recorded before a restart: never placed twice
      try {
        await this.deps.orders.submit({
          accountId: link.followerAccountId,
          symbol: mirror.symbol,
          side: 'sell',
          type: 'limit',
          amount: asAmount(amount),
          price,
          stopPrice: null,
          origin: 'copy',
          originId: link.id,
          originRole: targetRole(key, revision, target.key),
          clientOrderId,
        });
      } catch (error) {
        placed.pop();
        notes.push(`the target at ${formatNumber(price)} was refused: ${message(error)}`);
      }
    }
    this.deps.mirrors.patch(link.id, key, { applied: revision, extreme: mirror.extreme });
    const what = this.describe(desired, placed.length);
    await this.row(
      link,
      mirror,
      `protect:${key}:${revision}`,
      `${moved ? "Moved to the leader's" : "Copied the leader's"} ${what}${placed.length > 0 ? `: ${placed.join(', ')}` : ''}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
    );
  }

  /** The mirrored stop and trailing stop against the follower's price; reached → the targets are cancelled, then the rest sold at market. */
  private async watchStop(link: CopyLinkRecord, mirror: MirrorRecord): Promise<void> {
    const desired = mirror.desired;
    if (desired.stopPrice === null && desired.trailingPct === null) return;
    const quote = await this.deps.orders
      .venue(link.followerAccountId)
      .quote(mirror.symbol)
      .catch(() => null);
    if (!quote) return;
    const price = quote.last;
    // The stop in force before this price is checked first (never a better fill than reality), then the extreme moves.
    const stop = mirroredStop(desired, mirror.extreme ?? (desired.trailingPct !== null ? price : null));
    if (stop === null || price > stop) {
      if (desired.trailingPct !== null && (mirror.extreme === null || price > mirror.extreme))
        this.deps.mirrors.patch(link.id, mirror.leaderKey, { extreme: price });
      return;
    }
    const mine = this.mirrorOrders(link, mirror.leaderKey);
    if ((await this.cancelOpen(link, mine)) > 0) return; // a target still holds coins; the next tick sells
    const model = await this.deps.markets.market(link.followerAccountId, mirror.symbol);
    const copies = this.deps.copyOrders(link);
    const held = Math.max(
      0,
      (this.deps.positions(link, copies).get(mirror.symbol)?.amount ?? 0) - this.deps.pendingSells(copies, mirror.symbol),
    );
    const left =
      this.copiedOf(link, desired.entryOrderId).amount - this.soldFor(link, this.deps.mirrors.get(link.id, mirror.leaderKey) ?? mirror);
    const amount = model.precision.amount(floorToStep(Math.max(0, Math.min(held, left)), model.rules.amountStep));
    const label = `The leader's ${desired.trailingPct !== null && stop !== desired.stopPrice ? 'trailing stop' : 'stop'} ${formatNumber(stop)} was reached (last ${formatNumber(price)})`;
    const tag = mirrorTag(mirror);
    const eventId = `protect:${mirror.leaderKey}:${tag}:stop`;
    const clientOrderId = derivedClientOrderId(link.followerAccountId, `${mirror.leaderKey}|${tag}|stop|${link.id}`);
    const recorded = this.deps.orders.repo.get(link.followerAccountId, clientOrderId);
    if (recorded) {
      // Recorded before a restart: never sent twice, only marked and said.
      this.deps.mirrors.patch(link.id, mirror.leaderKey, { stopped: true });
      const refused = (recorded.status === 'rejected' || recorded.status === 'failed') && recorded.filled === 0;
      await this.row(
        link,
        mirror,
        eventId,
        refused
          ? `${label}: the sell of ${formatNumber(recorded.amount)} ${model.rules.base} was ${recorded.status}${recorded.error ? `: ${recorded.error}` : ''}; the position is still held.`
          : `${label}: sold ${formatNumber(recorded.amount)} ${model.rules.base} at market.`,
        recorded.amount,
      );
      return;
    }
    if (isDust(amount, price, model.rules)) {
      this.deps.mirrors.patch(link.id, mirror.leaderKey, { stopped: true });
      await this.row(
        link,
        mirror,
        eventId,
        `${label}: the ${formatNumber(amount)} ${model.rules.base} left is below the venue's minimum order; it was left as it is.`,
      );
      return;
    }
    try {
      await this.deps.orders.submit({
        accountId: link.followerAccountId,
        symbol: mirror.symbol,
        side: 'sell',
        type: 'market',
        amount,
        price: null,
        stopPrice: null,
        origin: 'copy',
        originId: link.id,
        originRole: stopRole(mirror.leaderKey, tag),
        clientOrderId,
      });
    } catch (error) {
      // Never re-sent blindly: the stop is marked done and the refusal said; the person decides.
      this.deps.mirrors.patch(link.id, mirror.leaderKey, { stopped: true });
      await this.row(
        link,
        mirror,
        eventId,
        `${label}: the sell of ${formatNumber(amount)} ${model.rules.base} was refused: ${message(error)}; the position is still held.`,
      );
      return;
    }
    // Marked only once the sell is recorded: a crash before it leaves the stop watched, and its derived id keeps it single.
    this.deps.mirrors.patch(link.id, mirror.leaderKey, { stopped: true });
    await this.row(link, mirror, eventId, `${label}: sold ${formatNumber(amount)} ${model.rules.base} at market.`, amount);
  }
}
