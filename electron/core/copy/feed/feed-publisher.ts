/**
 * Publishing a leader's fills as a signed feed. A feed follows one leader of this Tradewind (an
 * account or a bot, the same `LeaderFill`s the local follow engine reads from the ledger); every
 * new fill state becomes one event, numbered per feed and signed with the feed's Ed25519 key, and
 * is stored signed before anyone is told. The private key lives in the secret store (entry
 * `copy-feed-<feedId>/v1`) and in core's memory while the feed exists; SQLite holds the public key.
 * Fills recorded while the key could not be read (a locked keychain) are published from the
 * ledger once it can be, so a follower sees every fill, in the order they were published.
 */
import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import type { FeedInput, FeedView } from '../../../../shared/ipc/schemas/copy-feed';
import { TradewindError } from '../../../../shared/ipc/errors';
import { rememberSecrets } from '../../logs/live-secrets';
import type { OrderRow, OrdersRepo } from '../../orders/orders-repo';
import type { SecretStore } from '../../secrets/secret-store';
import { leaderIdOf, type LeaderFill } from '../leader-fill';
import type { LeaderProtection } from '../leader-protection';
import { leaderFillsOf } from '../ledger-leaders';
import { generateFeedKeyPair, privateKeyFromDer, signFeedEvent, type FeedEvent, type SignedFeedEvent } from './feed-event';
import type { FeedRecord, FeedRepo } from './feed-repo';
import { FEED_PATH_PREFIX } from './feed-url';

export interface FeedPublisherDeps {
  repo: FeedRepo;
  orders: OrdersRepo;
  secrets: () => Promise<SecretStore>;
  /** The leader's name for the view, or null when there is no such account or bot. */
  leaderLabel: (leader: FeedInput['leader']) => string | null;
  /** The headless host serves `/feeds/…`; the desktop app does not. */
  servedHere: boolean;
  log: (line: string) => void;
  now?: () => number;
}

type Listener = (body: string) => void;

const refOf = (feedId: string) => ({ accountId: `copy-feed-${feedId}`, version: 1 });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The leader order as followers see it: a digest, so no account or client order id leaves this host. */
export function opaqueOrderId(orderId: string): string {
  return createHash('sha256').update(orderId, 'utf8').digest('base64url').slice(0, 22);
}

export class FeedPublisher {
  private readonly keys = new Map<string, KeyObject>();
  private readonly problems = new Map<string, string>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly now: () => number;

  constructor(private readonly deps: FeedPublisherDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Reads each feed's key and, in the same step, publishes the ledger's fills the feed has not
   * published yet (host down, keychain locked): a live fill observed once the key is there must
   * come after them, or a follower would copy a sell before the buy it closes.
   */
  async start(): Promise<void> {
    for (const feed of this.deps.repo.list()) await this.loadKey(feed);
  }

  /** The ledger changed an order: a filled state of a feed's leader becomes an event. */
  observe(order: OrderRow): void {
    const fills = leaderFillsOf(order);
    if (fills.length === 0) return;
    for (const feed of this.deps.repo.list())
      for (const fill of fills) if (fill.leaderId === feed.leaderId && order.createdAt >= feed.createdAt) this.publish(feed, fill);
  }

  /**
   * A leader position's take-profit/stop changed (a bracket placed, moved, filled or cancelled):
   * each feed of that leader publishes its whole current state once per revision and state.
   */
  observeProtection(protection: LeaderProtection): void {
    for (const feed of this.deps.repo.list()) {
      // Brackets are an account's (no bot kind places them): an account feed carries them.
      if (protection.leaderId !== feed.leaderId) continue;
      this.append(feed, `protect:${protection.key}:${protection.revision}:${protection.state}`, (seq) => ({
        v: 1,
        feed: feed.id,
        seq,
        publishedAt: this.now(),
        protection: {
          key: opaqueOrderId(protection.key),
          entryOrder: opaqueOrderId(protection.entryOrderId),
          entryAmount: protection.entryAmount,
          symbol: protection.symbol,
          revision: protection.revision,
          targets: protection.targets,
          stopPrice: protection.stopPrice,
          trailingPct: protection.trailingPct,
          state: protection.state,
        },
      }));
    }
  }

  async create(input: FeedInput): Promise<FeedView> {
    const label = this.deps.leaderLabel(input.leader);
    if (label === null)
      throw new TradewindError(
        'not_found',
        input.leader.kind === 'account'
          ? `There is no account "${input.leader.accountId}" to publish; pick a connected account.`
          : `There is no bot "${input.leader.botId}" to publish; pick one of your bots.`,
      );
    const leaderId = leaderIdOf(input.leader);
    const same = this.deps.repo.list().find((f) => f.leaderId === leaderId);
    if (same) throw new TradewindError('invalid_input', `"${same.name}" already publishes ${label}; give followers its URL and key.`);
    const id = randomUUID();
    const pair = generateFeedKeyPair();
    // The key is in the secret store before the feed exists: a feed never stands without its key.
    await (await this.deps.secrets()).set(refOf(id), { privateKey: pair.privateKeyDer });
    rememberSecrets(pair.privateKeyDer);
    const feed: FeedRecord = { id, name: input.name, leader: input.leader, leaderId, publicKey: pair.publicKey, createdAt: this.now() };
    this.deps.repo.insert(feed);
    this.keys.set(id, privateKeyFromDer(pair.privateKeyDer));
    return this.view(feed);
  }

  async delete(id: string): Promise<boolean> {
    if (!this.deps.repo.get(id)) return false;
    await (await this.deps.secrets()).delete(refOf(id));
    this.keys.delete(id);
    this.problems.delete(id);
    for (const listener of this.listeners.get(id) ?? []) listener('');
    this.listeners.delete(id);
    return this.deps.repo.delete(id);
  }

  list(): FeedView[] {
    return this.deps.repo.list().map((feed) => this.view(feed));
  }

  exists(feedId: string): boolean {
    return this.deps.repo.get(feedId) !== undefined;
  }

  /** Signed events after `after` (their stored JSON text, oldest first) and the latest sequence number. */
  page(feedId: string, after: number, limit: number): { head: number; events: string[] } | null {
    if (!this.deps.repo.get(feedId)) return null;
    return { head: this.deps.repo.lastSeq(feedId), events: limit > 0 ? this.deps.repo.eventsAfter(feedId, after, limit) : [] };
  }

  /** New events of a feed as they are stored (an empty body: the feed was deleted). */
  listen(feedId: string, listener: Listener): () => void {
    let set = this.listeners.get(feedId);
    if (!set) this.listeners.set(feedId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(feedId) === set) this.listeners.delete(feedId);
    };
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  private async loadKey(feed: FeedRecord): Promise<void> {
    try {
      const entry = await (await this.deps.secrets()).get(refOf(feed.id));
      if (!entry?.privateKey) throw new Error('its private key is not in the secret store');
      rememberSecrets(entry.privateKey);
      this.keys.set(feed.id, privateKeyFromDer(entry.privateKey));
      this.problems.delete(feed.id);
    } catch (error) {
      const problem = `The feed cannot sign: ${message(error)}. Its fills are published once the key can be read (restart after unlocking the keychain), or delete the feed and make a new one.`;
      this.problems.set(feed.id, problem);
      this.deps.log(`copy feed ${feed.id}: ${problem}`);
    }
    // No await between the key and the catch-up: nothing can be published live in between.
    if (this.keys.has(feed.id)) this.catchUp(feed);
  }

  private catchUp(feed: FeedRecord): void {
    const by = feed.leader.kind === 'account' ? { accountId: feed.leader.accountId } : { originId: feed.leader.botId };
    for (const order of this.deps.orders.filledSince(by, feed.createdAt))
      for (const fill of leaderFillsOf(order)) if (fill.leaderId === feed.leaderId) this.publish(feed, fill);
  }

  private publish(feed: FeedRecord, fill: LeaderFill): void {
    this.append(feed, fill.eventId, (seq) => ({
      v: 1,
      feed: feed.id,
      seq,
      publishedAt: this.now(),
      fill: {
        order: opaqueOrderId(fill.fillOf.orderId),
        symbol: fill.symbol,
        side: fill.side,
        cumulative: fill.fillOf.cumulative,
        cost: fill.fillOf.cost,
        price: fill.price,
        filledAt: fill.filledAt,
        openedAt: fill.fillOf.openedAt ?? null,
        ...(fill.exitOf ? { exitOf: { key: opaqueOrderId(fill.exitOf.key), role: fill.exitOf.role } } : {}),
      },
    }));
  }

  /** Numbers, signs and stores one event (once per key), then tells the feed's readers. */
  private append(feed: FeedRecord, eventKey: string, build: (seq: number) => FeedEvent): void {
    const key = this.keys.get(feed.id);
    if (!key) return; // fills are published from the ledger once the key is readable (start())
    let signed: SignedFeedEvent | null;
    try {
      signed = this.deps.repo.append(feed.id, eventKey, (seq) => signFeedEvent(build(seq), key));
    } catch (error) {
      this.deps.log(`copy feed ${feed.id}: event ${eventKey} could not be published: ${message(error)}`);
      return;
    }
    if (!signed) return;
    const body = JSON.stringify(signed);
    for (const listener of this.listeners.get(feed.id) ?? []) listener(body);
  }

  private view(feed: FeedRecord): FeedView {
    return {
      id: feed.id,
      name: feed.name,
      leader: feed.leader,
      leaderLabel: this.deps.leaderLabel(feed.leader) ?? (feed.leader.kind === 'account' ? feed.leader.accountId : feed.leader.botId),
      publicKey: feed.publicKey,
      path: `${FEED_PATH_PREFIX}${feed.id}`,
      lastSeq: this.deps.repo.lastSeq(feed.id),
      createdAt: feed.createdAt,
      servedHere: this.deps.servedHere,
      problem: this.problems.get(feed.id) ?? null,
    };
  }
}
