import type { Account, Market, MethodOutput, PortfolioSnapshot, Ticker, VenueTicker } from '../../shared/ipc/contract';
import type { AccountDetail, AccountState, KeyRights, KeyVersion } from '../../shared/ipc/schemas/accounts';

export type CatalogEntry = MethodOutput<'exchanges.catalog'>[number];

export const PAPER_ACCOUNT: Account = {
  id: 'paper-1',
  label: 'Paper',
  exchangeId: 'paper',
  kind: 'paper',
  createdAt: 1_700_000_000_000,
};
export const LIVE_ACCOUNT: Account = {
  id: 'binance-1',
  label: 'Binance main',
  exchangeId: 'binance',
  kind: 'live',
  createdAt: 1_700_000_100_000,
};

export function market(symbol: string, priceStep: number | null = 0.01): Market {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, active: true, amountStep: 0.0001, priceStep, minAmount: null, minCost: null };
}

/** A ticker as the `tickers` event carries it (from the paper account's venue); a `Ticker` for RPC answers too. */
export function ticker(symbol: string, last: number, timestamp = 1_000, changePct24h: number | null = 1.5): VenueTicker {
  return { symbol, last, bid: null, ask: null, changePct24h, quoteVolume24h: 1_234_567, timestamp, venue: 'binance' };
}

export function marketList(markets: Market[], tickers: Ticker[] = []): MethodOutput<'markets.list'> {
  return { exchangeId: 'binance', venue: 'binance', timeframes: ['1m', '5m', '1h', '1d'], markets, tickers };
}

/** `count` synthetic markets, e.g. for windowing tests: COIN0000/USDT, COIN0001/USDT, ... */
export function manyMarkets(count: number): Market[] {
  return Array.from({ length: count }, (_, index) => market(`COIN${String(index).padStart(4, '0')}/USDT`));
}

export const OK_STATE: AccountState = { status: 'ok', since: null, message: 'Balances read.' };

export function snapshot(accountId: string, usdt: number, updatedAt = 1_000): PortfolioSnapshot {
  return {
    quote: 'USDT',
    totalValue: usdt,
    updatedAt,
    accounts: [
      {
        accountId,
        label: 'Paper',
        exchangeId: 'paper',
        totalValue: usdt,
        balances: [{ asset: 'USDT', free: usdt, used: 0, total: usdt, value: usdt }],
        state: OK_STATE,
        balancesAt: updatedAt,
      },
    ],
    assets: [{ asset: 'USDT', free: usdt, used: 0, total: usdt, value: usdt, byAccount: [{ accountId, total: usdt, value: usdt }] }],
  };
}

export const SAFE_RIGHTS: KeyRights = { read: 'yes', trade: 'yes', withdraw: 'no', ipRestricted: 'yes', advice: '' };

export function keyVersion(version: number, overrides: Partial<KeyVersion> = {}): KeyVersion {
  return {
    accountId: LIVE_ACCOUNT.id,
    version,
    status: 'active',
    createdAt: Date.UTC(2024, 0, version, 9, 30),
    lastUsedAt: null,
    last4: `K${version}9Z`,
    rights: SAFE_RIGHTS,
    retireAt: null,
    retiredAt: null,
    withdrawOverride: false,
    ...overrides,
  };
}

export function accountDetail(account: Account, overrides: Partial<AccountDetail> = {}): AccountDetail {
  const live = account.kind === 'live';
  return {
    ...account,
    exchangeName: live ? 'Binance' : 'Binance (paper)',
    sandbox: false,
    marketType: 'spot',
    canTrade: true,
    tradeBlockedReason: null,
    activeKey: live ? keyVersion(1) : null,
    rotationDue: false,
    keyMaxAgeDays: 90,
    state: OK_STATE,
    ...overrides,
  };
}

export function catalogEntry(id: string, name: string, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id,
    name,
    credentials: ['apiKey', 'secret'],
    capabilities: { websocket: true, oco: false, stopOrders: true, sandbox: true, balance: true, perpetuals: false },
    ...overrides,
  };
}
