/**
 * Wires the spread monitor and the two-leg ticket (createCore calls this once): the monitor reads
 * connected live accounts, their markets and fees, and each source's own tickers; the trader goes
 * through the ticket's inputs and the order ledger. A row rising to the threshold is a
 * `spread.above` notification (mutable in the notification centre like every other kind).
 */
import type { SpreadPreferences, SpreadRow, SpreadTradeView } from '../../../shared/ipc/schemas/spread';
import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { KeysRepo } from '../accounts/keys-repo';
import type { Db } from '../db/connection';
import type { EventHub } from '../events/event-hub';
import { catalogEntry } from '../exchange/exchange-catalog';
import { formatNumber } from '../exchange/precision';
import { sourceKeyOf, type MarketSources } from '../market-data/market-sources';
import type { WatchRegistry } from '../market-data/watch-registry';
import type { TradingRuntime } from '../trading/trading-runtime';
import { SpreadMonitor, type SpreadAccount } from './spread-monitor';
import { SpreadPreferencesRepo } from './spread-preferences';
import { SpreadTrader } from './spread-trader';

/** The monitor's watch session in the WatchRegistry (the sources stream its symbols like a window's). */
export const SPREAD_WATCH_SESSION = 'spread-monitor';

export interface SpreadModuleDeps {
  db: Db;
  events: EventHub;
  accounts: AccountsRepo;
  keys: KeysRepo;
  accountService: AccountService;
  sources: MarketSources;
  watches: WatchRegistry;
  trading: TradingRuntime;
  referenceExchangeId: string;
  notify: (level: 'info' | 'warning', title: string, body: string, kind: string) => void;
  log: (line: string) => void;
}

export interface SpreadModule {
  monitor: SpreadMonitor;
  trader: SpreadTrader;
  preferences: { get(): SpreadPreferences; update(patch: Partial<SpreadPreferences>): SpreadPreferences };
  close(): void;
}

function aboveNotice(row: SpreadRow, accounts: ReadonlyMap<string, SpreadAccount>): { title: string; body: string } {
  const best = row.best!;
  const name = (id: string) => accounts.get(id)?.label ?? id;
  return {
    title: `Spread ${formatNumber(best.netPct, 3)} % on ${row.base}`,
    body: `Buy on ${name(best.buyAccountId)} at ${formatNumber(best.ask)} (${best.buySymbol}), sell on ${name(best.sellAccountId)} at ${formatNumber(best.bid)} (${best.sellSymbol}): ${formatNumber(best.grossPct, 3)} % gross, ${formatNumber(best.netPct, 3)} % after both taker fees${best.feeAssumed ? ' (a fee was assumed)' : ''}.`,
  };
}

export function startSpread(deps: SpreadModuleDeps): SpreadModule {
  const repo = new SpreadPreferencesRepo(deps.db, deps.log);
  let preferences = repo.get();
  const monitor = new SpreadMonitor({
    accounts: () =>
      deps.accounts
        .list()
        .filter((a) => a.kind === 'live' && deps.keys.active(a.id) !== undefined)
        .map((a) => ({
          id: a.id,
          label: a.label,
          exchangeName: catalogEntry(a.exchangeId)?.name ?? a.exchangeId,
          sourceKey: sourceKeyOf(a, deps.referenceExchangeId),
        })),
    markets: async (accountId) => (await deps.sources.forAccount(deps.accountService.requireAccount(accountId))).listMarkets(),
    fee: async (accountId, symbol) => {
      const { rules } = await deps.trading.markets.market(accountId, symbol);
      return { takerFee: rules.takerFee, feeAssumed: rules.feeAssumed === true };
    },
    onTicker: (listener) => deps.sources.onTicker(listener),
    poll: async (accountId, symbols) => (await deps.sources.forAccount(deps.accountService.requireAccount(accountId))).tickers(symbols),
    watch: (symbols) => (symbols ? deps.watches.set(SPREAD_WATCH_SESSION, symbols, undefined) : deps.watches.end(SPREAD_WATCH_SESSION)),
    preferences: () => preferences,
    emit: (rows, removed) => deps.events.emit('spread.rows', { rows, removed }),
    above: (row, accounts) => {
      const { title, body } = aboveNotice(row, accounts);
      deps.notify('info', title, body, 'spread.above');
    },
    log: deps.log,
  });
  const trader = new SpreadTrader({
    db: deps.db,
    orders: deps.trading.orders,
    tickets: deps.trading.tickets,
    accountService: deps.accountService,
    preferences: () => preferences,
    emit: (trade: SpreadTradeView) => deps.events.emit('spread.trade', { trade }),
    log: deps.log,
  });
  const offAccounts = deps.events.subscribe('accounts.changed', () => void monitor.refresh());
  return {
    monitor,
    trader,
    preferences: {
      get: () => preferences,
      update: (patch) => {
        const before = preferences;
        preferences = repo.update(patch);
        if (before.stableQuotesComparable !== preferences.stableQuotesComparable) void monitor.refresh();
        else if (before.thresholdPct !== preferences.thresholdPct) monitor.rejudge();
        return preferences;
      },
    },
    close: () => {
      offAccounts();
      monitor.close();
      trader.close();
    },
  };
}
