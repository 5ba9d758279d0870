import type { Timeframe } from '../../../shared/domain/types';
import type {
  BotConfig,
  BotEvent,
  BotKind,
  BotMode,
  BotRisk,
  BotState,
  BotStopReason,
  Notification,
} from '../../../shared/ipc/schemas/bots';
import type { Db } from '../db/connection';
import { WALL_CLOCK, type AccountClock } from '../market-data/account-clock';
import type { KindState } from './kind-state';

export interface BotRecord {
  id: string;
  name: string;
  kind: BotKind;
  accountId: string;
  symbol: string;
  timeframe: Timeframe;
  mode: BotMode;
  config: BotConfig;
  risk: BotRisk;
  state: BotState;
  stopReason: BotStopReason | null;
  stopDetail: string | null;
  /** The kind's own progress (grid slots, DCA deals, strategy position); null until first started. */
  kindState: KindState | null;
  /** Starts so far: every start begins a new run, and the run is part of each order's role. */
  run: number;
  realisedPnl: number;
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
}

interface BotRow {
  id: string;
  name: string;
  kind: BotKind;
  account_id: string;
  symbol: string;
  timeframe: Timeframe;
  mode: BotMode;
  config_json: string;
  risk_json: string;
  state: BotState;
  stop_reason: BotStopReason | null;
  stop_detail: string | null;
  state_json: string;
  run: number;
  realised_pnl: number;
  created_at: number;
  started_at: number | null;
  stopped_at: number | null;
}

const toRecord = (r: BotRow): BotRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  accountId: r.account_id,
  symbol: r.symbol,
  timeframe: r.timeframe,
  mode: r.mode,
  config: JSON.parse(r.config_json) as BotConfig,
  risk: JSON.parse(r.risk_json) as BotRisk,
  state: r.state,
  stopReason: r.stop_reason,
  stopDetail: r.stop_detail,
  kindState: JSON.parse(r.state_json) as KindState | null,
  run: r.run,
  realisedPnl: r.realised_pnl,
  createdAt: r.created_at,
  startedAt: r.started_at,
  stoppedAt: r.stopped_at,
});

interface NotificationRow {
  id: number;
  at: number;
  level: Notification['level'];
  title: string;
  body: string;
  bot_id: string | null;
  kind: string | null;
}

/** Bots, their event log and the notifications, in SQLite. Each save is one statement or one transaction. */
export class BotsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** The bot's account clock, for its events (see AccountClock). */
    private readonly marketClock: AccountClock = WALL_CLOCK,
  ) {}

  insert(record: BotRecord): BotRecord {
    this.db
      .prepare(
        `INSERT INTO bots (id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, stop_reason, stop_detail, state_json, run, realised_pnl, created_at, started_at, stopped_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.name,
        record.kind,
        record.accountId,
        record.symbol,
        record.timeframe,
        record.mode,
        JSON.stringify(record.config),
        JSON.stringify(record.risk),
        record.state,
        record.stopReason,
        record.stopDetail,
        JSON.stringify(record.kindState),
        record.run,
        record.realisedPnl,
        record.createdAt,
        record.startedAt,
        record.stoppedAt,
        this.now(),
      );
    return this.require(record.id);
  }

  /** Writes every mutable field of the bot at once, so a state change and its kind state land together. */
  save(record: BotRecord): BotRecord {
    this.db
      .prepare(
        `UPDATE bots SET name = ?, account_id = ?, symbol = ?, timeframe = ?, mode = ?, config_json = ?, risk_json = ?, state = ?, stop_reason = ?, stop_detail = ?,
           state_json = ?, run = ?, realised_pnl = ?, started_at = ?, stopped_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        record.name,
        record.accountId,
        record.symbol,
        record.timeframe,
        record.mode,
        JSON.stringify(record.config),
        JSON.stringify(record.risk),
        record.state,
        record.stopReason,
        record.stopDetail,
        JSON.stringify(record.kindState),
        record.run,
        record.realisedPnl,
        record.startedAt,
        record.stoppedAt,
        this.now(),
        record.id,
      );
    return this.require(record.id);
  }

  get(id: string): BotRecord | undefined {
    const row = this.db.prepare('SELECT * FROM bots WHERE id = ?').get(id) as BotRow | undefined;
    return row && toRecord(row);
  }

  require(id: string): BotRecord {
    const record = this.get(id);
    if (!record) throw new Error(`bot ${id} is not stored`);
    return record;
  }

  list(query: { states?: readonly BotState[]; accountId?: string } = {}): BotRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.states) {
      where.push(`state IN (${query.states.map(() => '?').join(', ')})`);
      params.push(...query.states);
    }
    if (query.accountId) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    const sql = `SELECT * FROM bots ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
    return (this.db.prepare(sql).all(...params) as BotRow[]).map(toRecord);
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM bots WHERE id = ?').get(id) !== undefined;
  }

  nameTaken(name: string, exceptId?: string): boolean {
    return this.db.prepare('SELECT 1 FROM bots WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(name, exceptId ?? null) !== undefined;
  }

  /** How many of the bot's orders may still change (intent, unknown, open, partially filled). */
  workingOrders(id: string): number {
    const row = this.db
      .prepare(
        "SELECT COUNT(*) AS n FROM orders WHERE origin_id = ? AND origin = 'bot' AND status IN ('intent', 'unknown', 'open', 'partially_filled')",
      )
      .get(id) as { n: number };
    return row.n;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM bots WHERE id = ?').run(id).changes > 0;
  }

  appendEvent(botId: string, level: BotEvent['level'], message: string): BotEvent {
    const at = this.now();
    const marketAt = this.marketClock(this.get(botId)?.accountId ?? '');
    const row = this.db
      .prepare(
        'INSERT INTO bot_events (bot_id, seq, at, market_at, level, message) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM bot_events WHERE bot_id = ? RETURNING seq',
      )
      .get(botId, at, marketAt, level, message, botId) as { seq: number };
    return { botId, seq: row.seq, at, marketAt, level, message };
  }

  /** Newest first; `beforeSeq` pages on (a bot's seq only grows). */
  events(botId: string, limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): BotEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM bot_events WHERE bot_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(botId, beforeSeq, limit) as Array<{
      bot_id: string;
      seq: number;
      at: number;
      market_at: number | null;
      level: BotEvent['level'];
      message: string;
    }>;
    return rows.map((r) => ({ botId: r.bot_id, seq: r.seq, at: r.at, marketAt: r.market_at, level: r.level, message: r.message }));
  }

  addNotification(n: Omit<Notification, 'id' | 'at'>): Notification {
    const at = this.now();
    const row = this.db
      .prepare('INSERT INTO notifications (at, level, title, body, bot_id, kind) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .get(at, n.level, n.title, n.body, n.botId, n.kind ?? null) as { id: number };
    return { id: String(row.id), at, ...n };
  }

  notifications(limit: number): Notification[] {
    const rows = this.db.prepare('SELECT * FROM notifications ORDER BY id DESC LIMIT ?').all(limit) as NotificationRow[];
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      level: r.level,
      title: r.title,
      body: r.body,
      botId: r.bot_id,
      ...(r.kind !== null ? { kind: r.kind } : {}),
    }));
  }

  /**
   * An orphaned bot order the person chose to keep: it becomes a manual order of the ledger (the
   * ledger's repo has no origin patch, and the bot that owned it no longer exists).
   */
  releaseOrder(accountId: string, clientOrderId: string): void {
    this.db
      .prepare(
        "UPDATE orders SET origin = 'manual', origin_id = NULL, origin_role = NULL, updated_at = ? WHERE account_id = ? AND client_order_id = ?",
      )
      .run(this.now(), accountId, clientOrderId);
  }
}
