/**
 * When a rebalance round starts: an asset drifted past the threshold (percentage points), or the
 * schedule is due (the first round at start). A due round with nothing to send (every leg below a
 * minimum) does not start; the reason is said instead.
 */
import type { RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import { formatNumber } from '../exchange/precision';

const HOUR_MS = 3_600_000;

export interface TriggerRules {
  driftPct: number | null;
  intervalHours: number | null;
}

export type Trigger =
  | { due: true; reason: 'drift' | 'schedule' | 'start'; text: string }
  /** Not due; `skipped` names a trigger that fired with nothing to send (a schedule moves on to its next time). */
  | { due: false; text: string | null; skipped?: 'drift' | 'schedule' | 'start' };

/** When the schedule is next due (null: no schedule); with no round yet, now. */
export function nextScheduled(rules: TriggerRules, lastRoundAt: number | null, now: number): number | null {
  if (rules.intervalHours === null) return null;
  return lastRoundAt === null ? now : lastRoundAt + rules.intervalHours * HOUR_MS;
}

export function rebalanceTrigger(rules: TriggerRules, plan: RebalancePlan, lastRoundAt: number | null, now: number): Trigger {
  const sendable = plan.legs.some((l) => l.dropped === null);
  const due = nextScheduled(rules, lastRoundAt, now);
  const drifted = plan.assets.filter((a) => rules.driftPct !== null && Math.abs(a.driftPct) >= rules.driftPct);
  let reason: 'drift' | 'schedule' | 'start' | null = null;
  let text = '';
  if (due !== null && now >= due) {
    reason = lastRoundAt === null ? 'start' : 'schedule';
    text = lastRoundAt === null ? 'First scheduled round' : `Scheduled round (every ${formatNumber(rules.intervalHours!)} h)`;
  } else if (drifted.length > 0) {
    reason = 'drift';
    const worst = drifted.reduce((a, b) => (Math.abs(b.driftPct) > Math.abs(a.driftPct) ? b : a));
    text = `${worst.asset} drifted ${formatNumber(worst.driftPct, 2)} pp from its ${formatNumber(worst.targetPct, 2)} % target (threshold ${formatNumber(rules.driftPct!, 2)} pp)`;
  }
  if (reason === null) return { due: false, text: null };
  if (!sendable) return { due: false, text: `${text}, but every leg is below a minimum: nothing to send.`, skipped: reason };
  return { due: true, reason, text };
}
