import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import { createCore, type Core } from '../index';
import { makeTempDir } from './temp-dir';

export interface ReferenceCore {
  core: Core;
  /** The loopback Binance the reference market data talks to (absent in offline mode). */
  fake: FakeBinance | undefined;
  value<T>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real core whose reference market data is live from the fake Binance on 127.0.0.1 through
 * ccxt, or (offline) the bundled replay. No accounts beyond the paper one.
 */
export async function startReferenceCore(mode: 'live' | 'offline'): Promise<ReferenceCore> {
  const fake = mode === 'live' ? await startFakeBinance() : undefined;
  const temp = makeTempDir();
  const core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: mode === 'offline',
    referenceApiUrl: fake?.url,
    probeTimeoutMs: 5_000,
    log: () => {},
  });
  return {
    core,
    fake,
    async value<T>(method: string, input?: unknown): Promise<T> {
      const result = await core.invoke(method, input, { sessionId: 'reference-test' });
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      await core.close();
      await fake?.close();
      temp.cleanup();
    },
  };
}
