/**
 * Which accounts a copy link may join. Spot copies spot, USDT perpetuals copy USDT perpetuals
 * (shorts included, `copy-perps.ts`). A mixed link is refused when made or resumed: a perpetuals
 * leader's sale may open a short, which a spot account cannot hold, and copying a spot leader onto
 * perpetuals would turn its sales of coins it held into shorts once the copy holds less. A remote
 * feed's leader account is not known here, so each of its fills is checked on its own
 * (`marketMismatch`) and one that does not fit the follower gets a "skipped" row saying why.
 */
import { TradewindError } from '../../../shared/ipc/errors';
import { sellsShort } from '../bots/position';

export interface CopyAccountSide {
  role: 'follower' | 'leader';
  label: string;
  marketType: string;
}

const kindOf = (marketType: string) => (marketType === 'swap' ? 'USDT perpetuals' : 'spot');

export function perpetualsRefusal(accounts: readonly CopyAccountSide[]): TradewindError | null {
  const follower = accounts.find((a) => a.role === 'follower');
  const leader = accounts.find((a) => a.role === 'leader');
  if (!follower || !leader || (follower.marketType === 'swap') === (leader.marketType === 'swap')) return null;
  return new TradewindError(
    'invalid_input',
    `A copy link joins two accounts of the same kind: the leader account "${leader.label}" trades ${kindOf(leader.marketType)} and the follower account "${follower.label}" trades ${kindOf(follower.marketType)}. ${
      leader.marketType === 'swap'
        ? "The leader's sales may open shorts, which a spot account cannot hold."
        : "The leader's sales of coins it holds would open shorts on perpetuals once the copy holds less."
    } Pick a follower account that trades ${kindOf(leader.marketType)}.`,
  );
}

/** Why a leader fill cannot be copied into this follower market (a perpetuals fill onto spot, or the reverse), or null. */
export function marketMismatch(
  fill: { symbol: string; side: 'buy' | 'sell'; reduceOnly?: boolean },
  followerSymbol: string,
  followerMarketType: string | null,
): string | null {
  const leaderPerp = sellsShort(fill.symbol);
  const followerPerp = followerMarketType === null ? sellsShort(followerSymbol) : followerMarketType === 'swap';
  if (leaderPerp && !followerPerp)
    return `The leader's ${fill.reduceOnly ? 'reduce-only ' : ''}${fill.side} on ${fill.symbol} is a perpetuals trade (it may open or cover a short); the follower trades spot, where it would become a sale of coins or a new long, so it is not copied.`;
  if (!leaderPerp && followerPerp)
    return `The leader's ${fill.side} on ${fill.symbol} is a spot trade; the follower trades USDT perpetuals, where a spot sale could open a short, so it is not copied.`;
  if (sellsShort(followerSymbol) !== followerPerp)
    return `The market map sends ${fill.symbol} to ${followerSymbol}, a ${sellsShort(followerSymbol) ? 'perpetual swap' : 'spot market'}, but the follower account trades ${followerPerp ? 'USDT perpetuals' : 'spot'}; map it to the same kind of market (e.g. BTC/USDT:USDT keeps its :USDT suffix).`;
  return null;
}
