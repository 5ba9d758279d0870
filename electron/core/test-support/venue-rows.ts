/**
 * The venues every trading feature is proven on, one row each: how to start the venue's loopback
 * fake with one trading key (no withdrawal), the credentials core signs with, how the fake spells
 * BTC/USDT, and what the venue can do natively. A new venue is proven by adding one row here:
 * `venue-contract.integration.test.ts` (the OrderVenue seam) and `venue-features.integration.test.ts`
 * (ticket, brackets, ledger, restart, bots through a real core) iterate over this list.
 */
import { startFakeBinance, startFakeBybit, startFakeOkx, type StateControl } from '../../../e2e/fake-exchange';
import type { VenueServer } from '../../../e2e/fake-exchange/venue-server';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { createCore, type Core } from '../index';
import { REFERENCE_EXCHANGE } from '../market-data/reference-source';
import { testSecretStore } from './live-core';
import { makeTempDir } from './temp-dir';
import { TestConfirmer } from './test-confirmer';

/** What the suite needs from any fake venue: its state controls and its server. */
export type VenueFake = Omit<StateControl, 'addKey'> & Pick<VenueServer<unknown>, 'url' | 'close' | 'requests'>;

export interface VenueCredentials {
  apiKey: string;
  secret: string;
  /** OKX's passphrase (ccxt's `password`). */
  password?: string;
}

export interface VenueRow {
  /** Shown in the test names. */
  name: string;
  /** ccxt exchange id, the account's exchange. */
  exchangeId: string;
  /** The fake's own spelling of BTC/USDT (Binance/Bybit "BTCUSDT", OKX "BTC-USDT"). */
  btcUsdt: string;
  credentials: VenueCredentials;
  /** Starts the fake with `credentials` as a read + trade key without withdrawal. */
  startFake(): Promise<VenueFake>;
  capabilities: {
    /** The bracket's one-target + stop exits go to the venue as one native OCO list (else core watches the stop). */
    nativeOco: boolean;
  };
}

const TRADE_ONLY = { read: true, trade: true, withdraw: false };

export const VENUE_ROWS: readonly VenueRow[] = [
  {
    name: 'Binance',
    exchangeId: 'binance',
    btcUsdt: 'BTCUSDT',
    credentials: { apiKey: 'suite-binance-key', secret: 'suite-binance-secret' },
    startFake: () => startFakeBinance({ keys: [{ apiKey: 'suite-binance-key', secret: 'suite-binance-secret', rights: TRADE_ONLY }] }),
    capabilities: { nativeOco: true },
  },
  {
    name: 'Bybit',
    exchangeId: 'bybit',
    btcUsdt: 'BTCUSDT',
    credentials: { apiKey: 'suite-bybit-key', secret: 'suite-bybit-secret' },
    startFake: () => startFakeBybit({ keys: [{ apiKey: 'suite-bybit-key', secret: 'suite-bybit-secret', rights: TRADE_ONLY }] }),
    // Bybit v5 spot has no OCO list (only a TP/SL attached to the entry order): exits are core-managed.
    capabilities: { nativeOco: false },
  },
  {
    name: 'OKX',
    exchangeId: 'okx',
    btcUsdt: 'BTC-USDT',
    credentials: { apiKey: 'suite-okx-key', secret: 'suite-okx-secret', password: 'Suite-Okx-Pass-1' },
    startFake: () =>
      startFakeOkx({
        keys: [{ apiKey: 'suite-okx-key', secret: 'suite-okx-secret', passphrase: 'Suite-Okx-Pass-1', rights: TRADE_ONLY }],
      }),
    // OKX's algo "oco" orders are not modelled by the fake (nor used by core): exits are core-managed.
    capabilities: { nativeOco: false },
  },
];

export interface RowCore {
  row: VenueRow;
  fake: VenueFake;
  core: Core;
  /** The row's account, added through `accounts.add` with order confirmations off. */
  accountId: string;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  refusal(method: string, input?: unknown): Promise<{ code: string; message: string }>;
  /** Closes core, runs `whileDown` (the venue moves on without it), and starts a new core on the same data folder. */
  restart(whileDown: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Fast loops, so a venue's run takes seconds: orders re-read every 50 ms, bots and brackets ticked every 25–50 ms. */
const FAST = { balanceRefreshMs: 60_000, tradingTickMs: 25, livePollMs: 50, botTickMs: 50 };

/**
 * A real core (the venue's fake for its market data, throwaway folder, the test secret store, an approving
 * confirmer) with the row's live account on its fake: BTC/USDT at `price`, the account funded
 * with `balances`.
 */
export async function startRowCore(
  row: VenueRow,
  price: number,
  balances: Record<string, string>,
  /** What the row's account trades (absent: spot). */
  options: { marketType?: 'spot' | 'swap' } = {},
): Promise<RowCore> {
  const fake = await row.startFake();
  fake.setPrice(row.btcUsdt, price);
  for (const [asset, amount] of Object.entries(balances)) fake.setBalance(row.credentials.apiKey, asset, amount);
  const temp = makeTempDir();
  const secrets = testSecretStore(temp.dir);
  const open = () =>
    createCore({
      host: 'test',
      dataDir: temp.dir,
      // A live account on the reference exchange reads its market data (prices, candles) from the
      // reference source: point that at the fake too, as production points it at the venue. Other
      // venues use their own source, and the reference stays on the offline replay.
      ...(row.exchangeId === REFERENCE_EXCHANGE.id ? { offline: false, referenceApiUrl: fake.url } : { offline: true }),
      exchangeUrls: { [row.exchangeId]: fake.url },
      openSecretStore: secrets,
      trustedConfirmer: new TestConfirmer('approve'),
      log: () => undefined,
      ...FAST,
    });
  let core = await open();
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await core.invoke(method, input, { sessionId: 'venue-suite' });
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  const account = await call<AccountDetail>('accounts.add', {
    exchangeId: row.exchangeId,
    label: `${row.name} suite`,
    sandbox: false,
    ...(options.marketType ? { marketType: options.marketType } : {}),
    credentials: row.credentials,
  });
  await call('orders.updateSettings', { accountId: account.id, confirmOrders: false });
  return {
    row,
    fake,
    get core() {
      return core;
    },
    accountId: account.id,
    call,
    async refusal(method, input) {
      const result = await core.invoke(method, input, { sessionId: 'venue-suite' });
      if (result.ok) throw new Error(`${method} was expected to be refused`);
      return result.error;
    },
    async restart(whileDown) {
      await core.close();
      await whileDown();
      core = await open();
    },
    async close() {
      await core.close();
      await fake.close();
      temp.cleanup();
    },
  };
}
