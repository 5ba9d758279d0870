import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import type { Db } from '../db/connection';

export interface AuditQuery {
  accountId?: string;
  kinds?: readonly AuditEntry['kind'][];
  since?: number;
  /** Paging: entries older than this id (ids only grow, so new entries never shift a page). */
  beforeId?: number;
  limit?: number;
}

interface AuditRow {
  id: number;
  at: number;
  kind: AuditEntry['kind'];
  account_id: string | null;
  key_version: number | null;
  summary: string;
}

/**
 * Append-only record of security-relevant events. Summaries are written by core from
 * known fields (labels, versions, last 4 characters), never from user-supplied secrets.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly onAppend: (entry: AuditEntry) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  append(kind: AuditEntry['kind'], summary: string, accountId: string | null = null, keyVersion: number | null = null): AuditEntry {
    const at = this.now();
    const result = this.db
      .prepare('INSERT INTO audit_log (at, kind, account_id, key_version, summary) VALUES (?, ?, ?, ?, ?)')
      .run(at, kind, accountId, keyVersion, summary);
    const entry: AuditEntry = { id: Number(result.lastInsertRowid), at, kind, accountId, keyVersion, summary };
    this.onAppend(entry);
    return entry;
  }

  list(query: AuditQuery = {}): AuditEntry[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.accountId) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    if (query.kinds && query.kinds.length > 0) {
      where.push(`kind IN (${query.kinds.map(() => '?').join(', ')})`);
      params.push(...query.kinds);
    }
    if (query.since !== undefined) {
      where.push('at >= ?');
      params.push(query.since);
    }
    if (query.beforeId !== undefined) {
      where.push('id < ?');
      params.push(query.beforeId);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, query.limit ?? 200) as AuditRow[];
    return rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind, accountId: r.account_id, keyVersion: r.key_version, summary: r.summary }));
  }
}
