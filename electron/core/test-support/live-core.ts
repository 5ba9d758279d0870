import { startFakeBinance, type AddKeyInput, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { BotInput } from '../../../shared/ipc/schemas/bots';
import { createCore, type Core, type CoreOptions } from '../index';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file-store';
import { KeychainSecretStore } from '../secrets/keychain-store';
import type { SecretStore } from '../secrets/secret-store';
import { makeTempDir } from './temp-dir';
import type { TrustedConfirmer } from '../trust/trusted-confirmer';
import { TestConfirmer } from './test-confirmer';

/**
 * Inside scripts/with-keyring.sh (as `npm test` runs) secrets go to a real, throwaway
 * gnome-keyring; elsewhere to the real encrypted-file store, so a developer's own keychain is
 * never written by tests.
 */
export function testSecretStore(dataDir: string): () => Promise<SecretStore> {
  if (process.env.TRADEWIND_ISOLATED_KEYRING === '1') {
    return async () => {
      const store = new KeychainSecretStore();
      await store.probe();
      return store;
    };
  }
  console.warn('[test] no isolated keyring (run through scripts/with-keyring.sh): using the encrypted file store');
  return () => EncryptedFileSecretStore.open({ dataDir, passphrase: 'test passphrase 1234', optIn: true, scryptN: 2 ** 10 });
}

export interface LiveCoreHarness {
  core: Core;
  fake: FakeBinance;
  dataDir: string;
  secrets: () => Promise<SecretStore>;
  logs: string[];
  /** Stands for the person at the host (native dialog / printed code); a TestConfirmer that approves unless told otherwise. */
  confirmer: TrustedConfirmer;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** A real core whose Binance accounts talk, through the real ccxt client, to the fake on 127.0.0.1. */
export async function startLiveCore(
  keys: AddKeyInput[],
  opts: {
    balanceRefreshMs?: number;
    keyRetireCheckMs?: number;
    tradingTickMs?: number;
    livePollMs?: number;
    botTickMs?: number;
    botCircuit?: CoreOptions['botCircuit'];
    confirmer?: TrustedConfirmer;
  } = {},
): Promise<LiveCoreHarness> {
  const confirmer = opts.confirmer ?? new TestConfirmer('approve');
  const fake = await startFakeBinance({ keys });
  const temp = makeTempDir();
  const secrets = testSecretStore(temp.dir);
  const logs: string[] = [];
  const core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { binance: fake.url },
    openSecretStore: secrets,
    balanceRefreshMs: opts.balanceRefreshMs ?? 60_000,
    keyRetireCheckMs: opts.keyRetireCheckMs,
    tradingTickMs: opts.tradingTickMs,
    livePollMs: opts.livePollMs,
    botTickMs: opts.botTickMs,
    botCircuit: opts.botCircuit,
    trustedConfirmer: confirmer,
    log: (line) => logs.push(line),
  });
  return {
    core,
    fake,
    dataDir: temp.dir,
    secrets,
    logs,
    confirmer,
    async call<T>(method: string, input?: unknown): Promise<T> {
      const result = await core.invoke(method, input, { sessionId: 'test' });
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value as T;
    },
    async close() {
      await core.close();
      await fake.close();
      temp.cleanup();
    },
  };
}

/** The error envelope of a call expected to fail. */
export async function callError(h: LiveCoreHarness, method: string, input?: unknown): Promise<{ code: string; message: string }> {
  const result = await h.core.invoke(method, input, { sessionId: 'test' });
  if (result.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** Funds `key` on the fake Binance (BTC at 30,000) and adds it as the live account "Live". */
export function addLiveAccount(
  h: LiveCoreHarness,
  key: { apiKey: string; secret: string },
  balances: Record<string, string> = { USDT: '50000' },
): Promise<AccountDetail> {
  for (const [asset, amount] of Object.entries(balances)) h.fake.setBalance(key.apiKey, asset, amount);
  h.fake.setPrice('BTCUSDT', '30000');
  return h.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label: 'Live',
    sandbox: false,
    credentials: { apiKey: key.apiKey, secret: key.secret },
  });
}

/** A live 5-level BTC/USDT grid between 29,000 and 31,000 with 1,000 USDT. */
export const liveGridInput = (accountId: string, name: string): BotInput => ({
  name,
  accountId,
  symbol: 'BTC/USDT',
  timeframe: '1h',
  mode: 'live',
  config: {
    kind: 'grid',
    lower: 29_000,
    upper: 31_000,
    levels: 5,
    spacing: 'arithmetic',
    investment: 1_000,
    stopLoss: null,
    takeProfit: null,
  },
  risk: { capitalCap: 2_000, maxOpenOrders: 10, maxDailyLoss: null },
});
