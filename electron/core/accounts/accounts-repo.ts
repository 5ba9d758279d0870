import type { Account } from '../../../shared/ipc/contract';
import type { Db } from '../db/connection';

interface AccountRow {
  id: string;
  label: string;
  exchange_id: string;
  kind: 'paper' | 'live';
  created_at: number;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  label: row.label,
  exchangeId: row.exchange_id,
  kind: row.kind,
  createdAt: row.created_at,
});

export class AccountsRepo {
  constructor(private readonly db: Db) {}

  list(): Account[] {
    const rows = this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as AccountRow[];
    return rows.map(toAccount);
  }

  get(id: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  insert(account: Account): void {
    this.db
      .prepare('INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(account.id, account.label, account.exchangeId, account.kind, account.createdAt);
  }
}
