/**
 * Signed feeds in SQLite: the feeds this host publishes (`copy_feeds`), their events as signed
 * (`copy_feed_events`, numbered per feed from 1, never renumbered: the sequence continues across
 * restarts because it is the table's own maximum), and what a follower last applied of each remote
 * feed leader (`copy_feed_cursors`).
 */
import type { FeedLeader } from '../../../../shared/ipc/schemas/copy-feed';
import type { Db } from '../../db/connection';
import type { SignedFeedEvent } from './feed-event';

export interface FeedRecord {
  id: string;
  name: string;
  leader: FeedLeader;
  /** `account:<id>` / `bot:<id>`: the `LeaderFill.leaderId` it publishes. */
  leaderId: string;
  publicKey: string;
  createdAt: number;
}

interface RawFeed {
  id: string;
  name: string;
  leader_json: string;
  leader_id: string;
  public_key: string;
  created_at: number;
}

const toFeed = (r: RawFeed): FeedRecord => ({
  id: r.id,
  name: r.name,
  leader: JSON.parse(r.leader_json) as FeedLeader,
  leaderId: r.leader_id,
  publicKey: r.public_key,
  createdAt: r.created_at,
});

export class FeedRepo {
  constructor(private readonly db: Db) {}

  list(): FeedRecord[] {
    return (this.db.prepare('SELECT * FROM copy_feeds ORDER BY created_at, id').all() as RawFeed[]).map(toFeed);
  }

  get(id: string): FeedRecord | undefined {
    const row = this.db.prepare('SELECT * FROM copy_feeds WHERE id = ?').get(id) as RawFeed | undefined;
    return row ? toFeed(row) : undefined;
  }

  insert(feed: FeedRecord): void {
    this.db
      .prepare('INSERT INTO copy_feeds (id, name, leader_json, leader_id, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(feed.id, feed.name, JSON.stringify(feed.leader), feed.leaderId, feed.publicKey, feed.createdAt);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM copy_feeds WHERE id = ?').run(id).changes > 0;
  }

  lastSeq(feedId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM copy_feed_events WHERE feed_id = ?').get(feedId) as { seq: number | null };
    return row.seq ?? 0;
  }

  /**
   * Numbers, signs and stores one event in one transaction: a leader fill state already published
   * (`eventKey`) is not published again; the next number is the stored maximum + 1.
   */
  append(feedId: string, eventKey: string, build: (seq: number) => SignedFeedEvent): SignedFeedEvent | null {
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM copy_feed_events WHERE feed_id = ? AND event_key = ?').get(feedId, eventKey)) return null;
      const signed = build(this.lastSeq(feedId) + 1);
      this.db
        .prepare('INSERT INTO copy_feed_events (feed_id, seq, event_key, body) VALUES (?, ?, ?, ?)')
        .run(feedId, signed.event.seq, eventKey, JSON.stringify(signed));
      return signed;
    })();
  }

  /** Events after `after`, oldest first, as stored (the exact signed JSON text). */
  eventsAfter(feedId: string, after: number, limit: number): string[] {
    const rows = this.db
      .prepare('SELECT body FROM copy_feed_events WHERE feed_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(feedId, after, limit) as Array<{ body: string }>;
    return rows.map((r) => r.body);
  }

  cursor(leaderId: string): number | null {
    const row = this.db.prepare('SELECT last_seq FROM copy_feed_cursors WHERE leader_id = ?').get(leaderId) as
      { last_seq: number } | undefined;
    return row?.last_seq ?? null;
  }

  setCursor(leaderId: string, seq: number, at: number): void {
    this.db
      .prepare(
        `INSERT INTO copy_feed_cursors (leader_id, last_seq, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (leader_id) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
      )
      .run(leaderId, seq, at);
  }

  /** A cursor nobody follows any more (its last link was deleted). */
  dropCursor(leaderId: string): void {
    this.db.prepare('DELETE FROM copy_feed_cursors WHERE leader_id = ?').run(leaderId);
  }
}
