import type { Account } from '../../../shared/ipc/contract';
import type { AccountMarketType } from '../../../shared/ipc/schemas/accounts';
import type { Db } from '../db/connection';

export interface AccountRecord extends Account {
  sandbox: boolean;
  /** Spot, or USDT-margined linear perpetuals. */
  marketType: AccountMarketType;
  keyMaxAgeDays: number;
}

interface AccountRow {
  id: string;
  label: string;
  exchange_id: string;
  kind: 'paper' | 'live';
  created_at: number;
  sandbox: number;
  market_type: AccountMarketType;
  key_max_age_days: number;
}

const toAccount = (row: AccountRow): AccountRecord => ({
  id: row.id,
  label: row.label,
  exchangeId: row.exchange_id,
  kind: row.kind,
  createdAt: row.created_at,
  sandbox: row.sandbox === 1,
  marketType: row.market_type,
  keyMaxAgeDays: row.key_max_age_days,
});

export class AccountsRepo {
  constructor(private readonly db: Db) {}

  list(): AccountRecord[] {
    const rows = this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as AccountRow[];
    return rows.map(toAccount);
  }

  get(id: string): AccountRecord | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  insert(account: Account & { sandbox?: boolean; marketType?: AccountMarketType }): void {
    this.db
      .prepare('INSERT INTO accounts (id, label, exchange_id, kind, created_at, sandbox, market_type) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        account.id,
        account.label,
        account.exchangeId,
        account.kind,
        account.createdAt,
        account.sandbox ? 1 : 0,
        account.marketType ?? 'spot',
      );
  }

  update(id: string, fields: { label?: string; keyMaxAgeDays?: number }): void {
    if (fields.label !== undefined) this.db.prepare('UPDATE accounts SET label = ? WHERE id = ?').run(fields.label, id);
    if (fields.keyMaxAgeDays !== undefined) {
      this.db.prepare('UPDATE accounts SET key_max_age_days = ? WHERE id = ?').run(fields.keyMaxAgeDays, id);
    }
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }
}
