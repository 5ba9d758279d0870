import { EventHub } from './events/event-hub';
import { AccountsRepo } from './accounts/accounts-repo';
import { openDatabase } from './db/connection';
import { REFERENCE_EXCHANGE, ReferenceSource } from './market-data/reference-source';
import { WatchRegistry } from './market-data/watch-registry';
import { ensurePaperAccount } from './paper/paper-account';
import { resolveAssetsDir, resolveDataDir } from './paths';
import { dispatch } from './rpc/dispatch';
import { createHandlers } from './rpc/handlers';
import type { Core, CoreOptions } from './types';
import { APP_VERSION } from './version';

export type { Core, CoreOptions, CallContext } from './types';

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}".`);
  return value;
}

/**
 * Composition root: opens storage, ensures the paper account, starts market data and
 * wires the RPC handlers. Both hosts (Electron main, headless server) and tests call this.
 * Returns as soon as storage is ready; the exchange probe settles in the background.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[core] ${line}\n`));
  const dataDir = resolveDataDir(options.dataDir);
  const db = openDatabase(dataDir);
  const accounts = new AccountsRepo(db);
  ensurePaperAccount(db, accounts, REFERENCE_EXCHANGE.id);

  const events = new EventHub(100, (error) => log(`event listener failed: ${String(error)}`));
  const reference = new ReferenceSource(
    {
      assetsDir: resolveAssetsDir(),
      offline: options.offline ?? process.env.TRADEWIND_OFFLINE === '1',
      apiUrl: options.referenceApiUrl ?? (process.env.TRADEWIND_REFERENCE_API || undefined),
      probeTimeoutMs: options.probeTimeoutMs ?? 4_000,
      replaySpeed: options.replaySpeed ?? envNumber('TRADEWIND_REPLAY_SPEED') ?? 1,
      sink: events,
      log,
    },
    (status) => events.emit('marketData.status', status),
  );
  const watches = new WatchRegistry((symbols, candles) => {
    void reference.ready.then((source) => source.setWatched(symbols, candles));
  });
  // Keep the replay clock visible in every window (it advances even when nothing is watched).
  const statusTimer = setInterval(() => {
    const status = reference.status();
    if (status.mode === 'replay') events.emit('marketData.status', status);
  }, 5_000);
  statusTimer.unref();

  const handlers = createHandlers({
    db,
    accounts,
    reference,
    watches,
    appInfo: { name: 'Tradewind', version: APP_VERSION, host: options.host, dataDir },
  });

  let closed = false;
  return {
    dataDir,
    invoke: (method, input, ctx) => dispatch(handlers, method, input, ctx, log),
    subscribe: (topic, listener) => events.subscribe(topic, listener),
    endSession: (sessionId) => watches.end(sessionId),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(statusTimer);
      events.close();
      await reference.close().catch((error: unknown) => log(`closing market data failed: ${String(error)}`));
      db.close();
    },
  };
}
