/** A link's mirrors of its leader's take-profit/stop (table `copy_mirrors`, one row per link and leader position). */
import type { Db } from '../db/connection';
import type { LeaderProtection } from './leader-protection';

export interface MirrorRecord {
  linkId: string;
  leaderKey: string;
  desired: LeaderProtection;
  /** The revision the follower's orders match; `cancelled` once dropped; null before the first placement. */
  applied: string | null;
  symbol: string;
  extreme: number | null;
  stopped: boolean;
  /** Bumped on every change of the leader's protection: part of the follower's order ids, so a revision seen again is placed anew. */
  generation: number;
  /** Leader exit orders of this position copied as sells (`LeaderFill.fillOf.orderId`): they sold this position's coins too. */
  exits: string[];
  /** Leader exits waiting for the mirror's cancel to be confirmed by the venue; the tick sells what the mirror did not. */
  pendingExits: PendingExit[];
}

export interface PendingExit {
  /** The leader exit order (`LeaderFill.fillOf.orderId`), already in `exits`. */
  orderId: string;
  /** `target:<n>`, `stop` or `close`. */
  role: string;
  /** The leader's exit amount and price. */
  amount: number;
  price: number | null;
}

interface Raw {
  link_id: string;
  leader_key: string;
  desired_json: string;
  applied: string | null;
  symbol: string;
  extreme: number | null;
  stopped: number;
  generation: number;
  exits_json: string;
  pending_exits_json: string;
}

const toRecord = (r: Raw): MirrorRecord => ({
  linkId: r.link_id,
  leaderKey: r.leader_key,
  desired: JSON.parse(r.desired_json) as LeaderProtection,
  applied: r.applied,
  symbol: r.symbol,
  extreme: r.extreme,
  stopped: r.stopped === 1,
  generation: r.generation,
  exits: JSON.parse(r.exits_json) as string[],
  pendingExits: JSON.parse(r.pending_exits_json) as PendingExit[],
});

export class MirrorsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  get(linkId: string, leaderKey: string): MirrorRecord | undefined {
    const raw = this.db.prepare('SELECT * FROM copy_mirrors WHERE link_id = ? AND leader_key = ?').get(linkId, leaderKey) as
      Raw | undefined;
    return raw && toRecord(raw);
  }

  /** Mirrors still to place, move or watch (the tick's work). */
  open(linkId: string): MirrorRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM copy_mirrors WHERE link_id = ? AND (applied IS NULL OR applied <> 'cancelled') ORDER BY updated_at")
        .all(linkId) as Raw[]
    ).map(toRecord);
  }

  /** Mirrors with leader exits waiting for a cancel to be confirmed (whatever their state: a leader's last exit ends the bracket). */
  withPendingExits(linkId: string): MirrorRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM copy_mirrors WHERE link_id = ? AND pending_exits_json <> '[]' ORDER BY updated_at")
        .all(linkId) as Raw[]
    ).map(toRecord);
  }

  /** Adds or removes one pending exit (written before the decision row that says it waits). */
  setPendingExit(linkId: string, leaderKey: string, exit: PendingExit, pending: boolean): void {
    const current = this.get(linkId, leaderKey);
    if (!current) return;
    const others = current.pendingExits.filter((p) => p.orderId !== exit.orderId);
    this.db
      .prepare('UPDATE copy_mirrors SET pending_exits_json = ? WHERE link_id = ? AND leader_key = ?')
      .run(JSON.stringify(pending ? [...others, exit] : others), linkId, leaderKey);
  }

  /** Stores the leader's latest protection (a new generation of the mirror); the applied state stays until it is reconciled. */
  desire(linkId: string, symbol: string, desired: LeaderProtection): MirrorRecord {
    this.db
      .prepare(
        `INSERT INTO copy_mirrors (link_id, leader_key, desired_json, applied, symbol, extreme, stopped, updated_at)
         VALUES (?, ?, ?, NULL, ?, NULL, 0, ?)
         ON CONFLICT (link_id, leader_key) DO UPDATE SET desired_json = excluded.desired_json, generation = generation + 1, updated_at = excluded.updated_at`,
      )
      .run(linkId, desired.key, JSON.stringify(desired), symbol, this.now());
    return this.get(linkId, desired.key)!;
  }

  patch(linkId: string, leaderKey: string, patch: { applied?: string | null; extreme?: number | null; stopped?: boolean }): void {
    const current = this.get(linkId, leaderKey);
    if (!current) return;
    this.db
      .prepare('UPDATE copy_mirrors SET applied = ?, extreme = ?, stopped = ?, updated_at = ? WHERE link_id = ? AND leader_key = ?')
      .run(
        patch.applied !== undefined ? patch.applied : current.applied,
        patch.extreme !== undefined ? patch.extreme : current.extreme,
        (patch.stopped ?? current.stopped) ? 1 : 0,
        this.now(),
        linkId,
        leaderKey,
      );
  }

  /** Notes a leader exit order of this position, before its copy is sent. */
  addExit(linkId: string, leaderKey: string, orderId: string): void {
    const current = this.get(linkId, leaderKey);
    if (!current || current.exits.includes(orderId)) return;
    this.db
      .prepare('UPDATE copy_mirrors SET exits_json = ? WHERE link_id = ? AND leader_key = ?')
      .run(JSON.stringify([...current.exits, orderId]), linkId, leaderKey);
  }
}
