/**
 * Account events that always alert (each kind can be muted): a live account's connection lost and
 * back, its API key near its age limit (or past it), its key revoked. Watches the portfolio's
 * account states whenever accounts change and on a slow timer; says each change once.
 */
import type { AccountState } from '../../../shared/ipc/schemas/accounts';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { AccountRecord } from '../accounts/accounts-repo';

const DAY_MS = 86_400_000;
/** Warned this many days before the key reaches the account's maximum age. */
export const KEY_AGE_WARNING_DAYS = 7;
const LOST: ReadonlySet<AccountState['status']> = new Set(['offline', 'exchange_down', 'auth_error', 'keychain_error']);

export interface AccountAlertDeps {
  accounts: () => AccountRecord[];
  state: (account: AccountRecord) => AccountState;
  activeKey: (accountId: string) => { version: number; createdAt: number } | undefined;
  notify: (level: Notification['level'], title: string, body: string, kind: string) => void;
  now?: () => number;
}

export class AccountAlerts {
  /** Whether each live account was last seen connected (absent: not seen settled yet). */
  private readonly connected = new Map<string, boolean>();
  /** `account:version` of keys already warned about. */
  private readonly warnedKeys = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly deps: AccountAlertDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Looks at every live account (on accounts/portfolio changes and on a timer). */
  check(): void {
    for (const account of this.deps.accounts()) {
      if (account.kind !== 'live') continue;
      this.connection(account);
      this.keyAge(account);
    }
  }

  revoked(accountId: string): void {
    const account = this.deps.accounts().find((a) => a.id === accountId);
    const label = account?.label ?? accountId;
    this.deps.notify(
      'warning',
      `API key revoked: ${label}`,
      `The key was deleted from the keychain; ${label} cannot trade and its bots are paused until a new key is added.`,
      'key.revoked',
    );
  }

  private connection(account: AccountRecord): void {
    const state = this.deps.state(account);
    if (state.status === 'connecting' || state.status === 'rate_limited' || state.status === 'stale') return;
    const up = state.status === 'ok';
    if (!up && !LOST.has(state.status)) return;
    const before = this.connected.get(account.id);
    this.connected.set(account.id, up);
    if (before === undefined || before === up) return;
    if (up) this.deps.notify('info', `Connection back: ${account.label}`, `${account.label} answers again.`, 'account.connection');
    else
      this.deps.notify(
        'warning',
        `Connection lost: ${account.label}`,
        state.message || `${account.label} does not answer.`,
        'account.connection',
      );
  }

  private keyAge(account: AccountRecord): void {
    const key = this.deps.activeKey(account.id);
    if (!key) return;
    const limit = key.createdAt + account.keyMaxAgeDays * DAY_MS;
    const daysLeft = Math.ceil((limit - this.now()) / DAY_MS);
    if (daysLeft > KEY_AGE_WARNING_DAYS) return;
    const said = `${account.id}:${key.version}`;
    if (this.warnedKeys.has(said)) return;
    this.warnedKeys.add(said);
    this.deps.notify(
      'warning',
      daysLeft > 0 ? `API key ages out in ${daysLeft} day(s): ${account.label}` : `API key past its age limit: ${account.label}`,
      `The key is ${Math.floor((this.now() - key.createdAt) / DAY_MS)} days old (limit ${account.keyMaxAgeDays}). Rotate it from the account's keys panel.`,
      'key.age',
    );
  }
}
