import type { Db } from '../db/connection';
import type { AccountsRepo } from '../accounts/accounts-repo';

export const PAPER_ACCOUNT_ID = 'paper';
export const PAPER_STARTING_BALANCE = { asset: 'USDT', amount: 10_000 } as const;

export interface PaperBalance {
  asset: string;
  free: number;
  used: number;
}

/**
 * A new install opens with a paper account so the app is useful before any key is entered.
 * Idempotent: runs on every start, creates the account only once.
 */
export function ensurePaperAccount(db: Db, accounts: AccountsRepo, referenceExchangeId: string, now = Date.now()): void {
  if (accounts.get(PAPER_ACCOUNT_ID)) return;
  db.transaction(() => {
    accounts.insert({
      id: PAPER_ACCOUNT_ID,
      label: 'Paper',
      exchangeId: referenceExchangeId,
      kind: 'paper',
      createdAt: now,
    });
    db.prepare('INSERT INTO paper_balances (account_id, asset, free, used) VALUES (?, ?, ?, 0)').run(
      PAPER_ACCOUNT_ID,
      PAPER_STARTING_BALANCE.asset,
      PAPER_STARTING_BALANCE.amount,
    );
  })();
}

export function readPaperBalances(db: Db, accountId: string): PaperBalance[] {
  return db.prepare('SELECT asset, free, used FROM paper_balances WHERE account_id = ? ORDER BY asset').all(accountId) as PaperBalance[];
}
