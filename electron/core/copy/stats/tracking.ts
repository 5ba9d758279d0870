/**
 * How closely a follower tracked its leader, from the link's copy log: copies made, leader fills
 * skipped or ignored (counted by reason), failed orders, the slippage and delay of the copies. The
 * rows are the engine's own decisions, so nothing here re-judges a fill.
 */
import type { CopyLogEntry } from '../../../../shared/ipc/schemas/copy';
import type { Tracking } from '../../../../shared/ipc/schemas/copy-stats';
import { clean } from '../../exchange/precision';

/**
 * The reason kinds a trader acts on (loosen a limit, fund the account, widen the allow list). A
 * reason the engine words as "Kind: details" is counted under its kind; the rest by pattern.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/no \S+→\S+ rate is known/, 'No conversion rate'],
  [/^The link is paused/, 'Paused'],
  [/^The link is stopped|^Stopped copying/, 'Stopped'],
  [/deny list/, 'Deny list'],
  [/allow list/, 'Not on the allow list'],
  [/cannot be traded on the follower account/, 'Market not on the follower venue'],
  [/^No price for/, 'No follower price'],
  [/closed the copied .* by hand/, 'Closed by hand'],
  [/^No copied .* position to sell/, 'Nothing copied to sell'],
  [/^Not sent at start-up/, 'Not sent at start-up'],
];

export function reasonKind(reason: string): string {
  for (const [pattern, kind] of PATTERNS) if (pattern.test(reason)) return kind;
  const head = /^([A-Z][A-Za-z -]{1,40}):/.exec(reason);
  return head ? head[1]! : 'Other';
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : clean(xs.reduce((s, x) => s + x, 0) / xs.length));
const max = (xs: readonly number[]) => (xs.length === 0 ? null : Math.max(...xs));

/** `rows`: the link's log rows of the period (leader decisions and the follower's own closes). */
export function tracking(rows: readonly CopyLogEntry[], returnGapPct: number | null): Tracking {
  const decisions = rows.filter((r) => r.outcome !== 'closed');
  const copies = decisions.filter((r) => r.outcome === 'copied' || r.outcome === 'sending');
  const counts = new Map<string, number>();
  for (const r of decisions)
    if (r.outcome === 'skipped' || r.outcome === 'ignored') counts.set(reasonKind(r.reason), (counts.get(reasonKind(r.reason)) ?? 0) + 1);
  // Slippage of a copy is final once it filled (the row then holds the follower's average fill price).
  const filled = copies.filter((r) => r.outcome === 'copied' && r.slippagePct !== null);
  const delays = copies.flatMap((r) => (r.delayMs === null ? [] : [r.delayMs]));
  return {
    returnGapPct,
    copied: copies.length,
    skipped: decisions.filter((r) => r.outcome === 'skipped').length,
    ignored: decisions.filter((r) => r.outcome === 'ignored').length,
    failed: decisions.filter((r) => r.outcome === 'failed').length,
    reasons: [...counts.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    avgSlippagePct: mean(filled.map((r) => r.slippagePct!)),
    worstSlippagePct: max(filled.map((r) => r.slippagePct!)),
    avgDelayMs: mean(delays),
    maxDelayMs: max(delays),
  };
}
