import type { KeyRights, KeyVersion } from '../../../shared/ipc/schemas/accounts';
import type { Db } from '../db/connection';

interface KeyRow {
  account_id: string;
  version: number;
  status: KeyVersion['status'];
  created_at: number;
  last_used_at: number | null;
  last4: string;
  rights_json: string;
  retire_at: number | null;
  retired_at: number | null;
  withdraw_override: number;
}

const toKey = (row: KeyRow): KeyVersion => ({
  accountId: row.account_id,
  version: row.version,
  status: row.status,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  last4: row.last4,
  rights: JSON.parse(row.rights_json) as KeyRights,
  retireAt: row.retire_at,
  retiredAt: row.retired_at,
  withdrawOverride: row.withdraw_override === 1,
});

/** Key versions of live accounts: metadata only. The secret itself is in the SecretStore. */
export class KeysRepo {
  constructor(private readonly db: Db) {}

  list(accountId: string): KeyVersion[] {
    const rows = this.db.prepare('SELECT * FROM api_keys WHERE account_id = ? ORDER BY version DESC').all(accountId) as KeyRow[];
    return rows.map(toKey);
  }

  get(accountId: string, version: number): KeyVersion | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE account_id = ? AND version = ?').get(accountId, version) as
      KeyRow | undefined;
    return row && toKey(row);
  }

  active(accountId: string): KeyVersion | undefined {
    const row = this.db
      .prepare("SELECT * FROM api_keys WHERE account_id = ? AND status = 'active' ORDER BY version DESC LIMIT 1")
      .get(accountId) as KeyRow | undefined;
    return row && toKey(row);
  }

  nextVersion(accountId: string): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM api_keys WHERE account_id = ?').get(accountId) as { v: number | null };
    return (row.v ?? 0) + 1;
  }

  insert(key: Omit<KeyVersion, 'lastUsedAt' | 'retireAt' | 'retiredAt'>): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (account_id, version, status, created_at, last4, rights_json, withdraw_override)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(key.accountId, key.version, key.status, key.createdAt, key.last4, JSON.stringify(key.rights), key.withdrawOverride ? 1 : 0);
  }

  setStatus(
    accountId: string,
    version: number,
    status: KeyVersion['status'],
    fields: { retireAt?: number | null; retiredAt?: number | null } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE api_keys SET status = ?, retire_at = COALESCE(?, retire_at), retired_at = COALESCE(?, retired_at)
         WHERE account_id = ? AND version = ?`,
      )
      .run(status, fields.retireAt ?? null, fields.retiredAt ?? null, accountId, version);
  }

  touch(accountId: string, version: number, at: number): void {
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE account_id = ? AND version = ?').run(at, accountId, version);
  }

  /** Retiring keys whose overlap window has passed. */
  dueForRetirement(now: number): KeyVersion[] {
    const rows = this.db
      .prepare("SELECT * FROM api_keys WHERE status = 'retiring' AND retire_at IS NOT NULL AND retire_at <= ?")
      .all(now) as KeyRow[];
    return rows.map(toKey);
  }
}
