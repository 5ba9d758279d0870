/**
 * Following remote feeds: one subscription per feed leader (URL + pinned key), shared by every
 * link that follows it. Each event is checked in order — signed, signature valid for the pinned
 * key, of this feed, the next sequence number — and only then becomes a `LeaderFill` for the same
 * follow engine as every other leader (so its rules, crash safety and copy log apply unchanged).
 * What fails a check is refused: a copy-log row on each link with the reason, nothing copied.
 * A gap (a sequence number skipped) is filled from the feed's pages; what cannot be filled is
 * said in the log, never skipped silently. The last applied sequence is stored after the engine
 * decided the event, so a restart resumes from it (an event decided but not yet counted is
 * handed in again and found by its decision row: no copy twice). Reconnects back off 1 s … 60 s.
 */
import { createHash, type KeyObject } from 'node:crypto';
import type { CopyLogEntry } from '../../../../shared/ipc/schemas/copy';
import { logEntry, type CopyRepo } from '../copy-repo';
import type { LeaderFill } from '../leader-fill';
import type { LeaderProtection } from '../leader-protection';
import { fetchFeedPage, readFeedStream } from './feed-client';
import { FEED_PAGE_MAX } from './feed-http';
import { parsePublicKey, verifyFeedEvent, type FeedEvent, type VerifyResult } from './feed-event';
import type { FeedRepo } from './feed-repo';
import { displayUrl, parseFeedUrl } from './feed-url';

export interface FeedRetryPolicy {
  baseMs: number;
  maxMs: number;
}

export interface FeedSubscriberDeps {
  copyRepo: CopyRepo;
  feedRepo: FeedRepo;
  /** Hands a verified fill to the follow engine; resolves once every link decided it. */
  deliver: (fill: LeaderFill) => Promise<void>;
  /** Hands a verified take-profit/stop to the links that mirror it; resolves once each applied it. */
  protect: (protection: LeaderProtection) => Promise<void>;
  emitLog: (entry: CopyLogEntry) => void;
  linksChanged: (ids: string[]) => void;
  log: (line: string) => void;
  now?: () => number;
  retry?: FeedRetryPolicy;
}

const DEFAULT_RETRY: FeedRetryPolicy = { baseMs: 1_000, maxMs: 60_000 };
const STATUS_PREFIX = 'Feed: ';
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class FeedSubscriptions {
  private readonly subscriptions = new Map<string, FeedSubscription>();

  constructor(private readonly deps: FeedSubscriberDeps) {}

  /** Opens a subscription for every feed leader some link follows, closes the ones nobody follows any more. */
  sync(): void {
    const wanted = new Map<string, { url: string; publicKey: string }>();
    for (const link of this.deps.copyRepo.list())
      if (link.leader.kind === 'feed' && !wanted.has(link.leaderId)) wanted.set(link.leaderId, link.leader);
    for (const [leaderId, subscription] of this.subscriptions)
      if (!wanted.has(leaderId)) {
        this.subscriptions.delete(leaderId);
        void subscription.close();
        this.deps.feedRepo.dropCursor(leaderId);
      }
    for (const [leaderId, leader] of wanted) {
      if (this.subscriptions.has(leaderId)) continue;
      const key = parsePublicKey(leader.publicKey);
      if ('error' in key) {
        this.deps.log(`copy feed ${displayUrl(leader.url)}: the stored public key ${key.error}; not following it`);
        continue;
      }
      const subscription = new FeedSubscription(leaderId, parseFeedUrl(leader.url), key, this.deps);
      this.subscriptions.set(leaderId, subscription);
      subscription.start();
    }
  }

  /** Waits until every event received so far has been decided (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.idle()));
  }

  async close(): Promise<void> {
    const all = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(all.map((s) => s.close()));
  }
}

class FeedSubscription {
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly retry: FeedRetryPolicy;
  private chain: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly leaderId: string,
    private readonly feed: { url: string; feedId: string },
    private readonly key: KeyObject,
    private readonly deps: FeedSubscriberDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  start(): void {
    this.loop = this.run();
  }

  idle(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.loop;
    await this.chain;
  }

  private cursor(): number {
    return this.deps.feedRepo.cursor(this.leaderId) ?? 0;
  }

  /** Reads the stream from the last applied sequence; after it ends or fails, waits (backing off) and reads again. */
  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      let problem: string;
      try {
        await readFeedStream(this.feed.url, this.cursor(), this.abort.signal, {
          onOpen: () => {
            attempt = 0;
            this.showStatus(null);
          },
          onEvent: (data) => {
            this.chain = this.chain
              .then(() => this.receive(data))
              .catch((error: unknown) => this.deps.log(`copy feed ${displayUrl(this.feed.url)}: ${message(error)}`));
          },
        });
        problem = `${displayUrl(this.feed.url)} closed the stream`;
      } catch (error) {
        problem = message(error);
      }
      // Everything received is decided before reading again, so the stream resumes after the last applied event.
      await this.chain;
      if (this.closed) return;
      const delay = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** Math.min(attempt, 16));
      attempt++;
      this.showStatus(`${problem}; reconnecting in ${Math.round(delay / 100) / 10} s.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.abort.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }

  /** One event off the stream: checked, then applied, refused, or (after a gap) applied once the gap is dealt with. */
  private async receive(data: unknown): Promise<void> {
    if (this.closed) return;
    const checked = this.check(data);
    if (!checked) return;
    const cursor = this.cursor();
    if (checked.seq <= cursor) {
      this.refuse(data, `sequence #${checked.seq} was already applied (this follower is at #${cursor}): a replayed event`, checked);
      return;
    }
    if (checked.seq > cursor + 1) await this.fillGap(checked.seq);
    await this.apply(checked);
  }

  /** The event if it is signed by the pinned key and belongs to this feed; else refused (logged) and null. */
  private check(data: unknown): FeedEvent | null {
    const result: VerifyResult = verifyFeedEvent(data, this.key);
    if (!result.ok) {
      this.refuse(data, result.reason, result.claimed);
      return null;
    }
    if (result.event.feed !== this.feed.feedId) {
      this.refuse(data, `it belongs to feed ${result.event.feed}, not to ${this.feed.feedId}`, result.event);
      return null;
    }
    return result.event;
  }

  /**
   * Fetches the events between the last applied one and `seq` from the feed's pages and applies
   * them in order. What stays missing is said on every link (nothing copied for it), and the feed
   * goes on from `seq`.
   */
  private async fillGap(seq: number): Promise<void> {
    const first = this.cursor() + 1;
    let why = 'the feed did not return them';
    try {
      while (this.cursor() < seq - 1 && !this.closed) {
        const before = this.cursor();
        const page = await fetchFeedPage(this.feed.url, before, Math.min(FEED_PAGE_MAX, seq - 1 - before), this.abort.signal);
        for (const data of page.events) {
          const event = this.check(data);
          if (event && event.seq === this.cursor() + 1 && event.seq < seq) await this.apply(event);
        }
        if (this.cursor() === before) break;
      }
    } catch (error) {
      why = `fetching them failed: ${message(error)}`;
    }
    const cursor = this.cursor();
    if (cursor >= seq - 1) return;
    const range = cursor + 1 === seq - 1 ? `#${seq - 1}` : `#${cursor + 1}–#${seq - 1}`;
    this.record(
      `gap:${cursor + 1}-${seq - 1}`,
      {},
      `Feed events ${range} of ${displayUrl(this.feed.url)} are missing: the stream skipped from #${first - 1} to #${seq} and ${why}. Nothing was copied for them — check the leader's trades — and the feed goes on from #${seq}.`,
    );
    this.deps.feedRepo.setCursor(this.leaderId, seq - 1, this.now());
  }

  private async apply(event: FeedEvent): Promise<void> {
    // Leader positions and orders are digests on the feed; prefixed with the feed id as fills' orders are, so they match.
    const id = (digest: string) => `${event.feed}|${digest}`;
    if ('protection' in event) {
      const p = event.protection;
      await this.deps.protect({
        leaderId: this.leaderId,
        key: id(p.key),
        entryOrderId: id(p.entryOrder),
        entryAmount: p.entryAmount,
        symbol: p.symbol,
        revision: p.revision,
        targets: p.targets,
        stopPrice: p.stopPrice,
        trailingPct: p.trailingPct,
        state: p.state,
      });
    } else {
      const fill = event.fill;
      await this.deps.deliver({
        leaderId: this.leaderId,
        eventId: `#${event.seq}`,
        symbol: fill.symbol,
        side: fill.side,
        amount: fill.cumulative,
        price: fill.price,
        filledAt: fill.filledAt,
        fillOf: {
          orderId: id(fill.order),
          cumulative: fill.cumulative,
          cost: fill.cost,
          ...(fill.openedAt === null ? {} : { openedAt: fill.openedAt }),
        },
        ...(fill.exitOf ? { exitOf: { key: id(fill.exitOf.key), role: fill.exitOf.role } } : {}),
      });
    }
    this.deps.feedRepo.setCursor(this.leaderId, event.seq, this.now());
  }

  private refuse(
    data: unknown,
    why: string,
    claimed: {
      seq?: number;
      symbol?: string;
      side?: 'buy' | 'sell';
      cumulative?: number;
      fill?: { symbol: string; side: 'buy' | 'sell'; cumulative: number };
    },
  ): void {
    const digest = createHash('sha256')
      .update(typeof data === 'string' ? data : (JSON.stringify(data) ?? 'undefined'))
      .digest('base64url')
      .slice(0, 16);
    const number = claimed.seq === undefined ? 'without a sequence number' : `#${claimed.seq}`;
    this.record(
      `refused:${digest}`,
      {
        symbol: claimed.fill?.symbol ?? claimed.symbol,
        side: claimed.fill?.side ?? claimed.side,
        amount: claimed.fill?.cumulative ?? claimed.cumulative,
      },
      `Refused feed event ${number} from ${displayUrl(this.feed.url)}: ${why}. Nothing was copied.`,
    );
  }

  /** One row on each link of this leader (once per event id), as the engine writes its decisions. */
  private record(eventId: string, claimed: { symbol?: string; side?: 'buy' | 'sell'; amount?: number }, reason: string): void {
    const now = this.now();
    this.deps.log(`copy feed: ${reason}`);
    for (const link of this.deps.copyRepo.byLeader(this.leaderId)) {
      if (this.deps.copyRepo.hasEvent(link.id, eventId)) continue;
      const row = this.deps.copyRepo.insertLog({
        linkId: link.id,
        eventId,
        leaderOrder: null,
        cumulative: null,
        leaderCost: null,
        at: now,
        outcome: 'skipped',
        // What an unverified event claims, for the person reading the log; '?' when it claims nothing readable.
        leaderSymbol: claimed.symbol ?? '?',
        followerSymbol: null,
        side: claimed.side ?? 'buy',
        leaderAmount: claimed.amount ?? 0,
        leaderPrice: 0,
        leaderFilledAt: now,
        amount: null,
        clientOrderId: null,
        followerPrice: null,
        delayMs: null,
        slippagePct: null,
        reason,
      });
      this.deps.emitLog(logEntry(row));
    }
  }

  /** The connection's trouble on each active link's status line (cleared once connected); logged once per change. */
  private showStatus(problem: string | null): void {
    const next = problem === null ? null : `${STATUS_PREFIX}${problem}`;
    const changed: string[] = [];
    for (const link of this.deps.copyRepo.byLeader(this.leaderId)) {
      if (link.status !== 'active' || link.statusReason === next) continue;
      if (next === null && !link.statusReason?.startsWith(STATUS_PREFIX)) continue;
      this.deps.copyRepo.setStatus(link.id, 'active', next, this.now());
      changed.push(link.id);
    }
    if (changed.length === 0) return;
    this.deps.linksChanged(changed);
    this.deps.log(`copy feed ${displayUrl(this.feed.url)}: ${problem ?? 'connected'}`);
  }
}
