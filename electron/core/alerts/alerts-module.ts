/**
 * Wires the alerts part of core (createCore calls this once): the rules engine on the event hub's
 * tickers and candles, the rules service, and the account events that always alert. Notifications
 * go through the bots' notification centre (stored, muted by kind, emitted to every channel).
 */
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { KeysRepo } from '../accounts/keys-repo';
import type { Db } from '../db/connection';
import type { EventHub } from '../events/event-hub';
import type { MarketSources } from '../market-data/market-sources';
import type { WatchRegistry } from '../market-data/watch-registry';
import type { PortfolioService } from '../portfolio/portfolio-service';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { AccountAlerts } from './account-alerts';
import { AlertEngine } from './alert-engine';
import { AlertRulesRepo } from './alert-rules-repo';
import { AlertService } from './alert-service';

export interface AlertsModuleDeps {
  db: Db;
  events: EventHub;
  watches: WatchRegistry;
  sources: MarketSources;
  accounts: AccountsRepo;
  accountService: AccountService;
  keys: KeysRepo;
  portfolio: PortfolioService;
  strategy: (strategyId: string) => { graph: StrategyGraph; name: string };
  notify: (level: Notification['level'], title: string, body: string, kind: string) => void;
  log: (line: string) => void;
  /** How often account connections and key ages are looked at besides account changes (ms). */
  accountCheckMs?: number;
}

export interface AlertsModule {
  service: AlertService;
  engine: AlertEngine;
  close(): void;
}

export function startAlerts(deps: AlertsModuleDeps): AlertsModule {
  const repo = new AlertRulesRepo(deps.db);
  const source = (accountId: string) => deps.sources.forAccount(deps.accountService.requireAccount(accountId));
  const changed = (rules: AlertRuleView[], deleted: string[]) => deps.events.emit('alerts.changed', { rules, deleted });
  const engine = new AlertEngine({
    repo,
    watches: deps.watches,
    subscribe: (topic, listener) => deps.events.subscribe(topic, listener),
    source,
    venueOf: (accountId) => deps.sources.venueOf(deps.accountService.requireAccount(accountId)),
    notify: deps.notify,
    changed,
    log: deps.log,
  });
  const service = new AlertService({ repo, engine, source, strategy: deps.strategy, changed });
  engine.start();

  const accountAlerts = new AccountAlerts({
    accounts: () => deps.accounts.list(),
    state: (account) => deps.portfolio.state(account),
    activeKey: (accountId) => deps.keys.active(accountId),
    notify: deps.notify,
  });
  const offChanged = deps.events.subscribe('accounts.changed', () => accountAlerts.check());
  const offRevoked = deps.accountService.onRevoked((accountId) => accountAlerts.revoked(accountId));
  const timer = setInterval(() => accountAlerts.check(), deps.accountCheckMs ?? 60_000);
  timer.unref();
  accountAlerts.check();

  return {
    service,
    engine,
    close: () => {
      clearInterval(timer);
      offChanged();
      offRevoked();
      engine.close();
    },
  };
}
