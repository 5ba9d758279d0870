/**
 * When a rule's hit becomes a trigger: only while enabled and not expired; a one-shot rule fires
 * once and is then `triggered`; a repeating one fires again only after its cool-down. Pure: the
 * engine passes the wall clock in.
 */
import type { AlertRepeat, AlertState } from '../../../shared/ipc/schemas/alerts';

export interface RulePolicyState {
  enabled: boolean;
  state: AlertState;
  repeat: AlertRepeat;
  expiresAt: number | null;
  lastTriggeredAt: number | null;
}

/** The state a rule is in at `now` (an enabled, active rule past its expiry is expired). */
export function stateAt(rule: RulePolicyState, now: number): AlertState {
  if (!rule.enabled) return 'disabled';
  if (rule.state === 'active' && rule.expiresAt !== null && now >= rule.expiresAt) return 'expired';
  return rule.state;
}

/** Whether a hit at `now` fires. */
export function mayFire(rule: RulePolicyState, now: number): boolean {
  if (stateAt(rule, now) !== 'active') return false;
  if (rule.repeat.mode === 'repeat' && rule.lastTriggeredAt !== null) return now - rule.lastTriggeredAt >= rule.repeat.cooldownMs;
  return true;
}

/** The state after firing at `now`. */
export function stateAfterFiring(rule: RulePolicyState): AlertState {
  return rule.repeat.mode === 'once' ? 'triggered' : 'active';
}
