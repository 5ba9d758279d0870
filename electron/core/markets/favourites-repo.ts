import type { Db } from '../db/connection';

/** Per-account favourite markets. Rows go with their account (ON DELETE CASCADE). */
export class FavouritesRepo {
  constructor(private readonly db: Db) {}

  /** Oldest first, so a person's list keeps the order they built it in. */
  list(accountId: string): string[] {
    const rows = this.db
      .prepare('SELECT symbol FROM market_favourites WHERE account_id = ? ORDER BY added_at, rowid')
      .all(accountId) as Array<{ symbol: string }>;
    return rows.map((row) => row.symbol);
  }

  count(accountId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM market_favourites WHERE account_id = ?').get(accountId) as { n: number }).n;
  }

  has(accountId: string, symbol: string): boolean {
    return this.db.prepare('SELECT 1 FROM market_favourites WHERE account_id = ? AND symbol = ?').get(accountId, symbol) !== undefined;
  }

  /** Idempotent: starring twice keeps the first time, unstarring a non-favourite is a no-op. */
  set(accountId: string, symbol: string, favourite: boolean, now: number): void {
    if (favourite) {
      this.db
        .prepare(
          'INSERT INTO market_favourites (account_id, symbol, added_at) VALUES (?, ?, ?) ON CONFLICT (account_id, symbol) DO NOTHING',
        )
        .run(accountId, symbol, now);
    } else {
      this.db.prepare('DELETE FROM market_favourites WHERE account_id = ? AND symbol = ?').run(accountId, symbol);
    }
  }
}
