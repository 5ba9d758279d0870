import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { decodeCursor, encodeCursor } from '../../../shared/ipc/schemas/paging';
import type { AccountService } from '../accounts/account-service';
import type { AccountRecord, AccountsRepo } from '../accounts/accounts-repo';
import type { AuditLog } from '../audit/audit-log';
import type { KeysRepo } from '../accounts/keys-repo';
import { catalogEntry, exchangeCatalog } from '../exchange/exchange-catalog';
import type { MarketSources } from '../market-data/market-sources';
import { olderCandlesFor } from '../market-data/older-candles';
import type { ReferenceSource } from '../market-data/reference-source';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import type { PortfolioService } from '../portfolio/portfolio-service';
import type { TradingRuntime } from '../trading/trading-runtime';
import type { BotRuntime } from '../bots/bot-runtime';
import { createAgentHandlers } from './agent-handlers';
import type { AgentTokens } from '../agents/agent-tokens';
import type { Proposals } from '../agents/proposals';
import type { McpEndpointSettingsStore } from '../agents/mcp-endpoint-settings';
import { createBotHandlers } from './bot-handlers';
import { createIndexHandlers } from './index-handlers';
import { IndexService } from '../bots/kinds/rebalance/index-service';
import { createBotPresetHandlers } from './bot-preset-handlers';
import { createBotBacktestHandlers } from './bot-backtest-handlers';
import type { BotPresets } from '../bots/presets/bot-presets';
import { createSignalHandlers } from './signal-handlers';
import { createCopyHandlers } from './copy-handlers';
import { createCopyFeedHandlers } from './copy-feed-handlers';
import type { FeedPublisher } from '../copy/feed/feed-publisher';
import type { CopyService } from '../copy/copy-service';
import type { SignalService } from '../signals/signal-service';
import { createDepthHandlers } from './depth-handlers';
import { createFavouriteHandlers } from './favourite-handlers';
import { createLayoutHandlers } from './layout-handlers';
import type { LayoutStore } from '../workspace/layout-store';
import type { Storage } from '../db/storage';
import { createDiagnosticsHandlers, type DiagnosticsDeps } from './diagnostics-handlers';
import { createStorageHandlers } from './storage-handlers';
import type { FavouritesRepo } from '../markets/favourites-repo';
import type { Handlers } from './dispatch';
import { createIndicatorHandlers } from './indicator-handlers';
import { keysetPage, rowsToRead } from './keyset-page';
import { createOrderHandlers } from './order-handlers';
import { createLimitHandlers } from './limit-handlers';
import type { TrustedGate } from '../trust/trusted-gate';
import type { StrategyServices } from '../strategies/strategy-services';
import { createStrategyHandlers } from './strategy-handlers';
import { createModelHandlers } from './model-handlers';
import { createChannelHandlers } from './channel-handlers';
import type { ChannelService } from '../notify-channels/channel-service';
import { createAlertHandlers } from './alert-handlers';
import { createSpreadHandlers } from './spread-handlers';
import type { SpreadModule } from '../spread/spread-module';
import type { AlertService } from '../alerts/alert-service';
import type { NotificationMutes } from '../alerts/notification-mutes';
import { createSettingsHandlers } from './settings-handlers';
import type { SettingsService } from '../settings/settings-service';
import { createOnnxModelHandlers } from './onnx-model-handlers';
import type { OnnxModelStore } from '../ml/onnx/onnx-model-store';
import type { CsvUploads } from '../strategies/csv-uploads';

export interface HandlerDeps {
  accounts: AccountsRepo;
  keys: KeysRepo;
  audit: AuditLog;
  accountService: AccountService;
  portfolio: PortfolioService;
  reference: ReferenceSource;
  sources: MarketSources;
  watches: WatchRegistry;
  trading: TradingRuntime;
  strategies: StrategyServices;
  bots: BotRuntime;
  /** Bots' settings saved under a name (bots/presets). */
  botPresets: BotPresets;
  /** Inbound signal sources, listener switch and log (signals/). */
  signals: SignalService;
  /** Copy trading: follow links, copied positions, the copy log (copy/). */
  copy: CopyService;
  /** Signed feeds this host publishes (copy/feed/). */
  copyFeeds: FeedPublisher;
  favourites: FavouritesRepo;
  /** The docking workspace's current and named layouts (workspace/layout-store.ts). */
  layouts: LayoutStore;
  /** The database's backups, check and restore (db/storage.ts). */
  dataStore: Storage;
  notifyPortfolioChanged: (accountIds: string[]) => void;
  /** The host's trusted confirmation for weakening actions (confirmations off, limits). */
  trust: TrustedGate;
  appInfo: { name: string; version: string; host: 'electron' | 'server' | 'test'; dataDir: string };
  /** Logs folder and diagnostics export (diagnostics-handlers.ts). */
  diagnostics: DiagnosticsDeps;
  /** AI agents' tokens and their proposals waiting for a person (core/agents). */
  agents: { tokens: AgentTokens; proposals: Proposals; mcpEndpoint: McpEndpointSettingsStore };
  /** Alert delivery channels: Telegram, webhook, e-mail (channel-handlers.ts). */
  channels: ChannelService;
  /** Alert rules and the notification centre's per-kind mutes (alert-handlers.ts). */
  alerts: AlertService;
  mutes: NotificationMutes;
  /** The cross-exchange spread monitor and the two-leg ticket (spread-handlers.ts). */
  spread: SpreadModule;
  /** The app's settings document and the paper account reset (settings-handlers.ts). */
  settings: SettingsService;
  resetPaper: (startingBalance: number) => Promise<{ startingBalance: number; asset: string; cancelledOrders: number }>;
  /** Models imported as ONNX and their uploads in progress (onnx-model-handlers.ts). */
  onnx: { store: OnnxModelStore; uploads: CsvUploads };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { accounts, accountService, portfolio, reference } = deps;

  const sourceFor = (accountId: string): Promise<MarketDataSource> => deps.sources.forAccount(accountService.requireAccount(accountId));

  const requireMarket = (source: MarketDataSource, symbol: string): void => {
    if (!source.hasMarket(symbol)) {
      throw new TradewindError('not_found', `${symbol} is not a market on ${source.exchangeName}. Pick one from the markets list.`);
    }
  };

  const detail = (account: AccountRecord): AccountDetail => {
    const blocked = accountService.tradeBlockedReason(account);
    return {
      id: account.id,
      label: account.label,
      exchangeId: account.exchangeId,
      exchangeName:
        account.kind === 'paper'
          ? `${catalogEntry(account.exchangeId)?.name ?? account.exchangeId} (paper)`
          : (catalogEntry(account.exchangeId)?.name ?? account.exchangeId),
      kind: account.kind,
      sandbox: account.sandbox,
      marketType: account.marketType,
      createdAt: account.createdAt,
      canTrade: blocked === null,
      tradeBlockedReason: blocked,
      activeKey: deps.keys.active(account.id) ?? null,
      rotationDue: accountService.rotationDue(account),
      keyMaxAgeDays: account.keyMaxAgeDays,
      state: portfolio.state(account),
    };
  };

  return {
    'app.info': () => ({ ...deps.appInfo, platform: process.platform, marketData: reference.status() }),

    'accounts.list': () =>
      accounts.list().map(({ id, label, exchangeId, kind, createdAt }) => ({ id, label, exchangeId, kind, createdAt })),

    'portfolio.snapshot': async (input) => {
      await reference.ready.catch(() => undefined); // value with prices once the source has settled
      return portfolio.snapshot(input?.quote ?? 'USDT');
    },

    'portfolio.history': ({ quote, since }) => portfolio.history(quote ?? 'USDT', since),

    'markets.list': async ({ accountId }) => {
      const venue = deps.sources.venueOf(accountService.requireAccount(accountId));
      const source = await sourceFor(accountId);
      const markets = source.listMarkets();
      // Prices are a convenience here: a slow ticker endpoint must not hide the market list.
      const tickers = await source.tickers().catch(() => []);
      return { exchangeId: source.exchangeId, venue, timeframes: [...source.timeframes], markets, tickers };
    },

    'candles.get': async ({ accountId, symbol, timeframe, since, before, limit }) => {
      const venue = deps.sources.venueOf(accountService.requireAccount(accountId));
      const source = await sourceFor(accountId);
      requireMarket(source, symbol);
      if (before !== undefined) {
        const page = { symbol, timeframe, before, limit };
        const older = await olderCandlesFor(source, accountService.requireAccount(accountId), deps.strategies.cache, page);
        return { symbol, timeframe, venue, candles: older.candles, startReached: older.startReached };
      }
      const candles = await source.fetchCandles(symbol, timeframe, since, limit);
      return { symbol, timeframe, venue, candles };
    },

    'market.watch': async ({ accountId, symbols, candles, moreCandles = [] }, ctx) => {
      const source = await sourceFor(accountId);
      const known = symbols.filter((s) => source.hasMarket(s));
      if (candles) requireMarket(source, candles.symbol);
      for (const more of moreCandles) requireMarket(source, more.symbol);
      deps.watches.set(ctx.sessionId, known, candles ? [candles, ...moreCandles] : moreCandles);
      return { symbols: known };
    },

    'exchanges.catalog': () => exchangeCatalog(),

    'accounts.details': () => accounts.list().map(detail),

    'accounts.add': async (input) => {
      const account = await accountService.add(input);
      await portfolio.refresh(account.id);
      return detail(account);
    },

    'accounts.remove': async ({ accountId }) => {
      const result = await accountService.remove(accountId);
      portfolio.forget(accountId);
      deps.notifyPortfolioChanged([accountId]);
      return result;
    },

    'accounts.update': ({ accountId, label, keyMaxAgeDays }) => detail(accountService.update(accountId, { label, keyMaxAgeDays })),

    'accounts.keys': ({ accountId }) => {
      accountService.requireAccount(accountId);
      return deps.keys.list(accountId);
    },

    'accounts.rotateKey': async (input) => {
      const keys = await accountService.rotate(input);
      void portfolio.refresh(input.accountId);
      return keys;
    },

    'accounts.revokeKey': ({ accountId, version }) => accountService.revoke(accountId, version),

    'audit.list': (query) => deps.audit.list(query),

    'audit.page': ({ cursor, limit, ...filters }) => {
      const beforeId = cursor === undefined ? undefined : decodeCursor('audit', cursor).id;
      const rows = deps.audit.list({ ...filters, beforeId, limit: rowsToRead(limit) });
      return keysetPage(
        rows,
        limit,
        (e) => e,
        (e) => encodeCursor('audit', { time: 0, id: e.id }),
      );
    },

    ...createDepthHandlers({ sourceFor }),

    ...createFavouriteHandlers({ favourites: deps.favourites, accountService, sourceFor }),
    ...createLayoutHandlers(deps.layouts),
    ...createStorageHandlers(deps.dataStore, deps.trust),
    ...createDiagnosticsHandlers(deps.diagnostics),

    ...createOrderHandlers({ trading: deps.trading, accountService, trust: deps.trust, audit: deps.audit }),

    ...createLimitHandlers({ limits: deps.trading.limits, accountService, trust: deps.trust, audit: deps.audit }),

    ...createStrategyHandlers(deps.strategies),
    ...createModelHandlers(deps.strategies),

    // After the kill switch no agent proposal stays one click from sending.
    ...createBotHandlers(deps.bots, deps.audit, () => deps.agents.proposals.denyPending('The kill switch was used')),
    ...createBotPresetHandlers(deps.botPresets),
    ...createBotBacktestHandlers({
      jobs: deps.strategies.jobs,
      datasets: deps.strategies.datasets,
      strategies: deps.strategies.repo,
      account: (id) => accountService.requireAccount(id),
      market: (accountId, symbol) => deps.trading.markets.market(accountId, symbol),
      source: (account) => deps.sources.forAccount(account),
    }),
    ...createSignalHandlers(deps.signals),
    ...createCopyHandlers(deps.copy),
    ...createCopyFeedHandlers(deps.copyFeeds),
    ...createIndexHandlers(
      new IndexService({
        repo: deps.bots.repo,
        orders: deps.trading.orders,
        markets: deps.trading.markets,
        source: sourceFor,
        backtests: { jobs: deps.strategies.jobs, datasets: deps.strategies.datasets, pool: deps.strategies.pool },
        now: Date.now,
      }),
    ),

    ...createIndicatorHandlers(),

    ...createAgentHandlers({ ...deps.agents, trust: deps.trust }),

    ...createChannelHandlers(deps.channels),

    ...createAlertHandlers({ alerts: deps.alerts, mutes: deps.mutes }),
    ...createSpreadHandlers(deps.spread),
    ...createOnnxModelHandlers(deps.onnx.store, deps.onnx.uploads),

    ...createSettingsHandlers({
      settings: deps.settings,
      resetPaper: deps.resetPaper,
      dataDir: deps.appInfo.dataDir,
      openFolder: deps.diagnostics.openFolder,
      log: deps.diagnostics.log,
    }),
  };
}
