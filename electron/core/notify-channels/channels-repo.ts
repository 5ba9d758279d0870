import type { ChannelSettings, ChannelView, DeliveryView, QuietHours } from '../../../shared/ipc/schemas/channels';
import type { Db } from '../db/connection';

/** A channel as stored: everything but the secret, which lives in the secret store only. */
export type ChannelRecord = Omit<ChannelView, 'lastOutcome'>;

interface ChannelRow {
  id: string;
  kind: string;
  name: string;
  enabled: number;
  min_level: ChannelView['minLevel'];
  rate_per_minute: number;
  quiet_json: string | null;
  settings_json: string;
  has_secret: number;
  created_at: number;
  updated_at: number;
  last_outcome: 'sent' | 'failed' | null;
}

interface DeliveryRow {
  id: number;
  channel_id: string;
  at: number;
  notification_id: string;
  title: string;
  attempt: number;
  outcome: DeliveryView['outcome'];
  reason: string;
}

/** How many log rows a channel keeps; older ones are pruned as new ones arrive. */
export const DELIVERY_LOG_KEEP = 2_000;

const SELECT_CHANNEL = `SELECT c.*, (
    SELECT d.outcome FROM notify_deliveries d
    WHERE d.channel_id = c.id AND d.outcome IN ('sent', 'failed') ORDER BY d.id DESC LIMIT 1
  ) AS last_outcome FROM notify_channels c`;

function toView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    minLevel: row.min_level,
    ratePerMinute: row.rate_per_minute,
    quietHours: row.quiet_json === null ? null : (JSON.parse(row.quiet_json) as QuietHours),
    settings: JSON.parse(row.settings_json) as ChannelSettings,
    hasSecret: row.has_secret === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastOutcome: row.last_outcome,
  };
}

function toDelivery(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    channelId: row.channel_id,
    at: row.at,
    notificationId: row.notification_id,
    title: row.title,
    attempt: row.attempt,
    outcome: row.outcome,
    reason: row.reason,
  };
}

/** Channel settings and the delivery log (tables from the notify_channels migration). */
export class ChannelsRepo {
  constructor(private readonly db: Db) {}

  list(): ChannelView[] {
    return (this.db.prepare(`${SELECT_CHANNEL} ORDER BY c.created_at, c.id`).all() as ChannelRow[]).map(toView);
  }

  get(id: string): ChannelView | undefined {
    const row = this.db.prepare(`${SELECT_CHANNEL} WHERE c.id = ?`).get(id) as ChannelRow | undefined;
    return row ? toView(row) : undefined;
  }

  insert(record: ChannelRecord): void {
    this.db
      .prepare(
        `INSERT INTO notify_channels (id, kind, name, enabled, min_level, rate_per_minute, quiet_json, settings_json, has_secret, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...this.columns(record), record.createdAt, record.updatedAt);
  }

  update(record: ChannelRecord): void {
    const [id, kind, ...rest] = this.columns(record);
    this.db
      .prepare(
        `UPDATE notify_channels SET name = ?, enabled = ?, min_level = ?, rate_per_minute = ?, quiet_json = ?, settings_json = ?,
         has_secret = ?, updated_at = ? WHERE id = ? AND kind = ?`,
      )
      .run(...rest, record.updatedAt, id, kind);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM notify_channels WHERE id = ?').run(id).changes > 0;
  }

  addDelivery(row: Omit<DeliveryView, 'id'>): DeliveryView {
    const result = this.db
      .prepare(
        'INSERT INTO notify_deliveries (channel_id, at, notification_id, title, attempt, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.channelId, row.at, row.notificationId, row.title, row.attempt, row.outcome, row.reason);
    const id = Number(result.lastInsertRowid);
    // Keep the log bounded: a chatty channel must not grow the database forever.
    if (id % 100 === 0) {
      this.db
        .prepare(
          `DELETE FROM notify_deliveries WHERE channel_id = ? AND id < (
             SELECT id FROM notify_deliveries WHERE channel_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
        )
        .run(row.channelId, row.channelId, DELIVERY_LOG_KEEP - 1);
    }
    return { id, ...row };
  }

  deliveries(filter: { channelId?: string; failuresOnly?: boolean; limit: number }): DeliveryView[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (filter.channelId !== undefined) {
      where.push('channel_id = ?');
      args.push(filter.channelId);
    }
    if (filter.failuresOnly) where.push("outcome IN ('failed', 'retrying', 'dropped')");
    const sql = `SELECT * FROM notify_deliveries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit) as DeliveryRow[]).map(toDelivery);
  }

  private columns(record: ChannelRecord) {
    return [
      record.id,
      record.settings.kind,
      record.name,
      record.enabled ? 1 : 0,
      record.minLevel,
      record.ratePerMinute,
      record.quietHours === null ? null : JSON.stringify(record.quietHours),
      JSON.stringify(record.settings),
      record.hasSecret ? 1 : 0,
    ] as const;
  }
}
