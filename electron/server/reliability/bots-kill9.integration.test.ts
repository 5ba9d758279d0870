/**
 * Issue #6, reliability (a) and (c): a grid bot and a DCA bot trade live against the fake
 * exchange while the host process is killed with SIGKILL at 20 random moments (prices keep
 * moving while it is dead). After every restart the exchange's orders must equal the ledger's,
 * no order may have been sent twice, no fill may be missing, and both bots must be running
 * again. At the end, stopped bots cancel their orders and never place another one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { makeTempDir } from '../../core/test-support/temp-dir';
import { crashDca, crashGrid, crashWalk } from './bot-fixtures';
import { spawnHost, type HostProcess } from './host-process';
import { compareWithExchange, readLedger, stackedLevels } from './ledger-audit';
import { seededRandom, type PriceWalk } from './price-walk';

const KILLS = 20;
const SEED = Number(process.env.TRADEWIND_KILL9_SEED ?? 20261123);
const KEY = { apiKey: `kill9${'K'.repeat(59)}`, secret: `kill9${'S'.repeat(59)}` };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

describe('bots survive kill -9', () => {
  const temp = makeTempDir();
  const random = seededRandom(SEED);
  let fake: FakeBinance;
  let host: HostProcess | undefined;
  let walk: PriceWalk;
  let accountId = '';
  const env = (): Record<string, string> => ({
    TRADEWIND_OFFLINE: '1',
    TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }),
    TRADEWIND_SECRET_STORE: 'encrypted-file',
    TRADEWIND_SECRET_PASSPHRASE: 'kill nine passphrase 2026',
    TRADEWIND_LIVE_POLL_MS: '300',
    TRADEWIND_TRADING_TICK_MS: '100',
    TRADEWIND_BALANCE_REFRESH_MS: '60000',
  });

  beforeAll(async () => {
    fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true, withdraw: false } }] });
    fake.setBalance(KEY.apiKey, 'USDT', '20000');
    const btc = Number(fake.price('BTCUSDT'));
    walk = crashWalk(fake, random);
    host = await spawnHost({ dataDir: temp.dir, env: env() });
    const account = await host.rpc.call<AccountDetail>('accounts.add', { exchangeId: 'binance', label: 'Crash lab', sandbox: false, credentials: KEY });
    accountId = account.id;
    for (const input of [crashGrid(accountId, btc), crashDca(accountId)]) {
      const bot = await host.rpc.call<BotView>('bots.create', input);
      await host.rpc.call('bots.start', { id: bot.id, confirmed: true });
    }
  }, 120_000);

  afterAll(async () => {
    walk?.stop();
    await host?.stop();
    await fake?.close();
    temp.cleanup();
  }, 30_000);

  /** Waits until the ledger and the exchange agree (fills polled in, lookups resolved). */
  async function settled(rpc: HostProcess['rpc']): Promise<string[]> {
    let problems: string[] = [];
    await until(
      'the ledger to agree with the exchange',
      async () => {
        problems = [...compareWithExchange(fake, KEY.apiKey, await readLedger((method, input) => rpc.call(method, input), accountId)), ...stackedLevels(fake, KEY.apiKey)];
        return problems.length === 0 ? true : undefined;
      },
      30_000,
    ).catch(() => undefined);
    return problems;
  }

  it(`keeps exchange and ledger equal across ${KILLS} kills`, async () => {
    walk.start(120);
    let fillsBefore = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(300 + random() * 2200);
      await host!.kill9();
      host = undefined;
      await sleep(random() * 800); // prices move while nobody watches
      host = await spawnHost({ dataDir: temp.dir, env: env() });
      walk.stop();
      const problems = await settled(host.rpc);
      expect(problems, `after kill ${kill} (seed ${SEED})`).toEqual([]);
      const bots = await until(
        'both bots to resume',
        async () => {
          const list = await host!.rpc.call<BotView[]>('bots.list');
          return list.length === 2 && list.every((b) => b.state === 'running') ? list : undefined;
        },
        15_000,
      );
      expect(bots.map((b) => b.name).sort()).toEqual(['Crash DCA', 'Crash grid']);
      walk.start(120);
    }
    // The run must actually have traded, or the test proved nothing.
    fillsBefore = fake.trades({ account: KEY.apiKey }).length;
    expect(fillsBefore).toBeGreaterThan(5);
  }, 600_000);

  it('stops both bots, cancels their orders, and a stopped bot places nothing more', async () => {
    walk.stop();
    const rpc = host!.rpc;
    for (const bot of await rpc.call<BotView[]>('bots.list')) await rpc.call('bots.stop', { id: bot.id });
    await until(
      'the bots to stop',
      async () => ((await rpc.call<BotView[]>('bots.list')).every((b) => b.state === 'stopped') ? true : undefined),
      15_000,
    );
    const openAfterStop = fake.orders({ account: KEY.apiKey }).filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED');
    expect(openAfterStop).toEqual([]);
    const sent = fake.orders({ account: KEY.apiKey }).length;
    walk.start(60);
    await sleep(3_000);
    walk.stop();
    expect(fake.orders({ account: KEY.apiKey }).length).toBe(sent);
    expect(await settled(rpc)).toEqual([]);
  }, 60_000);
});
