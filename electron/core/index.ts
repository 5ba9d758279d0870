import path from 'node:path';
import { AccountService } from './accounts/account-service';
import { AccountsRepo } from './accounts/accounts-repo';
import { AuditLog } from './audit/audit-log';
import { agentInvoke } from './agents/agent-calls';
import { AuditCoalescer } from './audit/audit-coalescer';
import { AgentTokens } from './agents/agent-tokens';
import { McpEndpointSettingsStore } from './agents/mcp-endpoint-settings';
import { Proposals } from './agents/proposals';
import { KeysRepo } from './accounts/keys-repo';
import { startAlerts } from './alerts/alerts-module';
import { startSpread } from './spread/spread-module';
import { NotificationMutes } from './alerts/notification-mutes';
import { BotRuntime } from './bots/bot-runtime';
import { rateLimitOf } from './bots/rate-limit';
import { openStorage } from './db/storage';
import { StorageHealth } from './db/storage-health';
import { acquireDataFolderLock, HOST_LABELS } from './db/data-folder-lock';
import { EventHub } from './events/event-hub';
import { DisposableStore } from './kit/disposable-store';
import { urlOverridesFromEnv } from './exchange/exchange-factory';
import { FavouritesRepo } from './markets/favourites-repo';
import { BotPresets } from './bots/presets/bot-presets';
import { LayoutStore } from './workspace/layout-store';
import { ChannelService } from './notify-channels/channel-service';
import { MarketSources, REFERENCE_KEY } from './market-data/market-sources';
import type { Ticker } from '../../shared/ipc/contract';
import { REFERENCE_EXCHANGE, ReferenceSource } from './market-data/reference-source';
import { accountClock } from './market-data/account-clock';
import { SqliteReplayClock } from './market-data/replay/replay-clock-store';
import { WatchRegistry } from './market-data/watch-registry';
import { ensurePaperAccount } from './paper/paper-account';
import { resetPaperAccount } from './paper/paper-reset';
import { SettingsService } from './settings/settings-service';
import { resolveAssetsDir, resolveDataDir } from './paths';
import { PortfolioService } from './portfolio/portfolio-service';
import { dispatch } from './rpc/dispatch';
import { createHandlers } from './rpc/handlers';
import { fileBackedLog } from './logs/core-log';
import { takePassphraseFromEnv } from './secrets/passphrase-source';
import { SignalRepo } from './signals/signal-repo';
import { StrategySignalHub } from './signals/strategy-signal-hub';
import { SignalSecrets } from './signals/signal-secrets';
import { SignalService } from './signals/signal-service';
import { CopyService } from './copy/copy-service';
import { FeedHttp } from './copy/feed/feed-http';
import { FeedPublisher } from './copy/feed/feed-publisher';
import { FeedRepo } from './copy/feed/feed-repo';
import { openSecretStore } from './secrets/select-store';
import type { SecretStore } from './secrets/secret-store';
import { createStrategyServices } from './strategies/strategy-services';
import { TradingRuntime } from './trading/trading-runtime';
import { NO_TRUSTED_CONFIRMER } from './trust/trusted-confirmer';
import { FillNotifier } from './trading/fill-notifications';
import { TrustedGate } from './trust/trusted-gate';
import type { CallContext, Core, CoreOptions } from './types';
import { TradewindError } from '../../shared/ipc/errors';
import { APP_VERSION } from './version';
import { OnnxModelStore } from './ml/onnx/onnx-model-store';
import { CsvUploads } from './strategies/csv-uploads';
import { ONNX_MODEL_MAX_BYTES } from '../../shared/ipc/schemas/onnx-models';

export type { Core, CoreOptions, CallContext } from './types';
export { DataFolderLockedError } from './db/data-folder-lock';

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}".`);
  return value;
}

/** Opens the secret store on first need and remembers it; a failure is not remembered (the person may unlock the keychain and retry). */
function lazySecretStore(open: () => Promise<SecretStore>): () => Promise<SecretStore> {
  let opened: Promise<SecretStore> | undefined;
  return () => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
}

/**
 * Composition root: opens storage, ensures the paper account, starts market data, accounts
 * and the portfolio, and wires the RPC handlers. Both hosts (Electron main, headless server)
 * and tests call this. Returns as soon as storage is ready; the exchange probe settles later.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = resolveDataDir(options.dataDir);
  // One process per data folder, taken before the database opens and released last in close();
  // a second host is refused here with DataFolderLockedError naming the holder.
  const folderLock = acquireDataFolderLock(dataDir, { host: HOST_LABELS[options.host] });
  // Everything started below is added as it is made; close() (or a failed start) disposes it in
  // reverse, every step even when one throws, so the database is always closed and the lock released.
  const resources = new DisposableStore();
  resources.add('data folder lock', () => folderLock.release());
  try {
    return await assembleCore(options, dataDir, resources);
  } catch (error) {
    // The start-up error is the one to report; a failure to undo the half-made core is only logged.
    await resources.dispose().catch((closeError: unknown) => options.log?.(`undoing a failed start: ${String(closeError)}`));
    throw error;
  }
}

async function assembleCore(options: CoreOptions, dataDir: string, resources: DisposableStore): Promise<Core> {
  // Every core line also goes to <data folder>/logs (rotated, redacted); the host sees it redacted too.
  const log = fileBackedLog(dataDir, options.log ?? ((line: string) => process.stderr.write(`[core] ${line}\n`)));
  // Checked before anything writes to it, backed up before migrations and daily; corruption found
  // while running stops trading and bots (haltForDamage below) and refuses writes.
  let haltForDamage = (error: Error): void => log(error.message);
  const dataStore = await openStorage(dataDir, { log, onDamaged: (error) => haltForDamage(error) });
  resources.add('database', () => dataStore.close());
  const db = dataStore.db;
  // Disk full, I/O errors, a read-only or locked file: orders stay as they are, bots pause, writes are refused with the cause.
  const storage = new StorageHealth({ db, dataDir, log });
  const accounts = new AccountsRepo(db);
  ensurePaperAccount(db, accounts, REFERENCE_EXCHANGE.id);
  const urlOverrides = options.exchangeUrls ?? urlOverridesFromEnv(process.env, log);

  const events = new EventHub(100, (error) => log(`event listener failed: ${String(error)}`));
  resources.add('event hub', () => events.close());
  // The reference source is built before MarketSources; its tickers reach the venue tap once that exists.
  let referenceTap = (_ticker: Ticker): void => {};
  // The reference stream's events are stamped with its venue (paper accounts read it too).
  const referenceSink = events.sinkFor(REFERENCE_KEY);
  const reference = new ReferenceSource(
    {
      assetsDir: resolveAssetsDir(),
      offline: options.offline ?? process.env.TRADEWIND_OFFLINE === '1',
      apiUrl: options.referenceApiUrl ?? (process.env.TRADEWIND_REFERENCE_API || undefined),
      probeTimeoutMs: options.probeTimeoutMs ?? 4_000,
      replaySpeed: options.replaySpeed ?? envNumber('TRADEWIND_REPLAY_SPEED') ?? 1,
      replayClock: options.replayClock,
      replayClockStore: new SqliteReplayClock(db),
      sink: {
        ticker: (ticker) => {
          referenceSink.ticker(ticker);
          referenceTap(ticker);
        },
        candle: (update) => referenceSink.candle(update),
      },
      log,
    },
    (status) => events.emit('marketData.status', status),
  );
  const sources = new MarketSources(reference, REFERENCE_EXCHANGE.id, { sink: (venue) => events.sinkFor(venue), urlOverrides, log });
  referenceTap = (ticker) => sources.ticker(REFERENCE_KEY, ticker);
  // Exchange sockets often fail to close cleanly; that is logged, not a failed shutdown.
  resources.add('market data', () => sources.close().catch((error: unknown) => log(`closing market data failed: ${String(error)}`)));
  const watches = new WatchRegistry((symbols, candles) => sources.setWatched(symbols, candles));
  // Keep the replay clock visible in every window (it advances even when nothing is watched).
  const statusTimer = setInterval(() => {
    const status = reference.status();
    if (status.mode === 'replay') events.emit('marketData.status', status);
  }, 5_000);
  statusTimer.unref();
  resources.add('market data status timer', () => clearInterval(statusTimer));

  const keys = new KeysRepo(db);
  const audit = new AuditLog(db, (entry) => events.emit('audit.appended', entry));
  // Taken out of process.env here if the host has not done it already (passphrase-source.ts).
  const secretPassphrase = options.secretPassphrase ?? takePassphraseFromEnv(process.env, log);
  const accountsChanged = (accountIds: string[]) => events.emit('accounts.changed', { accountIds });
  // Weakening actions are confirmed by the host, outside the renderer; a host that gives no confirmer gets refusals.
  const trust = new TrustedGate(options.trustedConfirmer ?? NO_TRUSTED_CONFIRMER, audit, options.trustedTimeoutMs);
  // One opener for exchange keys and alert channels' secrets (bot token, webhook secret, SMTP password).
  const secrets = lazySecretStore(
    options.openSecretStore ?? (() => openSecretStore({ dataDir, env: process.env, passphrase: secretPassphrase })),
  );
  const accountService = new AccountService({
    db,
    accounts,
    keys,
    audit,
    trust,
    secrets,
    urlOverrides,
    onChanged: accountsChanged,
  });
  const portfolio = new PortfolioService({
    db,
    accounts,
    accountService,
    reference,
    log,
    refreshMs: options.balanceRefreshMs ?? envNumber('TRADEWIND_BALANCE_REFRESH_MS') ?? 30_000,
    historyMs: options.historySampleMs ?? 5 * 60_000,
    onChanged: (accountIds) => {
      events.emit('portfolio.changed', { accountIds });
      accountsChanged(accountIds);
    },
  });
  resources.add('accounts', () => accountService.close());
  portfolio.start();
  resources.add('portfolio', () => portfolio.close());
  const retireTimer = setInterval(() => {
    accountService
      .retireDue()
      .catch((error: unknown) => log(`key retirement failed: ${error instanceof Error ? error.message : String(error)}`));
  }, options.keyRetireCheckMs ?? 60_000);
  retireTimer.unref();
  resources.add('key retirement timer', () => clearInterval(retireTimer));
  // Keys whose overlap ended while Tradewind was closed are retired at start-up.
  if (keys.dueForRetirement(Date.now()).length > 0) void accountService.retireDue().catch(() => {});

  // Paper orders and bot events are stamped with the paper account's market clock too, so the UI shows them on the fills' clock.
  const marketClock = accountClock(
    (id) => accounts.get(id)?.kind === 'paper',
    () => reference.status().replayTime,
  );
  // The app's settings (core/settings): the paper fee and default slippage are read from them on every order.
  const settings = new SettingsService(db, audit, log);
  const trading = new TradingRuntime({
    marketClock,
    paperDefaults: () => {
      const { paperFeePct, paperSlippageBps } = settings.get().trading;
      return { feeRate: paperFeePct / 100, slippageBps: paperSlippageBps };
    },
    storage,
    db,
    accounts,
    accountService,
    audit,
    portfolio,
    watches,
    hasActiveKey: (accountId) => keys.active(accountId) !== undefined,
    paperSource: () => reference.ready,
    reference: {
      exchangeId: REFERENCE_EXCHANGE.id,
      apiUrl: options.referenceApiUrl ?? (process.env.TRADEWIND_REFERENCE_API || undefined),
      isLive: () => reference.status().mode === 'live',
    },
    emit: (topic, payload) => events.emit(topic, payload),
    log,
    tickMs: options.tradingTickMs ?? envNumber('TRADEWIND_TRADING_TICK_MS'),
    livePollMs: options.livePollMs ?? envNumber('TRADEWIND_LIVE_POLL_MS'),
  });
  trading.start();
  resources.add('trading', () => trading.close());
  // A new paper fee shows in the next ticket preview, not after the market rules cache expires.
  settings.onChange(() => {
    for (const account of accounts.list()) if (account.kind === 'paper') trading.markets.forget(account.id);
  });

  // Signal sources live in SQLite (their secrets in the keychain); signal bots check their binding against them,
  // and backtests of "Signal received" blocks replay their logs.
  const signalRepo = new SignalRepo(db);
  const strategySignals = new StrategySignalHub(() => signalRepo.list());
  // Models trained elsewhere (ONNX): files in <data folder>/models/onnx, sessions opened on first use;
  // backtests of Model blocks naming one run it in core.
  const onnxModels = new OnnxModelStore(db, dataDir);
  resources.add('onnx models', () => onnxModels.close());
  const strategies = createStrategyServices({
    signalLog: signalRepo,
    onnx: onnxModels,
    // Trained models: one JSON file per version under the data folder (ml/registry.ts).
    modelsDir: path.join(dataDir, 'models'),
    db,
    accountService,
    sources,
    emit: (progress) => events.emit('jobs.progress', progress),
    log,
    optimiserSettings: () => settings.get().optimiser,
    envRedisUrl: process.env.TRADEWIND_REDIS_URL,
  });
  resources.add('strategies and jobs', () => strategies.close());

  // Every notification core raises also goes to the person's channels (Telegram, webhook, e-mail),
  // queued per channel so a slow or dead channel never holds up trading.
  const channels = new ChannelService({
    db,
    secrets,
    onDelivery: (row) => events.emit('channels.delivery', row),
    log,
    ...options.notifyChannels,
    telegramApiUrl: options.notifyChannels?.telegramApiUrl ?? (process.env.TRADEWIND_TELEGRAM_API || undefined),
  });
  const stopChannelFeed = events.subscribe('notification', (notification) => channels.notify(notification));
  // Webhook addresses saved in the database by earlier versions move to the keychain (touches it only if there are any).
  const webhookUrlsMoved = channels.moveWebhookUrlsToKeychain().catch((error: unknown) => {
    log(`channels: moving webhook URLs to the secret store failed: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  });
  resources.add('notification channels', async () => {
    stopChannelFeed();
    await webhookUrlsMoved;
    await channels.close();
  });

  // The notification centre's per-kind mute list: a muted kind is neither stored nor sent to any channel.
  const mutes = new NotificationMutes(db);
  const bots = new BotRuntime({
    isMuted: (kind) => mutes.isMuted(kind),
    signalSource: (sourceId) => signalRepo.get(sourceId) ?? null,
    strategySignals,
    onnx: onnxModels,
    // Walk-forward Model blocks: pinned versions from the registry, retrained on the worker pool (never on core's thread).
    modelTraining: {
      registry: strategies.models,
      train: (request, control) => strategies.pool().trainModel(request, control),
      // Retrains are jobs like the others: the Jobs panel lists them and cancels them.
      jobs: strategies.jobs,
    },
    marketClock,
    storage,
    db,
    accounts,
    accountService,
    orders: trading.orders,
    markets: trading.markets,
    source: (accountId) => sources.forAccount(accountService.requireAccount(accountId)),
    strategy: (strategyId) => {
      const record = strategies.repo.get(strategyId);
      return { graph: record.graph, name: record.name };
    },
    watches,
    emit: (topic, payload) => events.emit(topic, payload),
    log,
    rateLimitMs: rateLimitOf(accounts, accountService),
    tickMs: options.botTickMs ?? envNumber('TRADEWIND_BOT_TICK_MS'),
    circuitPolicy: options.botCircuit,
    trust,
    audit,
  });
  resources.add('bots', () => bots.close());
  // Copy trading: leader fills from the ledger → the follower's copies through the same ledger.
  const copy = new CopyService({
    db,
    accounts,
    orders: trading.orders,
    markets: trading.markets,
    equity: (accountId) => {
      const account = portfolio.snapshot('USD').accounts.find((a) => a.accountId === accountId);
      return account && (account.unpriced ?? []).length === 0 ? account.totalValue : null;
    },
    // A follower's quote conversions (BTC/USDT leader → BTC/EUR copy) at the rate its balances are valued with.
    rate: (from, to, accountId) => portfolio.rate(from, to, accountId),
    bot: (id) => {
      const record = bots.repo.get(id);
      return record ? { name: record.name, accountId: record.accountId } : null;
    },
    emitLog: (entry) => events.emit('copy.log', entry),
    linksChanged: (ids) => events.emit('copy.links.changed', { ids }),
    log,
    trust,
    feedRetry: options.copyFeedRetry,
    externalPollMs: options.copyExternalPollMs,
    externalBackoff: options.copyExternalBackoff,
  });
  // Signed feeds this host publishes: every fill of a feed's leader, numbered and signed (keys in the secret store).
  const copyFeeds = new FeedPublisher({
    repo: new FeedRepo(db),
    orders: trading.orders.repo,
    secrets,
    leaderLabel: (leader) => {
      if (leader.kind === 'account') return accounts.get(leader.accountId)?.label ?? null;
      return bots.repo.get(leader.botId)?.name ?? null;
    },
    servedHere: options.host === 'server',
    log,
  });
  const stopFeedObserver = trading.orders.onChange((order) => copyFeeds.observe(order));
  resources.add('copy feeds', () => stopFeedObserver());
  // Copies resume once the ledger's start-up reconciliation has settled (it owns the orders a crash left unknown).
  void trading.reconciled
    .then(() => copyFeeds.start())
    .catch((error: unknown) => log(`copy feeds failed to start: ${error instanceof Error ? error.message : String(error)}`));
  void trading.reconciled
    .then(() => copy.start())
    .catch((error: unknown) => log(`copy trading failed to start: ${error instanceof Error ? error.message : String(error)}`));
  const copyTimer = setInterval(() => {
    copy.engine
      .tick()
      .catch((error: unknown) => log(`copy stop-loss check failed: ${error instanceof Error ? error.message : String(error)}`));
  }, options.copyTickMs ?? 5_000);
  copyTimer.unref();
  resources.add('copy trading', async () => {
    clearInterval(copyTimer);
    await copy.close();
  });
  const signals = new SignalService({
    repo: signalRepo,
    strategies: strategySignals,
    secrets: new SignalSecrets(secrets),
    account: (id) => accounts.get(id),
    hasMarket: async (accountId, symbol) => (await sources.forAccount(accountService.requireAccount(accountId))).hasMarket(symbol),
    bots: {
      list: () => bots.repo.list(),
      deliver: (id, message) => bots.deliver(id, message),
      start: (id) => bots.start(id),
      stop: (id, detail) => bots.stop(id, 'manual', detail),
    },
    emit: (entry) => events.emit('signals.received', entry),
    settingsChanged: (settings) => events.emit('signals.settings', settings),
    perMinute: options.signalsPerMinute,
  });
  // Manual and smart-trade fills go to the same notification centre as the bots' own.
  const fillNotifier = new FillNotifier((notice) => void bots.notify(notice.level, notice.title, notice.body, notice.kind));
  trading.events.observe((orders, brackets) => fillNotifier.observe(orders, brackets));
  // A leader's bracket moved or ended: links copying the leader's take-profit/stop follow it.
  trading.events.observe((_orders, brackets) => {
    // The published accounts' brackets go out on their signed feeds (followers on other machines mirror them).
    if (copyFeeds.list().some((feed) => feed.leader.kind === 'account'))
      for (const bracket of brackets) {
        const protection = copy.bracketProtection(bracket.id);
        if (protection) copyFeeds.observeProtection(protection);
      }
    if (brackets.length > 0)
      void copy
        .bracketsChanged(brackets.map((b) => b.id))
        .catch((error: unknown) =>
          log(`copy: leader brackets could not be mirrored: ${error instanceof Error ? error.message : String(error)}`),
        );
  });
  // Alert rules on the live ticker/candle events (and the replay), plus account events that always alert.
  const alerts = startAlerts({
    db,
    events,
    watches,
    sources,
    accounts,
    accountService,
    keys,
    portfolio,
    strategy: (strategyId) => {
      const record = strategies.repo.get(strategyId);
      return { graph: record.graph, name: record.name };
    },
    notify: (level, title, body, kind) => void bots.notify(level, title, body, kind),
    log,
  });
  resources.add('alerts', () => alerts.close());
  // The cross-exchange spread monitor (runs only while a window looks at it) and the two-leg ticket.
  const spread = startSpread({
    db,
    events,
    accounts,
    keys,
    accountService,
    sources,
    watches,
    trading,
    referenceExchangeId: REFERENCE_EXCHANGE.id,
    notify: (level, title, body, kind) => void bots.notify(level, title, body, kind),
    log,
  });
  resources.add('spread monitor', () => spread.close());
  // Bots resume once the ledger's start-up reconciliation has settled.
  void bots
    .startUp(trading.reconciled)
    .catch((error: unknown) => log(`bots failed to start: ${error instanceof Error ? error.message : String(error)}`));
  haltForDamage = (error) => {
    log(error.message);
    events.emit('notification', {
      id: `database-damaged-${Date.now()}`,
      at: Date.now(),
      level: 'error',
      title: 'Database damaged: trading and bots stopped',
      body: error.message,
      botId: null,
    });
    // Their loops stop; nothing is written (the guard refuses writes) and no order is sent (every order is written before it is sent).
    void bots.close().catch((closeError: unknown) => log(`stopping bots after damage: ${String(closeError)}`));
    void trading.close().catch((closeError: unknown) => log(`stopping trading after damage: ${String(closeError)}`));
    portfolio.close(); // its 1 s tick reads the accounts table: it must not keep throwing
  };
  dataStore.onBackupFailed((message) =>
    events.emit('notification', {
      id: `backup-failed-${Date.now()}`,
      at: Date.now(),
      level: 'warning',
      title: 'Daily backup failed',
      body: message,
      botId: null,
    }),
  );

  // AI agents (MCP): tokens and the approval queue. Approving runs the method a person's click
  // would, through this core's own dispatch (no agent door: the person decided).
  const invokeAsCore = (method: unknown, input: unknown, ctx: CallContext) =>
    dispatch(handlers, method, input, ctx, log, (error, failed) =>
      storage.noteFailure(error, `complete ${failed}`, 'The change was not saved.'),
    );
  const agentAuditRepeats = new AuditCoalescer(audit);
  resources.add('agent audit counts', () => agentAuditRepeats.flush());
  const agentTokens = new AgentTokens(db, audit, agentAuditRepeats);
  const proposals = new Proposals({
    db,
    tokens: agentTokens,
    audit,
    run: async <T>(method: string, input: unknown): Promise<T> => {
      const result = await invokeAsCore(method, input, { sessionId: 'core:agent-approvals' });
      if (!result.ok) throw new TradewindError(result.error.code, result.error.message);
      return result.value as T;
    },
    onChanged: (pending, ids) => events.emit('agents.proposals.changed', { pending, ids }),
    notify: (title, body) => void bots.notify('warning', title, body),
  });
  const expiryTimer = setInterval(() => {
    try {
      proposals.expireDue();
    } catch (error) {
      log(`expiring agent proposals failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, 30_000);
  expiryTimer.unref();
  resources.add('agent proposal expiry timer', () => clearInterval(expiryTimer));
  // An MCP call (agentToken set by the MCP server, never from a wire message) passes the agent door first.
  const invokeAsAgent = agentInvoke(agentTokens, audit, agentAuditRepeats, invokeAsCore);

  // Uploads are base64 text: 4 characters per 3 bytes of model.
  const onnxUploads = new CsvUploads(
    Math.ceil(ONNX_MODEL_MAX_BYTES / 3) * 4,
    Date.now,
    `The model file is larger than the ${ONNX_MODEL_MAX_BYTES / 1024 / 1024} MB import limit.`,
  );

  const handlers = createHandlers({
    accounts,
    keys,
    audit,
    accountService,
    portfolio,
    reference,
    sources,
    watches,
    trading,
    strategies,
    bots,
    signals,
    copy,
    copyFeeds,
    favourites: new FavouritesRepo(db),
    layouts: new LayoutStore(db, log),
    botPresets: new BotPresets(db),
    dataStore,
    notifyPortfolioChanged: (accountIds) => events.emit('portfolio.changed', { accountIds }),
    trust,
    appInfo: { name: 'Tradewind', version: APP_VERSION, host: options.host, dataDir },
    diagnostics: { db, dataDir, host: options.host, openFolder: options.openFolder, log },
    alerts: alerts.service,
    mutes,
    spread,
    agents: {
      tokens: agentTokens,
      proposals,
      mcpEndpoint: new McpEndpointSettingsStore(db, (next) => events.emit('agents.mcpEndpoint', next)),
    },
    channels,
    settings,
    onnx: { store: onnxModels, uploads: onnxUploads },
    resetPaper: (startingBalance) =>
      resetPaperAccount(
        {
          db,
          audit,
          activeBots: (accountId) =>
            bots
              .list()
              .filter(
                (bot) => bot.accountId === accountId && (bot.state === 'running' || bot.state === 'paused' || bot.state === 'stopping'),
              )
              .map((bot) => bot.name),
          activeBrackets: (accountId) => trading.brackets.list({ accountId, active: true }).length,
          cancelOpenOrders: async (accountId) => {
            const { cancelled, failed } = await trading.orders.cancelAll(accountId);
            return { cancelled: cancelled.length, failed: failed.map((f) => f.message) };
          },
          onReset: (accountId) => {
            void portfolio.refresh(accountId);
            events.emit('portfolio.changed', { accountIds: [accountId] });
          },
        },
        startingBalance,
      ),
  });

  return {
    dataDir,
    invoke: (method, input, ctx) => (ctx.agentToken !== undefined ? invokeAsAgent(method, input, ctx) : invokeAsCore(method, input, ctx)),
    subscribe: (topic, listener) => events.subscribe(topic, listener),
    endSession: (sessionId) => {
      watches.end(sessionId);
      spread.monitor.unwatch(sessionId);
      strategies.uploads.endSession(sessionId);
      onnxUploads.endSession(sessionId);
    },
    signals: {
      enabled: () => signals.enabled(),
      port: () => signals.settings().port,
      receive: (request) => signals.receive(request),
      refuse: (sourceId, status, message) => signals.refuseAtHost(sourceId, status, message),
    },
    feeds: new FeedHttp(copyFeeds),
    sessionState: () => ({
      watchSessions: watches.size,
      eventListeners: events.listenerCount(),
      csvUploads: strategies.uploads.size + onnxUploads.size,
    }),
    // Bots, strategies, trading, timers, portfolio, accounts, market data, events, database, lock:
    // the reverse of start-up. Every step runs; the failures come back together (DisposeError).
    close: () =>
      resources.dispose().catch((error: unknown) => {
        log(`closing: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }),
  };
}
