import type { Trade as CcxtTrade } from 'ccxt';
import type { DepthLevel, PublicTrade } from '../../../shared/ipc/schemas/market-depth';

const isFinitePositive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/**
 * ccxt book sides as [price, amount] pairs. Rows with missing or non-positive values are dropped
 * (some exchanges send zero-size levels as deletions), and the side is re-sorted so the contract's
 * "best first" promise holds whatever order the exchange used.
 */
export function toDepthLevels(rows: ReadonlyArray<ReadonlyArray<number | string | undefined>>, order: 'asc' | 'desc'): DepthLevel[] {
  const levels: DepthLevel[] = [];
  for (const row of rows) {
    const [price, amount] = row;
    if (isFinitePositive(price) && isFinitePositive(amount)) levels.push([price, amount]);
  }
  return levels.sort((a, b) => (order === 'asc' ? a[0] - b[0] : b[0] - a[0]));
}

/** ccxt public trades (oldest first) as the contract's tape, newest first. */
export function toPublicTrades(trades: readonly CcxtTrade[]): PublicTrade[] {
  const out: PublicTrade[] = [];
  for (const trade of trades) {
    if (!isFinitePositive(trade.price) || !isFinitePositive(trade.amount)) continue;
    const timestamp = typeof trade.timestamp === 'number' && Number.isFinite(trade.timestamp) ? trade.timestamp : 0;
    const side = trade.side === 'buy' || trade.side === 'sell' ? trade.side : null;
    out.push({ id: String(trade.id ?? `${timestamp}-${out.length}`), price: trade.price, amount: trade.amount, side, timestamp });
  }
  return out.sort((a, b) => b.timestamp - a.timestamp);
}
