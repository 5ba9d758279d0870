/**
 * Issue #11: a bot kind is one folder plus one registration. A TEST-ONLY kind (ping-pong, under
 * core/test-support), registered in a real host process by the test entry script, trades live
 * against the fake exchange through start, fills, two kill -9 restarts (each right after a fill
 * the host may not have seen yet) and stop — with no line of the runtime knowing the kind. After
 * each restart the exchange's orders equal the ledger's and no order was sent twice.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { BotsRepo } from '../../core/bots/bots-repo';
import { openDatabase } from '../../core/db/connection';
import { pingPongInput } from '../../core/test-support/ping-pong-kind/ping-pong-kind';
import { makeTempDir } from '../../core/test-support/temp-dir';
import { callConfirmedOnHost } from './host-code';
import { spawnHost, type HostProcess } from './host-process';
import { compareWithExchange, readLedger } from './ledger-audit';

const KEY = { apiKey: `kind9${'K'.repeat(59)}`, secret: `kind9${'S'.repeat(59)}` };
const BOT_ID = 'bot_pingpong_kill9';
const SPREAD = 0.004;

const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeout = 30_000): Promise<T> =>
  vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout, interval: 100 },
  );

describe('a test-only bot kind survives kill -9 in a real host', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let fake: FakeBinance | undefined;
  let host: HostProcess | undefined;
  afterEach(async () => {
    await host?.stop();
    await fake?.close();
    temp?.cleanup();
  }, 30_000);

  it('starts, fills, restarts twice after kill -9 without a duplicate or lost order, and stops', async () => {
    temp = makeTempDir();
    const lab = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true, withdraw: false } }] });
    fake = lab;
    lab.setBalance(KEY.apiKey, 'USDT', '20000');
    const env = {
      TRADEWIND_OFFLINE: '1',
      TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: lab.url }),
      TRADEWIND_SECRET_STORE: 'encrypted-file',
      TRADEWIND_SECRET_PASSPHRASE: 'kind kill nine passphrase',
      TRADEWIND_LIVE_POLL_MS: '300',
      TRADEWIND_TRADING_TICK_MS: '100',
      TRADEWIND_BALANCE_REFRESH_MS: '60000',
      TRADEWIND_TEST_BOT_KINDS: 'pingpong',
    };
    const spawn = () => spawnHost({ dataDir: temp!.dir, env, entry: 'electron/server/reliability/test-kind-host.ts' });
    host = await spawn();
    const account = await host.rpc.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Kind lab',
      sandbox: false,
      credentials: KEY,
    });
    await callConfirmedOnHost(host, 'limits.set', { accountId: account.id, maxOrderNotional: 5_000, maxDailyNotional: 10_000_000 });

    // The contract's settings union lists the shipped kinds only, so the test writes its bot's row itself.
    const input = pingPongInput({
      name: 'Ping-pong',
      accountId: account.id,
      symbol: 'BTC/USDT',
      timeframe: '1m',
      mode: 'live',
      risk: { capitalCap: 5_000, maxOpenOrders: 5, maxDailyLoss: null },
      config: { spread: SPREAD, amount: 0.01 },
    });
    const db = openDatabase(temp.dir);
    new BotsRepo(db).insert({
      ...input,
      id: BOT_ID,
      kind: input.config.kind,
      state: 'stopped',
      stopReason: null,
      stopDetail: null,
      kindState: null,
      run: 0,
      realisedPnl: 0,
      createdAt: Date.now(),
      startedAt: null,
      stoppedAt: null,
    });
    db.close();

    await callConfirmedOnHost(host, 'bots.start', { id: BOT_ID, confirmed: true });
    const open = (side: 'BUY' | 'SELL') =>
      lab.orders({ account: KEY.apiKey }).find((o) => o.side === side && (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED'));

    const ledgerAgrees = (h: HostProcess) =>
      waitFor('the ledger to agree with the exchange', async () => {
        const problems = compareWithExchange(lab, KEY.apiKey, await readLedger((method, inp) => h.rpc.call(method, inp), account.id));
        return problems.length === 0 ? true : undefined;
      });
    const running = (h: HostProcess) =>
      waitFor('the bot to run', async () =>
        (await h.rpc.call<BotView[]>('bots.list')).find((b) => b.id === BOT_ID && b.state === 'running') ? true : undefined,
      );

    for (const side of ['BUY', 'SELL'] as const) {
      const resting = await waitFor(`a resting ${side}`, async () => open(side));
      // The price crosses the order, and the host dies at once: it may or may not have seen the fill.
      lab.setPrice('BTCUSDT', Number(resting.price) * (side === 'BUY' ? 0.999 : 1.001));
      await host.kill9();
      host = await spawn();
      await waitFor(`the ${side === 'BUY' ? 'sell' : 'next buy'} after the restart`, async () => open(side === 'BUY' ? 'SELL' : 'BUY'));
      await ledgerAgrees(host);
      await running(host);
    }

    const roles = (await host.rpc.call<OrderView[]>('orders.list', { accountId: account.id, status: 'history', limit: 100 }))
      .concat(await host.rpc.call<OrderView[]>('orders.list', { accountId: account.id, status: 'open', limit: 100 }))
      .map((o) => [o.originRole, o.status])
      .sort();
    expect(roles).toEqual([
      ['pingpong:r1:buy:1', 'filled'],
      ['pingpong:r1:buy:2', 'open'],
      ['pingpong:r1:sell:1', 'filled'],
    ]);
    expect(lab.orders({ account: KEY.apiKey })).toHaveLength(3);
    const [bot] = await host.rpc.call<BotView[]>('bots.list');
    expect(bot).toMatchObject({ kind: 'pingpong', state: 'running' });
    expect(bot!.realisedPnl).toBeGreaterThan(0);

    const stopped = await host.rpc.call<BotView>('bots.stop', { id: BOT_ID });
    expect(stopped.state).toBe('stopped');
    expect(open('BUY') ?? open('SELL')).toBeUndefined();
    await ledgerAgrees(host);
  }, 240_000);
});
