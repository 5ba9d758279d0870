import { LimitsRepo } from '../limits/limits-repo';
import { LiveOrderLimits } from '../limits/live-order-limits';
import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import type { StorageHealth } from '../db/storage-health';
import type { AccountClock } from '../market-data/account-clock';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import { TradingEvents } from '../orders/order-events';
import { OrderService } from '../orders/order-service';
import { OrderSettingsRepo } from '../orders/order-settings';
import type { LookupPolicy } from '../orders/order-state';
import { OrdersRepo } from '../orders/orders-repo';
import { reconcileAccount, type ReconcileOutcome } from '../orders/reconcile';
import { Venues } from './venues';
import { MarketRulesCache } from '../exchange/market-rules-cache';
import type { Book } from '../paper/matching';
import { PaperExchange } from '../paper/paper-exchange';
import { ReferenceBooks } from '../paper/reference-book';
import type { PortfolioService } from '../portfolio/portfolio-service';
import { BracketManager } from './bracket-manager';
import { BracketsRepo } from './brackets-repo';
import { TicketService } from './ticket-service';
import { TradingLoop } from './trading-loop';

export interface TradingRuntimeDeps {
  db: Db;
  accounts: AccountsRepo;
  accountService: AccountService;
  audit: AuditLog;
  portfolio: PortfolioService;
  watches: WatchRegistry;
  /** Live accounts are read with their active key; without one there is nothing to reconcile with. */
  hasActiveKey: (accountId: string) => boolean;
  /** Market data of the paper accounts (the reference exchange live, or the replay). */
  paperSource: () => Promise<MarketDataSource>;
  reference: { exchangeId: string; apiUrl?: string | undefined; isLive: () => boolean };
  /** Replaces the reference exchange's live order book for paper fills (tests). */
  orderBook?: (symbol: string) => Promise<Book | null>;
  emit: <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;
  log: (line: string) => void;
  /** Whether the database can be written; orders are refused and matching waits while it cannot. */
  storage: StorageHealth;
  tickMs?: number;
  livePollMs?: number;
  lookupPolicy?: LookupPolicy;
  /** Each account's market clock, which orders are stamped with besides the wall clock (default: the wall clock). */
  marketClock?: AccountClock;
  /** The settings' paper fee (fraction) and default paper slippage (bps); the built-in defaults when not given. */
  paperDefaults?: () => { feeRate: number; slippageBps: number };
  now?: () => number;
}

/**
 * Manual and smart trading, assembled: the order ledger, the paper exchange, the venues, the
 * ticket, brackets and the loop that drives them. `createCore` builds one and closes it.
 */
export class TradingRuntime {
  readonly events: TradingEvents;
  readonly settings: OrderSettingsRepo;
  readonly paper: PaperExchange;
  readonly orders: OrderService;
  /** Per-account limits on live orders (checked inside `orders.submit`). */
  readonly limits: LiveOrderLimits;
  readonly tickets: TicketService;
  readonly brackets: BracketManager;
  /** Every account's market rules and rounding, read once per 10 min: the ticket, brackets and bots (via createCore) share it. */
  readonly markets: MarketRulesCache;
  readonly loop: TradingLoop;
  /** The start-up reconciliation (bots resume once it has settled). */
  reconciled: Promise<ReconcileOutcome[]> = Promise.resolve([]);
  private readonly books: ReferenceBooks;
  private readonly now: () => number;

  constructor(private readonly deps: TradingRuntimeDeps) {
    this.now = deps.now ?? Date.now;
    this.events = new TradingEvents(deps.emit, (accountIds) => this.balancesMoved(accountIds));
    const paperDefaults = deps.paperDefaults;
    this.settings = new OrderSettingsRepo(deps.db, paperDefaults ? () => paperDefaults().slippageBps : undefined);
    this.books = new ReferenceBooks({
      exchangeId: deps.reference.exchangeId,
      apiUrl: deps.reference.apiUrl,
      isLive: deps.reference.isLive,
    });
    this.paper = new PaperExchange({
      db: deps.db,
      source: deps.paperSource,
      book: deps.orderBook ?? ((symbol) => this.books.book(symbol)),
      slippageBps: (accountId) => this.settings.get(accountId).slippageBps,
      feeRate: paperDefaults ? () => paperDefaults().feeRate : undefined,
      onUpdate: (accountId, order) => this.orders.apply(accountId, order),
      log: deps.log,
      storage: deps.storage,
      now: this.now,
    });
    const venues = new Venues({ accountService: deps.accountService, paper: this.paper, paperSource: deps.paperSource, now: this.now });
    this.markets = new MarketRulesCache(venues, this.now);
    this.limits = new LiveOrderLimits(new LimitsRepo(deps.db), deps.audit, this.now);
    this.orders = new OrderService({
      db: deps.db,
      repo: new OrdersRepo(deps.db, this.now, deps.marketClock),
      venues,
      limits: this.limits,
      accountService: deps.accountService,
      audit: deps.audit,
      events: this.events,
      log: deps.log,
      storage: deps.storage,
      now: this.now,
      lookupPolicy: deps.lookupPolicy,
    });
    this.tickets = new TicketService({
      orders: this.orders,
      accountService: deps.accountService,
      settings: this.settings,
      markets: this.markets,
    });
    this.brackets = new BracketManager({
      repo: new BracketsRepo(deps.db, this.now),
      orders: this.orders,
      tickets: this.tickets,
      accountService: deps.accountService,
      events: this.events,
      log: deps.log,
      audit: deps.audit,
      markets: this.markets,
    });
    this.loop = new TradingLoop({
      orders: this.orders,
      paper: this.paper,
      brackets: this.brackets,
      watches: deps.watches,
      tickMs: deps.tickMs ?? 250,
      livePollMs: deps.livePollMs ?? 2_000,
      storage: deps.storage,
      log: deps.log,
      now: this.now,
    });
  }

  /** Start-up: reconcile every account in the background, resume brackets, start the loop. */
  start(): void {
    this.reconciled = this.reconcile();
    void this.reconciled.then((reports) => {
      for (const report of reports) {
        if (report.error) this.deps.log(`reconcile ${report.accountId}: ${report.error}`);
        else if (report.updated + report.adopted + report.failed > 0) {
          this.deps.log(
            `reconcile ${report.accountId}: ${report.checked} checked, ${report.updated} updated, ${report.adopted} adopted, ${report.failed} failed`,
          );
        }
      }
    });
    this.brackets.start();
    this.loop.start();
  }

  /** Reconciles one account (or all): live accounts need an active key to be read. */
  async reconcile(accountId?: string): Promise<ReconcileOutcome[]> {
    const accounts = accountId ? [this.deps.accountService.requireAccount(accountId)] : this.deps.accounts.list();
    return Promise.all(
      accounts.map(async (account) => {
        if (account.kind === 'live' && !this.deps.hasActiveKey(account.id)) {
          const error = `"${account.label}" has no active API key; its orders are checked once a key is added.`;
          return {
            accountId: account.id,
            at: this.now(),
            checked: 0,
            updated: 0,
            adopted: 0,
            failed: 0,
            error,
            fillsAdopted: 0,
            adoptedOrders: [],
          };
        }
        return reconcileAccount(this.orders, account.id, this.now);
      }),
    );
  }

  async close(): Promise<void> {
    await this.loop.close();
    await this.brackets.idle();
    this.brackets.dispose();
    this.events.close();
    await this.books.close();
  }

  private balancesMoved(accountIds: string[]): void {
    const paper: string[] = [];
    for (const id of accountIds) {
      const account = this.deps.accounts.get(id);
      if (account?.kind === 'paper') paper.push(id);
      else if (account) void this.deps.portfolio.refresh(id);
    }
    if (paper.length > 0) this.deps.emit('portfolio.changed', { accountIds: paper });
  }
}
