/**
 * The leader's take-profit/stop copied through a real core: the leader is a live account on the
 * fake Binance placing a bracket through the ticket; the follower is the paper account with
 * `protection: leader`. The follower's mirror rests at the leader's target prices, moves when the
 * leader edits the bracket, and is cancelled before the leader's close is copied (no double exit).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { CopyLinkView, CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import type { BracketView, OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';
import { copyRules } from './test-support/copy-rules';

const LEADER = { apiKey: 'protect-leader-key-AAAA', secret: 'protect-leader-secret' };

let core: Core | undefined;
let binance: FakeBinance | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await core?.close();
  await binance?.close();
  cleanup?.();
  core = binance = cleanup = undefined;
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core!.invoke(method, input, { sessionId: 'test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

/** The link's orders on paper, open and finished, oldest first. */
async function paperOrders(linkId: string): Promise<OrderView[]> {
  const [open, history] = await Promise.all(
    (['open', 'history'] as const).map((status) => call<OrderView[]>('orders.list', { accountId: PAPER_ACCOUNT_ID, status })),
  );
  return [...open!, ...history!].filter((o) => o.originId === linkId).sort((a, b) => a.createdAt - b.createdAt);
}
const mirrorsOf = async (linkId: string) => (await paperOrders(linkId)).filter((o) => o.originRole?.startsWith('protect:'));
const logOf = (linkId: string) => call<CopyLogEntry[]>('copy.log', { linkId, limit: 50 });

describe("copying a live leader's bracket exits", () => {
  it('mirrors the targets on paper, moves them with the leader, and cancels them before copying the leader close', async () => {
    binance = await startFakeBinance({ keys: [{ ...LEADER, rights: { read: true, trade: true, withdraw: false } }] });
    binance.setPrice('BTCUSDT', '30000');
    binance.setBalance(LEADER.apiKey, 'USDT', '20000');
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    core = await createCore({
      host: 'test',
      dataDir: temp.dir,
      offline: true,
      exchangeUrls: { binance: binance.url },
      openSecretStore: testSecretStore(temp.dir),
      balanceRefreshMs: 60_000,
      tradingTickMs: 50,
      livePollMs: 100,
      copyTickMs: 50,
      trustedConfirmer: new TestConfirmer('approve'),
      log: () => {},
    });
    const leader = await call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Leader',
      sandbox: false,
      credentials: LEADER,
    });
    const link = await call<CopyLinkView>('copy.links.create', {
      name: 'Leader → paper',
      leader: { kind: 'account', accountId: leader.id },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: copyRules({ mode: 'ratio', ratio: 0.5 }, { protection: 'leader' }),
    });

    const bracket = await call<BracketView>('brackets.place', {
      accountId: leader.id,
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'base', amount: 0.02 },
      entry: { type: 'market' },
      targets: [
        { price: 33_000, share: 50 },
        { price: 36_000, share: 50 },
      ],
      stopLoss: { price: 27_000 },
      confirmed: true,
    });
    expect(bracket.status).toBe('open_position');
    // The copy holds 0.01 × 0.999 (paper fee in BTC) = 0.00999: two mirrors, the last taking the rest.
    await expect.poll(async () => (await mirrorsOf(link.id)).filter((o) => o.status === 'open').length, { timeout: 10_000 }).toBe(2);
    const first = await mirrorsOf(link.id);
    expect(first.map((o) => [o.type, o.side, o.price, o.amount])).toEqual([
      ['limit', 'sell', 33_000, 0.00499],
      ['limit', 'sell', 36_000, 0.005],
    ]);
    expect((await logOf(link.id))[0]!.reason).toBe(
      "Copied the leader's stop 27000 and 2 targets: 0.00499 BTC at 33000, 0.005 BTC at 36000.",
    );

    // The leader moves its stop: the follower's mirror is replaced under a new revision.
    await call<BracketView>('brackets.update', { bracketId: bracket.id, stopLoss: { price: 28_000 } });
    await expect
      .poll(async () => (await logOf(link.id)).some((r) => r.reason.startsWith("Moved to the leader's stop 28000 and 2 targets")), {
        timeout: 10_000,
      })
      .toBe(true);
    const moved = await mirrorsOf(link.id);
    expect(moved.filter((o) => o.status === 'open')).toHaveLength(2);
    expect(moved.filter((o) => first.some((f) => f.clientOrderId === o.clientOrderId)).map((o) => o.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);

    // The leader closes at market: the mirrors are cancelled first, then the close is copied from what is held.
    await call<BracketView>('brackets.close', { bracketId: bracket.id });
    await expect.poll(async () => (await call<CopyLinkView[]>('copy.links.list'))[0]?.positions[0]?.amount, { timeout: 10_000 }).toBe(0);
    expect((await mirrorsOf(link.id)).filter((o) => o.status === 'open')).toHaveLength(0);
    const sold = (await paperOrders(link.id)).filter((o) => o.side === 'sell' && o.filled > 0);
    expect(sold.map((o) => [o.type, o.filled])).toEqual([['market', 0.00999]]);
  });
});
