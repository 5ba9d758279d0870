import ccxt from 'ccxt';
import { CREDENTIAL_FIELDS } from '../../../shared/ipc/schemas/accounts';
import { walletKeyHint } from './wallet-keys';

export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

export interface ExchangeCatalogEntry {
  id: string;
  name: string;
  credentials: CredentialField[];
  capabilities: {
    websocket: boolean;
    oco: boolean;
    stopOrders: boolean;
    sandbox: boolean;
    balance: boolean;
    perpetuals: boolean;
  };
  /** Wallet-key venues: which private key the form expects (wallet-keys.ts). */
  keyHint?: string;
}

type HasTable = Record<string, boolean | 'emulated' | undefined>;

const truthy = (value: unknown) => value === true || value === 'emulated';

/** Binance-family spot OCO is only reachable through ccxt's implicit API, not a unified flag. */
const hasNativeOcoEndpoint = (exchange: object) =>
  ['privatePostOrderListOco', 'privatePostOrderOco'].some((name) => typeof (exchange as Record<string, unknown>)[name] === 'function');

/**
 * Every exchange ccxt supports, with what the add-account flow needs to know. Building
 * all instances takes seconds, so the catalogue is computed once, on first use.
 */
let cached: ExchangeCatalogEntry[] | undefined;

export function exchangeCatalog(): ExchangeCatalogEntry[] {
  if (cached) return cached;
  const pro = new Set<string>((ccxt.pro as { exchanges?: string[] }).exchanges ?? []);
  const entries: ExchangeCatalogEntry[] = [];
  for (const id of ccxt.exchanges as string[]) {
    const Ctor = (ccxt as unknown as Record<string, new () => InstanceType<typeof ccxt.Exchange>>)[id];
    if (typeof Ctor !== 'function') continue;
    const exchange = new Ctor();
    const has = exchange.has as HasTable;
    const required = exchange.requiredCredentials as Record<string, boolean>;
    const name = String(exchange.name ?? id);
    const credentials = CREDENTIAL_FIELDS.filter((field) => required[field] === true);
    const keyHint = walletKeyHint(id, name, credentials);
    entries.push({
      id,
      name,
      credentials,
      ...(keyHint !== null ? { keyHint } : {}),
      capabilities: {
        websocket: pro.has(id),
        oco: truthy(has['createOrderWithTakeProfitAndStopLoss']) || truthy(has['createOcoOrder']) || hasNativeOcoEndpoint(exchange),
        stopOrders: truthy(has['createStopOrder']) || truthy(has['createStopLossOrder']) || truthy(has['createTriggerOrder']),
        sandbox: Boolean((exchange.urls as Record<string, unknown>)['test']),
        balance: truthy(has['fetchBalance']),
        perpetuals: truthy(has['swap']) && truthy(has['setLeverage']) && truthy(has['fetchPositions']),
      },
    });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  cached = entries;
  return entries;
}

/**
 * The `urls` table (www, doc, api, …) of every exchange ccxt supports, as ccxt publishes it (the
 * Electron host builds its link allowlist from it). Builds every class: call it once, lazily.
 */
export function exchangeUrlTables(): unknown[] {
  const classes = ccxt as unknown as Record<string, (new () => { urls?: unknown }) | undefined>;
  return (ccxt.exchanges as string[]).flatMap((id) => {
    const Ctor = classes[id];
    return typeof Ctor === 'function' ? [new Ctor().urls] : [];
  });
}

const rateLimits = new Map<string, number | null>();

/** ccxt's published `rateLimit` of an exchange (ms between requests), read once per exchange id. */
export function publishedRateLimitMs(exchangeId: string): number | null {
  if (!rateLimits.has(exchangeId)) {
    const Ctor = (ccxt as unknown as Record<string, (new (config: object) => { rateLimit?: unknown }) | undefined>)[exchangeId];
    rateLimits.set(exchangeId, typeof Ctor === 'function' ? Number(new Ctor({}).rateLimit) || null : null);
  }
  return rateLimits.get(exchangeId) ?? null;
}

export function catalogEntry(id: string): ExchangeCatalogEntry | undefined {
  return exchangeCatalog().find((entry) => entry.id === id);
}
