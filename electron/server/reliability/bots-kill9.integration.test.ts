/**
 * Issue #6, reliability (a) and (c): a grid bot and a DCA bot trade live against the fake
 * exchange while the host process is killed with SIGKILL at 20 random moments (prices keep
 * moving while it is dead). After every restart the exchange's orders must equal the ledger's,
 * no order may have been sent twice, no fill may be missing, and both bots must be running
 * again. At the end, stopped bots cancel their orders and never place another one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { makeTempDir } from '../../core/test-support/temp-dir';
import { crashDca, crashGrid, crashWalk } from './bot-fixtures';
import { callConfirmedOnHost } from './host-code';
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

/**
 * One lab per test, so no test depends on what an earlier one left behind: its own data folder,
 * fake exchange (state, balances, orders), seeded price walk, host process, account and bots.
 */
interface Lab {
  temp: ReturnType<typeof makeTempDir>;
  fake: FakeBinance;
  walk: PriceWalk;
  random: () => number;
  host: HostProcess | undefined;
  accountId: string;
  env(): Record<string, string>;
}

/** Starts a lab with a running grid bot and DCA bot on a fresh host. */
async function openLab(seed: number): Promise<Lab> {
  const temp = makeTempDir();
  const random = seededRandom(seed);
  const fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true, withdraw: false } }] });
  fake.setBalance(KEY.apiKey, 'USDT', '20000');
  const btc = Number(fake.price('BTCUSDT'));
  const env = (): Record<string, string> => ({
    TRADEWIND_OFFLINE: '1',
    TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }),
    TRADEWIND_SECRET_STORE: 'encrypted-file',
    TRADEWIND_SECRET_PASSPHRASE: 'kill nine passphrase 2026',
    TRADEWIND_LIVE_POLL_MS: '300',
    TRADEWIND_TRADING_TICK_MS: '100',
    TRADEWIND_BALANCE_REFRESH_MS: '60000',
  });
  const lab: Lab = { temp, fake, walk: crashWalk(fake, random), random, host: undefined, accountId: '', env };
  lab.host = await spawnHost({ dataDir: temp.dir, env: env() });
  const account = await lab.host.rpc.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label: 'Crash lab',
    sandbox: false,
    credentials: KEY,
  });
  lab.accountId = account.id;
  // Raising the limits and starting live bots are confirmed with the code the host prints on its stderr.
  await callConfirmedOnHost(lab.host, 'limits.set', { accountId: account.id, maxOrderNotional: 5_000, maxDailyNotional: 10_000_000 });
  for (const input of [crashGrid(account.id, btc), crashDca(account.id)]) {
    const bot = await lab.host.rpc.call<BotView>('bots.create', input);
    await callConfirmedOnHost(lab.host, 'bots.start', { id: bot.id, confirmed: true });
  }
  return lab;
}

async function closeLab(lab: Lab): Promise<void> {
  lab.walk.stop();
  await lab.host?.stop();
  await lab.fake.close();
  lab.temp.cleanup();
}

/** Waits until the ledger and the exchange agree (fills polled in, lookups resolved). */
async function settled(lab: Lab, rpc: HostProcess['rpc']): Promise<string[]> {
  let problems: string[] = [];
  await until(
    'the ledger to agree with the exchange',
    async () => {
      problems = [
        ...compareWithExchange(lab.fake, KEY.apiKey, await readLedger((method, input) => rpc.call(method, input), lab.accountId)),
        ...stackedLevels(lab.fake, KEY.apiKey),
      ];
      return problems.length === 0 ? true : undefined;
    },
    30_000,
  ).catch(() => undefined);
  return problems;
}

const openOrders = (lab: Lab) =>
  lab.fake.orders({ account: KEY.apiKey }).filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED');

describe('bots survive kill -9', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    if (lab) await closeLab(lab);
    lab = undefined;
  }, 30_000);

  it(`keeps exchange and ledger equal across ${KILLS} kills`, async () => {
    const l = (lab = await openLab(SEED));
    l.walk.start(120);
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(300 + l.random() * 2200); // the host trades for a random while: the kill lands anywhere
      await l.host!.kill9();
      l.host = undefined;
      // Prices move while nobody watches: up to about 800 ms of the walk's steps, taken at once.
      for (let step = Math.floor(l.random() * 7); step > 0; step--) l.walk.step();
      l.host = await spawnHost({ dataDir: l.temp.dir, env: l.env() });
      l.walk.stop();
      const problems = await settled(l, l.host.rpc);
      expect(problems, `after kill ${kill} (seed ${SEED})`).toEqual([]);
      const bots = await until(
        'both bots to resume',
        async () => {
          const list = await l.host!.rpc.call<BotView[]>('bots.list');
          return list.length === 2 && list.every((b) => b.state === 'running') ? list : undefined;
        },
        15_000,
      );
      expect(bots.map((b) => b.name).sort()).toEqual(['Crash DCA', 'Crash grid']);
      l.walk.start(120);
    }
    // The run must actually have traded, or the test proved nothing.
    expect(l.fake.trades({ account: KEY.apiKey }).length).toBeGreaterThan(5);
  }, 600_000);

  it('stops both bots, cancels their orders, and a stopped bot places nothing more', async () => {
    const l = (lab = await openLab(SEED + 1));
    const rpc = l.host!.rpc;
    // Both bots have orders resting on the exchange for the stop to cancel.
    await until(
      'both bots to have orders on the exchange',
      async () => {
        const symbols = new Set(openOrders(l).map((o) => o.symbol));
        return symbols.has('BTCUSDT') && symbols.has('ETHUSDT') ? true : undefined;
      },
      30_000,
    );
    for (const bot of await rpc.call<BotView[]>('bots.list')) await rpc.call('bots.stop', { id: bot.id });
    await until(
      'the bots to stop',
      async () => ((await rpc.call<BotView[]>('bots.list')).every((b) => b.state === 'stopped') ? true : undefined),
      15_000,
    );
    expect(openOrders(l)).toEqual([]);
    const sent = l.fake.orders({ account: KEY.apiKey }).length;
    // Not a wait for something to happen but a window for something that must not: prices cross
    // every level for a while, and no stopped bot answers them with an order.
    l.walk.start(60);
    await sleep(3_000);
    l.walk.stop();
    expect(l.fake.orders({ account: KEY.apiKey }).length).toBe(sent);
    expect(await settled(l, rpc)).toEqual([]);
  }, 120_000);
});
