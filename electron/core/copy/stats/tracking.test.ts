import { describe, expect, it } from 'vitest';
import type { CopyLogEntry } from '../../../../shared/ipc/schemas/copy';
import { reasonKind, tracking } from './tracking';

let seq = 0;
const row = (outcome: CopyLogEntry['outcome'], over: Partial<CopyLogEntry> = {}): CopyLogEntry => ({
  seq: ++seq,
  linkId: 'link-1',
  eventId: `e${seq}`,
  at: 0,
  outcome,
  leaderSymbol: 'BTC/USDT',
  followerSymbol: 'BTC/USDT',
  side: 'buy',
  leaderAmount: 0.1,
  leaderPrice: 100,
  leaderFilledAt: 0,
  amount: null,
  clientOrderId: null,
  followerPrice: null,
  delayMs: null,
  slippagePct: null,
  reason: '',
  ...over,
});

describe('copy tracking', () => {
  it('counts copies, skips by reason, failures; averages the filled copies slippage and the delay', () => {
    const rows = [
      row('copied', { slippagePct: 0.1, delayMs: 40 }),
      row('copied', { slippagePct: -0.05, delayMs: 80 }),
      // Sent, not yet filled: its delay counts, its slippage (against the quote) is not final.
      row('sending', { slippagePct: 0.9, delayMs: 30 }),
      row('skipped', { reason: 'Slippage: 101 is 1.00 % worse than the leader’s 100 (limit 0.5 %).' }),
      row('skipped', { reason: 'Slippage: 102 is 2.00 % worse than the leader’s 100 (limit 0.5 %).' }),
      row('skipped', { reason: "Late: 12.0 s after the leader's fill, past the limit of 5.0 s." }),
      row('skipped', { reason: 'The link is paused.' }),
      row('ignored', { reason: 'You closed the copied BTC/USDT position by hand; the leader’s exit is ignored.' }),
      row('failed', { reason: "The follower's order was refused: insufficient funds" }),
      // The follower's own close is no decision on a leader fill.
      row('closed', { reason: 'Closed by hand: sold 0.1 BTC at market.' }),
    ];
    expect(tracking(rows, -1.25)).toEqual({
      returnGapPct: -1.25,
      copied: 3,
      skipped: 4,
      ignored: 1,
      failed: 1,
      reasons: [
        { reason: 'Slippage', count: 2 },
        { reason: 'Closed by hand', count: 1 },
        { reason: 'Late', count: 1 },
        { reason: 'Paused', count: 1 },
      ],
      avgSlippagePct: 0.025, // (0.1 − 0.05) / 2
      worstSlippagePct: 0.1,
      avgDelayMs: 50, // (40 + 80 + 30) / 3
      maxDelayMs: 80,
    });
  });

  it('names the reason kinds the engine writes', () => {
    expect(reasonKind('Below the minimum: 0.000004 BTC rounds down to 0, …')).toBe('Below the minimum');
    expect(reasonKind('Max total allocation reached: 1,000 of 1,000 USDT already copied.')).toBe('Max total allocation reached');
    expect(reasonKind("BTC/USDT is on this link's deny list.")).toBe('Deny list');
    expect(reasonKind("ETH/USDT is not on this link's allow list (BTC/USDT).")).toBe('Not on the allow list');
    expect(reasonKind('Stopped copying: The loss on this leader reached 120 USDT (limit 100 USDT).')).toBe('Stopped');
    expect(reasonKind('something unexpected')).toBe('Other');
  });

  it('has no averages without copies', () => {
    expect(tracking([], null)).toMatchObject({
      copied: 0,
      avgSlippagePct: null,
      worstSlippagePct: null,
      avgDelayMs: null,
      maxDelayMs: null,
    });
  });
});
