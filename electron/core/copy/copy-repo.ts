/** Follow links, the copy log and positions closed by hand, in SQLite (tables `copy_links`, `copy_log`, `copy_closed`). */
import {
  CopyRulesSchema,
  type CopyLinkStatus,
  type CopyLogEntry,
  type CopyOutcome,
  type CopyRules,
  type LeaderSpec,
} from '../../../shared/ipc/schemas/copy';
import type { Db } from '../db/connection';
import { leaderIdOf } from './leader-fill';

export interface CopyLinkRecord {
  id: string;
  name: string;
  leader: LeaderSpec;
  /** `account:<id>` / `bot:<id>`: what `LeaderFill.leaderId` carries. */
  leaderId: string;
  followerAccountId: string;
  rules: CopyRules;
  status: CopyLinkStatus;
  statusReason: string | null;
  createdAt: number;
}

interface RawLink {
  id: string;
  name: string;
  leader_json: string;
  leader_id: string;
  follower_account_id: string;
  rules_json: string;
  status: CopyLinkStatus;
  status_reason: string | null;
  created_at: number;
}

const toLink = (r: RawLink): CopyLinkRecord => ({
  id: r.id,
  name: r.name,
  leader: JSON.parse(r.leader_json) as LeaderSpec,
  leaderId: r.leader_id,
  followerAccountId: r.follower_account_id,
  // Parsed: rules stored before a field existed (e.g. `protection`) read with its default.
  rules: CopyRulesSchema.parse(JSON.parse(r.rules_json)),
  status: r.status,
  statusReason: r.status_reason,
  createdAt: r.created_at,
});

/** A log row as stored: the entry plus what the engine needs to copy partial fills once (leader order, cumulative, cost). */
export interface CopyLogRecord extends CopyLogEntry {
  leaderOrder: string | null;
  cumulative: number | null;
  leaderCost: number | null;
}

interface RawLog {
  seq: number;
  link_id: string;
  event_id: string;
  leader_order: string | null;
  cumulative: number | null;
  leader_cost: number | null;
  at: number;
  outcome: CopyOutcome;
  leader_symbol: string;
  follower_symbol: string | null;
  side: 'buy' | 'sell';
  leader_amount: number;
  leader_price: number;
  leader_price_converted: number | null;
  leader_filled_at: number;
  amount: number | null;
  client_order_id: string | null;
  follower_price: number | null;
  delay_ms: number | null;
  slippage_pct: number | null;
  reason: string;
}

const toLog = (r: RawLog): CopyLogRecord => ({
  seq: r.seq,
  linkId: r.link_id,
  eventId: r.event_id,
  leaderOrder: r.leader_order,
  cumulative: r.cumulative,
  leaderCost: r.leader_cost,
  at: r.at,
  outcome: r.outcome,
  leaderSymbol: r.leader_symbol,
  followerSymbol: r.follower_symbol,
  side: r.side,
  leaderAmount: r.leader_amount,
  leaderPrice: r.leader_price,
  leaderPriceConverted: r.leader_price_converted,
  leaderFilledAt: r.leader_filled_at,
  amount: r.amount,
  clientOrderId: r.client_order_id,
  followerPrice: r.follower_price,
  delayMs: r.delay_ms,
  slippagePct: r.slippage_pct,
  reason: r.reason,
});

/** The public part of a stored row. */
export function logEntry(record: CopyLogRecord): CopyLogEntry {
  const { leaderOrder: _order, cumulative: _cumulative, leaderCost: _cost, ...entry } = record;
  return entry;
}

export type NewCopyLog = Omit<CopyLogRecord, 'seq'>;

export class CopyRepo {
  constructor(private readonly db: Db) {}

  list(): CopyLinkRecord[] {
    return (this.db.prepare('SELECT * FROM copy_links ORDER BY created_at, id').all() as RawLink[]).map(toLink);
  }

  get(id: string): CopyLinkRecord | undefined {
    const row = this.db.prepare('SELECT * FROM copy_links WHERE id = ?').get(id) as RawLink | undefined;
    return row ? toLink(row) : undefined;
  }

  byLeader(leaderId: string): CopyLinkRecord[] {
    return (this.db.prepare('SELECT * FROM copy_links WHERE leader_id = ? ORDER BY created_at, id').all(leaderId) as RawLink[]).map(toLink);
  }

  insert(link: Omit<CopyLinkRecord, 'leaderId'>): CopyLinkRecord {
    this.db
      .prepare(
        `INSERT INTO copy_links (id, name, leader_json, leader_id, follower_account_id, rules_json, status, status_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        link.id,
        link.name,
        JSON.stringify(link.leader),
        leaderIdOf(link.leader),
        link.followerAccountId,
        JSON.stringify(link.rules),
        link.status,
        link.statusReason,
        link.createdAt,
        link.createdAt,
      );
    return this.get(link.id)!;
  }

  update(id: string, patch: { name?: string; rules?: CopyRules }, at: number): void {
    const link = this.get(id);
    if (!link) return;
    this.db
      .prepare('UPDATE copy_links SET name = ?, rules_json = ?, updated_at = ? WHERE id = ?')
      .run(patch.name ?? link.name, JSON.stringify(patch.rules ?? link.rules), at, id);
  }

  setStatus(id: string, status: CopyLinkStatus, reason: string | null, at: number): void {
    this.db.prepare('UPDATE copy_links SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(status, reason, at, id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM copy_links WHERE id = ?').run(id).changes > 0;
  }

  hasEvent(linkId: string, eventId: string): boolean {
    return this.db.prepare('SELECT 1 FROM copy_log WHERE link_id = ? AND event_id = ?').get(linkId, eventId) !== undefined;
  }

  /** The highest cumulative amount (and its cost) of a leader order this link has already decided on. */
  /** The link's decision event ids for one leader order (a feed numbers its events, so a copy's role names the event, not the order). */
  eventIdsOf(linkId: string, leaderOrder: string): string[] {
    const rows = this.db.prepare('SELECT event_id FROM copy_log WHERE link_id = ? AND leader_order = ?').all(linkId, leaderOrder) as Array<{
      event_id: string;
    }>;
    return rows.map((r) => r.event_id);
  }

  handled(linkId: string, leaderOrder: string): { cumulative: number; cost: number } {
    const row = this.db
      .prepare('SELECT cumulative, leader_cost FROM copy_log WHERE link_id = ? AND leader_order = ? ORDER BY cumulative DESC LIMIT 1')
      .get(linkId, leaderOrder) as { cumulative: number | null; leader_cost: number | null } | undefined;
    return { cumulative: row?.cumulative ?? 0, cost: row?.leader_cost ?? 0 };
  }

  /** The leader's position in one market as this link has seen it (every leader fill decided, whatever the outcome). */
  leaderHeld(linkId: string, leaderSymbol: string): number {
    return Math.max(0, this.leaderPosition(linkId, leaderSymbol));
  }

  /**
   * The leader's signed position in a market as this link knows it (negative: short, on a perpetual
   * swap): the fills it logged, plus what the leader held that the link read from the venue later.
   */
  leaderPosition(linkId: string, leaderSymbol: string): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE side WHEN 'buy' THEN leader_amount ELSE -leader_amount END), 0)
           + COALESCE((SELECT position FROM copy_leader_start WHERE link_id = ? AND leader_symbol = ?), 0) AS held
         FROM copy_log WHERE link_id = ? AND leader_symbol = ? AND leader_order IS NOT NULL`,
      )
      .get(linkId, leaderSymbol, linkId, leaderSymbol) as { held: number };
    return row.held;
  }

  /** Corrects the leader's position as this link knows it by `delta` (base), read from the venue. */
  correctLeaderPosition(linkId: string, leaderSymbol: string, delta: number): void {
    this.db
      .prepare(
        `INSERT INTO copy_leader_start (link_id, leader_symbol, position) VALUES (?, ?, ?)
         ON CONFLICT (link_id, leader_symbol) DO UPDATE SET position = position + excluded.position`,
      )
      .run(linkId, leaderSymbol, delta);
  }

  insertLog(row: NewCopyLog): CopyLogRecord {
    const result = this.db
      .prepare(
        `INSERT INTO copy_log (link_id, event_id, leader_order, cumulative, leader_cost, at, outcome, leader_symbol, follower_symbol, side,
           leader_amount, leader_price, leader_price_converted, leader_filled_at, amount, client_order_id, follower_price, delay_ms, slippage_pct, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.linkId,
        row.eventId,
        row.leaderOrder,
        row.cumulative,
        row.leaderCost,
        row.at,
        row.outcome,
        row.leaderSymbol,
        row.followerSymbol,
        row.side,
        row.leaderAmount,
        row.leaderPrice,
        row.leaderPriceConverted ?? null,
        row.leaderFilledAt,
        row.amount,
        row.clientOrderId,
        row.followerPrice,
        row.delayMs,
        row.slippagePct,
        row.reason,
      );
    // Never trimmed: the rows are the decisions (what each leader fill was copied as), read to copy nothing twice.
    const seq = Number(result.lastInsertRowid);
    return this.getLog(seq)!;
  }

  getLog(seq: number): CopyLogRecord | undefined {
    const row = this.db.prepare('SELECT * FROM copy_log WHERE seq = ?').get(seq) as RawLog | undefined;
    return row ? toLog(row) : undefined;
  }

  byClientId(clientOrderId: string): CopyLogRecord | undefined {
    const row = this.db.prepare('SELECT * FROM copy_log WHERE client_order_id = ?').get(clientOrderId) as RawLog | undefined;
    return row ? toLog(row) : undefined;
  }

  patchLog(
    seq: number,
    patch: Partial<Pick<CopyLogRecord, 'outcome' | 'followerPrice' | 'slippagePct' | 'delayMs' | 'reason'>>,
  ): CopyLogRecord | undefined {
    const current = this.getLog(seq);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    this.db
      .prepare('UPDATE copy_log SET outcome = ?, follower_price = ?, slippage_pct = ?, delay_ms = ?, reason = ? WHERE seq = ?')
      .run(next.outcome, next.followerPrice, next.slippagePct, next.delayMs, next.reason, seq);
    return this.getLog(seq);
  }

  /** Rows decided but not yet answered by the ledger (a crash between the decision and the send). */
  sending(): CopyLogRecord[] {
    return (this.db.prepare("SELECT * FROM copy_log WHERE outcome = 'sending' ORDER BY seq").all() as RawLog[]).map(toLog);
  }

  log(limit: number, linkId?: string): CopyLogRecord[] {
    const rows = linkId
      ? this.db.prepare('SELECT * FROM copy_log WHERE link_id = ? ORDER BY seq DESC LIMIT ?').all(linkId, limit)
      : this.db.prepare('SELECT * FROM copy_log ORDER BY seq DESC LIMIT ?').all(limit);
    return (rows as RawLog[]).map(toLog);
  }

  /** Every row of a link decided from `from` on, oldest first (statistics; the log view pages with `log`). */
  logSince(linkId: string, from: number): CopyLogRecord[] {
    const rows = this.db.prepare('SELECT * FROM copy_log WHERE link_id = ? AND at >= ? ORDER BY seq').all(linkId, from) as RawLog[];
    return rows.map(toLog);
  }

  closedSymbols(linkId: string): Set<string> {
    const rows = this.db.prepare('SELECT symbol FROM copy_closed WHERE link_id = ?').all(linkId) as Array<{ symbol: string }>;
    return new Set(rows.map((r) => r.symbol));
  }

  /** When the person closed this market by hand (null: not closed, or reopened by a new leader entry). */
  closedAt(linkId: string, symbol: string): number | null {
    const row = this.db.prepare('SELECT closed_at FROM copy_closed WHERE link_id = ? AND symbol = ?').get(linkId, symbol) as
      { closed_at: number } | undefined;
    return row?.closed_at ?? null;
  }

  markClosed(linkId: string, symbol: string, at: number): void {
    this.db.prepare('INSERT OR REPLACE INTO copy_closed (link_id, symbol, closed_at) VALUES (?, ?, ?)').run(linkId, symbol, at);
  }

  /** A new leader entry in the market: the link copies it again. */
  reopen(linkId: string, symbol: string): void {
    this.db.prepare('DELETE FROM copy_closed WHERE link_id = ? AND symbol = ?').run(linkId, symbol);
  }
}
