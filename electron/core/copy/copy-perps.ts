/**
 * Copying on USDT perpetuals (linear swaps, one-way mode): a position is signed, so a leader's
 * fill is split into the part that reduces its own position toward zero and the part that opens
 * (or adds to) one beyond it. The reducing part is copied as the same share of the link's
 * position on that side (a reduce-only order, never more than the link holds); the opening part is
 * sized by the allocation like any entry. A flip (long → short in one order) is both: one order
 * of close + open, never more. Sizing and every check are `decideCopy`'s.
 */
import { asAmount } from '../../../shared/domain/types';
import { decideCopy, type CopyDecision, type CopyInput } from './copy-sizing';
import { clean, formatNumber } from '../exchange/precision';

export interface LeaderSplit {
  /** Leader base that reduced its position toward zero. */
  closing: number;
  /** Leader base beyond zero (opens or adds): sized by the allocation. */
  opening: number;
  /** The leader's position on the side this fill reduces, before it (0 when flat or unknown). */
  against: number;
}

/** `position` is the leader's signed position as the link has seen it, before this fill. */
export function splitLeaderFill(side: 'buy' | 'sell', amount: number, position: number, reduceOnly: boolean): LeaderSplit {
  const direction = side === 'buy' ? 1 : -1;
  const against = position !== 0 && Math.sign(position) !== direction ? Math.abs(position) : 0;
  // A reduce-only fill opens nothing, even when the link never saw what it reduces (all of the link's side is closed then).
  if (reduceOnly) return { closing: amount, opening: 0, against };
  const closing = Math.min(amount, against);
  return { closing, opening: Math.max(0, clean(amount - closing)), against };
}

export type PerpDecision = CopyDecision & { reduceOnly?: boolean };

export interface PerpInput extends Omit<CopyInput, 'action' | 'leaderHeld'> {
  /** The leader's signed position as the link has seen it before this fill. */
  leaderPosition: number;
  /** The link's signed position on the follower, less what its unanswered reducing orders may still take. */
  followerPosition: number;
  reduceOnly: boolean;
}

const sideName = (amount: number) => (amount > 0 ? 'long' : 'short');

export function decidePerpCopy(input: PerpInput): PerpDecision {
  const { side, followerPosition } = input;
  const split = splitLeaderFill(side, input.leaderAmount, input.leaderPosition, input.reduceOnly);
  const direction = side === 'buy' ? 1 : -1;
  const followerAgainst = followerPosition !== 0 && Math.sign(followerPosition) !== direction ? Math.abs(followerPosition) : 0;
  const common = { ...input, follower: { ...input.follower, free: null } };
  const close =
    split.closing > 0
      ? decideCopy({
          ...common,
          action: 'close',
          leaderAmount: split.closing,
          leaderHeld: split.against,
          follower: { ...common.follower, held: followerAgainst },
        })
      : null;
  const open = split.opening > 0 ? decideCopy({ ...common, action: 'open', leaderAmount: split.opening, leaderHeld: 0 }) : null;
  if (close && open === null) {
    if (close.kind !== 'place')
      return close.kind === 'ignore' && !input.follower.closedByHand ? { ...close, reason: nothingToReduce(input) } : close;
    return { ...close, reduceOnly: true, note: joinNotes('reduce-only', close.note) };
  }
  if (open && close === null) return open;
  if (close === null || open === null) throw new Error('a leader fill with nothing to copy'); // delta > 0: one part is always there
  if (close.kind === 'place' && open.kind === 'place') {
    const closed = sideName(-direction);
    return {
      ...open,
      amount: asAmount(close.amount + open.amount),
      note: joinNotes(
        `closes the ${formatNumber(close.amount)} ${closed} and opens a ${formatNumber(open.amount)} ${sideName(direction)}`,
        close.note,
        open.note,
      ),
    };
  }
  if (close.kind === 'place')
    return {
      ...close,
      reduceOnly: true,
      note: joinNotes(
        `reduce-only; the leader's new ${sideName(direction)} was not copied: ${open.kind === 'place' ? '' : open.reason}`,
        close.note,
      ),
    };
  if (open.kind === 'place') return open;
  return close.kind === 'ignore' ? open : close;
}

function nothingToReduce(input: PerpInput): string {
  const reduced = input.side === 'buy' ? 'short' : 'long';
  const how = input.reduceOnly ? `reduce-only ${input.side}` : input.side === 'buy' ? 'buy' : 'sale';
  return `The leader's ${how} on ${input.leaderSymbol} reduces its ${reduced}, and this link holds no copied ${input.follower.symbol} ${reduced} to reduce; nothing was sent.`;
}

const joinNotes = (...notes: Array<string | undefined>) => notes.filter((n) => n !== undefined && n !== '').join('; ');
