/**
 * Position mode of a perpetuals account. Tradewind trades one-way mode: one net position per
 * symbol, a sell from flat opens a short and `reduceOnly` closes. In hedge mode (Bybit
 * positionIdx 1/2, Binance dualSidePosition) every order sent that way is refused or opens the
 * wrong leg, so such an account is refused before anything is sent.
 *
 * How ccxt tells: where it has `fetchPositionMode` (Binance, OKX, …) its `hedged`; Bybit has none,
 * but its `v5/position/list` for one symbol answers even an empty position, one row with
 * positionIdx 0 in one-way mode and two legs (1, 2) in hedge mode — ccxt's `hedged` on each.
 */
import type { Exchange } from 'ccxt';
import { TradewindError, type ErrorCode } from '../../../shared/ipc/errors';

export type PositionMode = 'one-way' | 'hedge' | 'unknown';

export async function readPositionMode(exchange: Exchange, symbol: string): Promise<PositionMode> {
  if (exchange.has['fetchPositionMode']) {
    const { hedged } = (await exchange.fetchPositionMode(symbol)) as { hedged?: unknown };
    return hedged === true ? 'hedge' : hedged === false ? 'one-way' : 'unknown';
  }
  if (!exchange.has['fetchPositions']) return 'unknown';
  const positions = await exchange.fetchPositions([symbol]);
  if (positions.some((p) => p.hedged === true)) return 'hedge';
  return positions.some((p) => p.hedged === false) ? 'one-way' : 'unknown';
}

/** `outcome` says what did not happen ("Nothing was sent.", "The account was not added."). */
export function hedgeModeRefusal(exchangeName: string, code: ErrorCode, outcome: string): TradewindError {
  return new TradewindError(
    code,
    `This ${exchangeName} account is in hedge mode; Tradewind trades perpetuals in one-way mode. ` +
      `Switch the position mode to one-way in ${exchangeName}'s Derivatives settings (it switches only with no open position or order), ` +
      `or use another account or sub-account in one-way mode. ${outcome}`,
  );
}

/** Throws the hedge-mode refusal when the account answers hedge mode; an unknown mode is let through. */
export async function requireOneWayMode(
  exchange: Exchange,
  exchangeName: string,
  symbol: string,
  refusal: { code: ErrorCode; outcome: string },
): Promise<void> {
  if ((await readPositionMode(exchange, symbol)) === 'hedge') throw hedgeModeRefusal(exchangeName, refusal.code, refusal.outcome);
}
