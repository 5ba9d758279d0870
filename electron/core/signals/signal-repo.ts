/**
 * Signal sources, the ids seen within the replay window, the signal log and the listener's
 * settings, in SQLite. No secret is stored here: a source keeps only the version of its
 * keychain entry.
 */
import type { SignalLogEntry, SignalSettings } from '../../../shared/ipc/schemas/signals';
import type { Db } from '../db/connection';

export interface SignalSourceRecord {
  id: string;
  name: string;
  accountId: string;
  symbols: string[];
  enabled: boolean;
  secretVersion: number;
  secretSetAt: number;
  createdAt: number;
  lastSignalAt: number | null;
}

interface SourceRow {
  id: string;
  name: string;
  account_id: string;
  symbols_json: string;
  enabled: number;
  secret_version: number;
  secret_set_at: number;
  created_at: number;
  last_signal_at: number | null;
}

interface LogRow {
  seq: number;
  at: number;
  source_id: string | null;
  signal_id: string | null;
  outcome: 'accepted' | 'refused';
  status: number;
  message: string;
  action: string | null;
  symbol: string | null;
  bot_id: string | null;
}

/**
 * The log keeps this many rows of each outcome; older ones are pruned. Refusals are capped low (a
 * flood of bad requests cannot fill the disk); accepted signals — signed by the source's secret, and
 * what a backtest of a "Signal received" graph replays — far higher, so a flood of refusals never
 * pushes them out.
 */
export const SIGNAL_LOG_KEEP = { refused: 5_000, accepted: 100_000 } as const;
/** Pruning runs every this many rows written. */
const PRUNE_EVERY = 100;

const fromRow = (r: SourceRow): SignalSourceRecord => ({
  id: r.id,
  name: r.name,
  accountId: r.account_id,
  symbols: JSON.parse(r.symbols_json) as string[],
  enabled: r.enabled === 1,
  secretVersion: r.secret_version,
  secretSetAt: r.secret_set_at,
  createdAt: r.created_at,
  lastSignalAt: r.last_signal_at,
});

const logFromRow = (r: LogRow): SignalLogEntry => ({
  seq: r.seq,
  at: r.at,
  sourceId: r.source_id,
  signalId: r.signal_id,
  outcome: r.outcome,
  status: r.status,
  message: r.message,
  action: r.action,
  symbol: r.symbol,
  botId: r.bot_id,
});

const SETTINGS_KEY = 'signals.listener';

export class SignalRepo {
  private inserts = 0;

  constructor(private readonly db: Db) {}

  list(): SignalSourceRecord[] {
    return (this.db.prepare('SELECT * FROM signal_sources ORDER BY created_at, id').all() as SourceRow[]).map(fromRow);
  }

  get(id: string): SignalSourceRecord | undefined {
    const row = this.db.prepare('SELECT * FROM signal_sources WHERE id = ?').get(id) as SourceRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  insert(record: SignalSourceRecord): void {
    this.db
      .prepare(
        `INSERT INTO signal_sources (id, name, account_id, symbols_json, enabled, secret_version, secret_set_at, created_at, last_signal_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.name,
        record.accountId,
        JSON.stringify(record.symbols),
        record.enabled ? 1 : 0,
        record.secretVersion,
        record.secretSetAt,
        record.createdAt,
        record.lastSignalAt,
      );
  }

  setSecretVersion(id: string, version: number, at: number): void {
    this.db.prepare('UPDATE signal_sources SET secret_version = ?, secret_set_at = ? WHERE id = ?').run(version, at, id);
  }

  setEnabled(id: string, enabled: boolean): void {
    this.db.prepare('UPDATE signal_sources SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id);
  }

  touch(id: string, at: number): void {
    this.db.prepare('UPDATE signal_sources SET last_signal_at = ? WHERE id = ?').run(at, id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM signal_sources WHERE id = ?').run(id).changes > 0;
  }

  /** Records the id; false when it was already seen (a replay or a duplicate). Prunes ids older than `forgetBefore`. */
  markSeen(sourceId: string, signalId: string, at: number, forgetBefore: number): boolean {
    this.db.prepare('DELETE FROM signal_seen WHERE source_id = ? AND at < ?').run(sourceId, forgetBefore);
    return (
      this.db
        .prepare('INSERT INTO signal_seen (source_id, signal_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
        .run(sourceId, signalId, at).changes > 0
    );
  }

  appendLog(entry: Omit<SignalLogEntry, 'seq'>): SignalLogEntry {
    const result = this.db
      .prepare(
        `INSERT INTO signal_log (at, source_id, signal_id, outcome, status, message, action, symbol, bot_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(entry.at, entry.sourceId, entry.signalId, entry.outcome, entry.status, entry.message, entry.action, entry.symbol, entry.botId);
    if (++this.inserts % PRUNE_EVERY === 0) this.prune();
    return { ...entry, seq: Number(result.lastInsertRowid) };
  }

  /** Drops each outcome's rows older than its newest `SIGNAL_LOG_KEEP` (nothing while there are fewer). */
  prune(): void {
    const statement = this.db.prepare(
      'DELETE FROM signal_log WHERE outcome = ? AND seq < (SELECT seq FROM signal_log WHERE outcome = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)',
    );
    for (const outcome of ['refused', 'accepted'] as const) statement.run(outcome, outcome, SIGNAL_LOG_KEEP[outcome] - 1);
  }

  /** The source's accepted signals still in the log, oldest first (what a backtest replays). */
  accepted(sourceId: string): Array<{ at: number; action: string | null; symbol: string | null }> {
    return this.db
      .prepare("SELECT at, action, symbol FROM signal_log WHERE source_id = ? AND outcome = 'accepted' ORDER BY at, seq")
      .all(sourceId) as Array<{ at: number; action: string | null; symbol: string | null }>;
  }

  log(limit: number, sourceId?: string): SignalLogEntry[] {
    const rows = (
      sourceId === undefined
        ? this.db.prepare('SELECT * FROM signal_log ORDER BY seq DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM signal_log WHERE source_id = ? ORDER BY seq DESC LIMIT ?').all(sourceId, limit)
    ) as LogRow[];
    return rows.map(logFromRow);
  }

  settings(): SignalSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
    if (!row) return { enabled: false, port: null };
    const parsed = JSON.parse(row.value) as Partial<SignalSettings>;
    return { enabled: parsed.enabled === true, port: typeof parsed.port === 'number' ? parsed.port : null };
  }

  saveSettings(settings: SignalSettings): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(SETTINGS_KEY, JSON.stringify(settings));
  }
}
