/**
 * Copy trading follows spot trades only: a leader's short on a perpetuals account is opened by a
 * sale and closed by a reduce-only buy, which the follow engine would read as "nothing held to
 * sell" and then as a new long. Until copying shorts is built, links touching a perpetuals account
 * are refused when made or resumed, saying which account and what to pick instead.
 */
import { TradewindError } from '../../../shared/ipc/errors';

export interface CopyAccountSide {
  role: 'follower' | 'leader';
  label: string;
  marketType: string;
}

export function perpetualsRefusal(accounts: readonly CopyAccountSide[]): TradewindError | null {
  const swap = accounts.find((a) => a.marketType === 'swap');
  if (!swap) return null;
  const pick = swap.role === 'follower' ? 'a spot account to copy into' : 'a leader trading on a spot account';
  return new TradewindError(
    'invalid_input',
    `Copy trading follows spot trades only: the ${swap.role} account "${swap.label}" trades USDT perpetuals, whose shorts and reduce-only exits a copy would turn into longs. Pick ${pick}.`,
  );
}
