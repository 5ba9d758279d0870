import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountState } from '../../../shared/ipc/schemas/accounts';
import type { AccountRecord } from '../accounts/accounts-repo';
import { AccountAlerts } from './account-alerts';

const DAY = 86_400_000;
const live: AccountRecord = {
  id: 'acc1',
  label: 'Binance main',
  exchangeId: 'binance',
  kind: 'live',
  createdAt: 0,
  marketType: 'spot',
  sandbox: false,
  keyMaxAgeDays: 90,
};
const paper: AccountRecord = { ...live, id: 'paper', label: 'Paper', kind: 'paper' };
const state = (status: AccountState['status'], message = ''): AccountState => ({ status, since: null, message });

describe('account events that always alert', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  function setUp(keyCreatedAt: number) {
    const said: Array<[string, string]> = [];
    let current = state('connecting');
    const alerts = new AccountAlerts({
      accounts: () => [paper, live],
      state: (account) => (account.kind === 'paper' ? state('ok') : current),
      activeKey: (accountId) => (accountId === live.id ? { version: 1, createdAt: keyCreatedAt } : undefined),
      notify: (_level, title, _body, kind) => said.push([kind, title]),
    });
    return { alerts, said, set: (next: AccountState) => (current = next) };
  }

  it('says a live account lost its connection and got it back, once each, and not the first state it is seen in', () => {
    const { alerts, said, set } = setUp(Date.now());
    alerts.check();
    set(state('ok'));
    alerts.check();
    expect(said).toEqual([]);
    set(state('offline', 'Binance does not answer (timed out).'));
    alerts.check();
    alerts.check();
    set(state('stale')); // balances old but nothing known about the connection: no news
    alerts.check();
    set(state('ok'));
    alerts.check();
    expect(said).toEqual([
      ['account.connection', 'Connection lost: Binance main'],
      ['account.connection', 'Connection back: Binance main'],
    ]);
  });

  it('warns once when the key comes within a week of its age limit, and says a revoke', () => {
    const { alerts, said } = setUp(Date.now() - 80 * DAY);
    alerts.check();
    expect(said).toEqual([]);
    vi.advanceTimersByTime(4 * DAY);
    alerts.check();
    alerts.check();
    expect(said).toEqual([['key.age', 'API key ages out in 6 day(s): Binance main']]);
    alerts.revoked(live.id);
    expect(said.at(-1)).toEqual(['key.revoked', 'API key revoked: Binance main']);
  });
});
