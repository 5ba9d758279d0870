import { createCore, type Core } from '../index';
import type { SecretStore } from '../secrets/secret-store';
import { testSecretStore } from './live-core';
import { makeTempDir } from './temp-dir';
import { TestConfirmer } from './test-confirmer';

export interface VenueCoreHarness<F> {
  fake: F;
  core: Core;
  logs: string[];
  secrets: () => Promise<SecretStore>;
  /** Invokes an RPC method and returns its value; a refusal throws with the error's message and code. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Invokes an RPC method that must be refused and returns the refusal (throws if it succeeded). */
  refusal(method: string, input?: unknown): Promise<{ code: string; message: string }>;
  /** Closes the core, then the fake, then removes the data folder. */
  close(): Promise<void>;
}

/**
 * A real core (offline, throwaway data folder, the test secret store, a confirmer that approves)
 * whose `exchangeId` accounts talk, through the real ccxt client, to `fake`, a fake venue already
 * started on 127.0.0.1 (Bybit, OKX, ...; Binance has the richer startLiveCore).
 */
export async function startVenueCore<F extends { url: string; close(): Promise<void> }>(
  exchangeId: string,
  fake: F,
): Promise<VenueCoreHarness<F>> {
  const temp = makeTempDir();
  const secrets = testSecretStore(temp.dir);
  const logs: string[] = [];
  const core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { [exchangeId]: fake.url },
    openSecretStore: secrets,
    balanceRefreshMs: 60_000,
    trustedConfirmer: new TestConfirmer('approve'),
    log: (line) => logs.push(line),
  });
  return {
    fake,
    core,
    logs,
    secrets,
    async call<T>(method: string, input?: unknown): Promise<T> {
      const result = await core.invoke(method, input, { sessionId: 'test' });
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value as T;
    },
    async refusal(method: string, input?: unknown) {
      const result = await core.invoke(method, input, { sessionId: 'test' });
      if (result.ok) throw new Error(`${method} was expected to fail`);
      return result.error;
    },
    async close() {
      await core.close();
      await fake.close();
      temp.cleanup();
    },
  };
}
