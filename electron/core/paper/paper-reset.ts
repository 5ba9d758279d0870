import { TradewindError } from '../../../shared/ipc/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { formatMoney } from '../exchange/precision';
import { PAPER_ACCOUNT_ID, PAPER_STARTING_BALANCE } from './paper-account';

export interface PaperResetDeps {
  db: Db;
  audit: AuditLog;
  /** Paper bots that still trade (running, paused or stopping): a reset under them would corrupt their runs. */
  activeBots: (accountId: string) => string[];
  /** Paper brackets still managing an entry or a position. */
  activeBrackets: (accountId: string) => number;
  /** Cancels the account's open orders through the ledger, so each cancel is recorded like any other. */
  cancelOpenOrders: (accountId: string) => Promise<{ cancelled: number; failed: string[] }>;
  /** Balances moved: the portfolio re-reads them. */
  onReset: (accountId: string) => void;
}

/**
 * Starts the paper account over with `startingBalance` USDT: its open orders are cancelled through
 * the order ledger (history stays), then every paper balance is replaced in one transaction.
 * Refused, with what to do, while a paper bot or bracket is still working.
 */
export async function resetPaperAccount(
  deps: PaperResetDeps,
  startingBalance: number,
  accountId = PAPER_ACCOUNT_ID,
): Promise<{ startingBalance: number; asset: string; cancelledOrders: number }> {
  const bots = deps.activeBots(accountId);
  if (bots.length > 0) {
    throw new TradewindError(
      'invalid_input',
      `Stop the paper bots first (${bots.slice(0, 3).join(', ')}${bots.length > 3 ? ` and ${bots.length - 3} more` : ''}): a reset would pull the money out from under their runs.`,
    );
  }
  const brackets = deps.activeBrackets(accountId);
  if (brackets > 0) {
    throw new TradewindError(
      'invalid_input',
      `Close or cancel the ${brackets} active paper smart trade${brackets === 1 ? '' : 's'} first: a reset would leave ${brackets === 1 ? 'it' : 'them'} managing a position that no longer exists.`,
    );
  }
  const { cancelled, failed } = await deps.cancelOpenOrders(accountId);
  if (failed.length > 0) {
    throw new TradewindError(
      'unavailable',
      `The paper balances were not reset: ${failed.length} open paper order${failed.length === 1 ? '' : 's'} could not be cancelled (${failed[0]}). Try again.`,
    );
  }
  const asset = PAPER_STARTING_BALANCE.asset;
  deps.db.transaction(() => {
    deps.db.prepare('DELETE FROM paper_balances WHERE account_id = ?').run(accountId);
    deps.db
      .prepare('INSERT INTO paper_balances (account_id, asset, free, used) VALUES (?, ?, ?, 0)')
      .run(accountId, asset, startingBalance);
    deps.audit.append(
      'settings.changed',
      `Paper account reset to ${formatMoney(startingBalance, asset)} ${asset}${cancelled > 0 ? ` (${cancelled} open paper orders cancelled)` : ''}`,
      accountId,
    );
  })();
  deps.onReset(accountId);
  return { startingBalance, asset, cancelledOrders: cancelled };
}
