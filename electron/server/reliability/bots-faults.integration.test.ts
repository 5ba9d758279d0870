/**
 * Issue #6, reliability (b): a grid bot and a DCA bot trade live while about 20 % of the
 * account's exchange calls fail — 429 with Retry-After, 5xx, gateway time-outs, and orders the
 * exchange accepted whose reply was lost. After a bounded run the faults stop; once things
 * settle no order was sent twice, every exchange order and fill is in the ledger with the same
 * state, and both bots are running again (their circuit breakers closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultHandle } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { BotView, CircuitState } from '../../../shared/ipc/schemas/bots';
import { ORDER_POLL_MAX_BACKOFF_MS } from '../../core/orders/order-service';
import { DEFAULT_LOOKUP_POLICY } from '../../core/orders/order-state';
import { startLiveCore, type LiveCoreHarness } from '../../core/test-support/live-core';
import { crashDca, crashGrid, crashWalk } from './bot-fixtures';
import { compareWithExchange, readLedger, stackedLevels } from './ledger-audit';
import { seededRandom, type PriceWalk } from './price-walk';

const SEED = Number(process.env.TRADEWIND_FAULTS_SEED ?? 6_2026);
const RUN_MS = 25_000;
const KEY = { apiKey: `faults${'K'.repeat(58)}`, secret: `faults${'S'.repeat(58)}` };
/** Three kinds at 5.5 % each on every call, plus lost replies on placements: about 20 % of calls in all. */
const EACH = 0.055;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `done()` holds, checked again as each request reaches the fake exchange (a fault
 * is counted while its request is handled, so the next request shows it), or after `limitMs`:
 * the caller's assertions then say what is missing.
 */
function untilRequests(h: LiveCoreHarness, done: () => boolean, limitMs: number): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(finish, limitMs);
    const off = h.fake.onRequest(() => {
      if (done()) finish();
    });
  });
}

/** On failure: what each bot did and what core logged, to see where it went wrong. */
async function printBots(h: LiveCoreHarness): Promise<void> {
  for (const bot of await h.call<BotView[]>('bots.list')) {
    const detail = await h.call<{ events: Array<{ at: number; message: string }> }>('bots.get', { id: bot.id });
    console.log(
      `[faults] ${bot.name} ${bot.state}\n  ${detail.events.map((e) => `${new Date(e.at).toISOString().slice(11, 23)} ${e.message}`).join('\n  ')}`,
    );
  }
  console.log(`[faults] core log:\n${h.logs.slice(-40).join('\n')}`);
}

describe('bots under a 20 % exchange failure rate', () => {
  let h: LiveCoreHarness;
  let walk: PriceWalk;
  let accountId = '';
  let firstLostReply: FaultHandle;
  const random = seededRandom(SEED);

  beforeAll(async () => {
    h = await startLiveCore([{ ...KEY, rights: { read: true, trade: true, withdraw: false } }], { livePollMs: 300, tradingTickMs: 100 });
    h.fake.setBalance(KEY.apiKey, 'USDT', '20000');
    walk = crashWalk(h.fake, random);
    const account = await h.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Fault lab',
      sandbox: false,
      credentials: KEY,
    });
    accountId = account.id;
    // The lab trades far more in a day than the default live limits allow (the harness's confirmer approves).
    await h.call('limits.set', { accountId, maxOrderNotional: 5_000, maxDailyNotional: 10_000_000 });
    // The very first placement (a grid level) is accepted by the exchange and its reply lost.
    firstLostReply = h.fake.injectFault({
      kind: 'drop_after_accept',
      times: 1,
      match: { apiKey: KEY.apiKey, method: 'POST', path: '/api/v3/order' },
    });
    for (const input of [crashGrid(accountId, Number(h.fake.price('BTCUSDT'))), crashDca(accountId)]) {
      const bot = await h.call<BotView>('bots.create', input);
      await h.call('bots.start', { id: bot.id, confirmed: true });
    }
  }, 60_000);

  afterAll(async () => {
    walk?.stop();
    await h?.close();
  }, 30_000);

  it('sends no order twice and ends consistent', async () => {
    h.fake.clearRequests();
    const match = { apiKey: KEY.apiKey };
    const orderPost = { ...match, method: 'POST', path: '/api/v3/order' };
    const random = {
      lostReply: h.fake.injectFault({ kind: 'drop_after_accept', probability: 0.15, match: orderPost }),
      rateLimit: h.fake.injectFault({ kind: 'rate_limit', retryAfterSec: 1, probability: EACH, match }),
      unavailable: h.fake.injectFault({ kind: 'server_error', status: 503, probability: EACH, match }),
      gatewayTimeout: h.fake.injectFault({ kind: 'server_error', status: 504, probability: EACH, match }),
    };
    // Each kind also strikes once for certain (a slow machine makes few calls, and 5.5 % of a few
    // dozen can be none): the lost reply at start-up, the others spread over the run so they do
    // not arrive as one burst.
    const once = { lostReply: firstLostReply } as Record<keyof typeof random, FaultHandle>;
    const timers = [
      setTimeout(() => (once.rateLimit = h.fake.injectFault({ kind: 'rate_limit', retryAfterSec: 1, times: 1, match })), 3_000),
      setTimeout(() => (once.unavailable = h.fake.injectFault({ kind: 'server_error', status: 503, times: 1, match })), 9_000),
      setTimeout(() => (once.gatewayTimeout = h.fake.injectFault({ kind: 'server_error', status: 504, times: 1, match })), 15_000),
    ];
    walk.start(120);
    await sleep(RUN_MS);
    // The order poll backs off (up to 30 s) after failures in a row, so a certain fault may
    // still be waiting for its call: give it a bounded while.
    await untilRequests(h, () => Object.keys(once).length === 4 && Object.values(once).every((fault) => fault.hits > 0), 45_000);
    timers.forEach(clearTimeout);
    walk.stop();
    h.fake.clearFaults();

    const signed = h.fake.requests.filter((r) => r.apiKey === KEY.apiKey);
    const failed = signed.filter((r) => r.fault !== undefined).length;
    // The run was really hostile (and not by accident an easy one).
    expect(failed).toBeGreaterThanOrEqual(5);
    expect(failed / signed.length).toBeGreaterThan(0.1);
    const orderPosts = signed.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length;
    const kinds = Object.keys(random) as Array<keyof typeof random>;
    const hits = kinds.map((kind) => `${kind} ${once[kind].hits}+${random[kind].hits}`).join(', ');
    console.log(`[faults] ${signed.length} signed calls, ${failed} failed; order posts ${orderPosts}; hits (certain+random): ${hits}`);
    // Every kind struck at least once.
    expect(kinds.map((kind) => once[kind].hits)).toEqual([1, 1, 1, 1]);

    let problems: string[] = ['not checked yet'];
    // Once the faults stop, the ledger converges within the order poll's longest back-off plus the
    // longest wait before a lookup by client id, plus a few poll ticks: a fixed 40 s was shorter than
    // that worst case, and an order still being looked up failed the run (seed 62026, CI). The loop
    // ends as soon as the ledger matches the exchange.
    const deadline = Date.now() + ORDER_POLL_MAX_BACKOFF_MS + Math.max(...DEFAULT_LOOKUP_POLICY.delaysMs) + 15_000;
    while (Date.now() < deadline) {
      problems = [...compareWithExchange(h.fake, KEY.apiKey, await readLedger(h.call, accountId)), ...stackedLevels(h.fake, KEY.apiKey)];
      if (problems.length === 0) break;
      await sleep(250);
    }
    if (problems.length > 0) await printBots(h);
    expect(problems, `seed ${SEED}`).toEqual([]);

    const circuits = await h.call<CircuitState[]>('bots.circuits');
    expect(circuits.find((c) => c.accountId === accountId)?.state).not.toBe('open');
    const bots = await h.call<BotView[]>('bots.list');
    expect(bots.map((b) => [b.name, b.state]).sort()).toEqual([
      ['Crash DCA', 'running'],
      ['Crash grid', 'running'],
    ]);
    expect(h.fake.trades({ account: KEY.apiKey }).length).toBeGreaterThan(3);
  }, 170_000);
});
