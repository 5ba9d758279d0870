import type { AccountState } from '../../../shared/ipc/schemas/accounts';
import { formatUtcClock } from '../../lib/format/time';

export type StateTone = 'ok' | 'pending' | 'warn' | 'error';

const STATUS_TEXT: Record<AccountState['status'], { text: string; tone: StateTone }> = {
  ok: { text: 'OK', tone: 'ok' },
  connecting: { text: 'Connecting…', tone: 'pending' },
  stale: { text: 'Stale', tone: 'warn' },
  auth_error: { text: 'Auth error', tone: 'error' },
  rate_limited: { text: 'Rate limited', tone: 'warn' },
  offline: { text: 'Offline', tone: 'warn' },
  exchange_down: { text: 'Exchange down', tone: 'warn' },
  keychain_error: { text: 'Keychain error', tone: 'error' },
};

/** "OK", "Stale since 14:05 UTC", "Offline · stale since 14:05 UTC", "Auth error". */
export function describeAccountState(state: AccountState): { text: string; tone: StateTone } {
  const { text, tone } = STATUS_TEXT[state.status];
  if (state.since === null || state.status === 'ok' || state.status === 'connecting') return { text, tone };
  const since = formatUtcClock(state.since);
  return { text: state.status === 'stale' ? `Stale since ${since}` : `${text} · stale since ${since}`, tone };
}
