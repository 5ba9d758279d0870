/**
 * Cursor paging over the contract (orders.page, trades.page, bots.events, audit.page) on a real
 * core: pages read one after another while new rows keep arriving must together hold every row
 * that existed when paging began, each once, in the list's order. The rows are seeded through
 * the same repositories core writes with, on a second connection to the core's database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../shared/ipc/schemas/bots';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import type { OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { PAGE_LIMIT_MAX } from '../../../shared/ipc/schemas/paging';
import { AuditLog } from '../audit/audit-log';
import { BotsRepo } from '../bots/bots-repo';
import { openDatabase, type Db } from '../db/connection';
import { createCore, type Core } from '../index';
import { OrdersRepo } from '../orders/orders-repo';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { makeTempDir } from '../test-support/temp-dir';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const temp = makeTempDir();
let core: Core;
let seed: Db;
/** Several orders share each millisecond, so the id breaks ties in the key. */
let clock = 1_700_000_000_000;
let tick = 0;
const now = () => clock + Math.floor(tick++ / 3);

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 'paging' });
  if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { code: result.error.code });
  return result.value as T;
}

async function callError(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await core.invoke(method, input, { sessionId: 'paging' });
  if (result.ok) throw new Error(`${method} was expected to fail`);
  return result.error;
}

/** Reads every page, calling `between` after each one (new rows arriving while the client pages). */
async function readAll<T>(method: string, input: Record<string, unknown>, between: () => void): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await call<Page<T>>(method, cursor === undefined ? input : { ...input, cursor });
    rows.push(...page.items);
    pages++;
    between();
    if (page.nextCursor === null) return { rows, pages };
    cursor = page.nextCursor;
  }
}

beforeAll(async () => {
  core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
  seed = openDatabase(temp.dir);
});

afterAll(async () => {
  seed.close();
  await core.close();
  temp.cleanup();
});

describe('orders.page', () => {
  it('shows all 1,617 open orders across pages, each once, while new orders arrive', async () => {
    const repo = new OrdersRepo(seed, now);
    const place = () => {
      const row = repo.createIntent({
        accountId: PAPER_ACCOUNT_ID,
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: 0.001,
        price: 20_000,
        stopPrice: null,
        origin: 'manual',
        originId: null,
        originRole: null,
      });
      return repo.update(PAPER_ACCOUNT_ID, row.clientOrderId, { status: 'open', exchangeOrderId: `x-${row.clientOrderId}` });
    };
    const before = Array.from({ length: 1_617 }, place).map((r) => r.clientOrderId);
    // A few finished ones must stay out of the open list.
    for (let i = 0; i < 5; i++) repo.update(PAPER_ACCOUNT_ID, place().clientOrderId, { status: 'cancelled' });

    const arrived: string[] = [];
    const { rows, pages } = await readAll<OrderView>('orders.page', { accountId: PAPER_ACCOUNT_ID, status: 'open', limit: 400 }, () => {
      clock += 1_000;
      for (let i = 0; i < 7; i++) arrived.push(place().clientOrderId);
    });

    const seen = rows.map((r) => r.clientOrderId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(5);
    // Every order that existed when paging began, none missing; newer ones sort before the cursor.
    expect(seen.slice().sort()).toEqual(before.slice().sort());
    expect(seen.some((id) => arrived.includes(id))).toBe(false);
    expect(rows.every((r) => r.status === 'open')).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.createdAt).toBeGreaterThanOrEqual(rows[i]!.createdAt);
    // A fresh first page starts with the newest.
    const first = await call<Page<OrderView>>('orders.page', { accountId: PAPER_ACCOUNT_ID, status: 'open', limit: 1 });
    expect(first.items[0]!.clientOrderId).toBe(arrived.at(-1));
  });

  it('filters history and one bot, and answers a last page with a null cursor', async () => {
    const history = await call<Page<OrderView>>('orders.page', { status: 'history', limit: PAGE_LIMIT_MAX });
    expect(history.items.map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(history.nextCursor).toBeNull();
    const bot = await call<Page<OrderView>>('orders.page', { status: 'all', botId: 'no-such-bot' });
    expect(bot).toEqual({ items: [], nextCursor: null });
  });
});

describe('trades.page', () => {
  it('pages fills in ledger order with no duplicate or gap while fills arrive', async () => {
    const repo = new OrdersRepo(seed, now);
    let n = 0;
    const fill = (at: number) => {
      n++;
      repo.insertTrade({
        accountId: PAPER_ACCOUNT_ID,
        tradeId: `t-${n}`,
        clientOrderId: 'c',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: 1,
        amount: 1,
        cost: 1,
        fee: 0,
        feeAsset: null,
        maker: null,
        at,
      });
      return `t-${n}`;
    };
    // Exchange times run backwards here (a restarted replay): the ledger order still pages cleanly.
    const before = Array.from({ length: 1_050 }, (_, i) => fill(5_000_000 - i));
    const { rows } = await readAll<TradeView>('trades.page', { accountId: PAPER_ACCOUNT_ID, limit: 100 }, () => fill(1));
    const ids = rows.map((t) => t.tradeId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(before.slice().reverse());
  });
});

describe('audit.page and bots.events', () => {
  it('page the audit log newest first while entries are appended', async () => {
    const audit = new AuditLog(seed, () => {}, now);
    const existing = (await call<Page<AuditEntry>>('audit.page', { limit: PAGE_LIMIT_MAX })).items.length;
    const before = Array.from({ length: 1_200 }, (_, i) => audit.append('order.placed', `order ${i}`, PAPER_ACCOUNT_ID).id);
    const { rows } = await readAll<AuditEntry>('audit.page', { accountId: PAPER_ACCOUNT_ID, kinds: ['order.placed'], limit: 250 }, () => {
      audit.append('order.placed', 'arrived while paging', PAPER_ACCOUNT_ID);
    });
    expect(existing).toBeLessThan(PAGE_LIMIT_MAX);
    expect(rows.map((e) => e.id)).toEqual(before.slice().reverse());
  });

  it('page one bot event log, and refuse an unknown bot', async () => {
    seed
      .prepare(
        `INSERT INTO bots (id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, state_json, created_at, updated_at)
         VALUES ('bot-1', 'Grid', 'grid', ?, 'BTC/USDT', '1h', 'paper', '{}', '{}', 'stopped', 'null', 0, 0)`,
      )
      .run(PAPER_ACCOUNT_ID);
    const bots = new BotsRepo(seed, now);
    const before = Array.from({ length: 640 }, (_, i) => bots.appendEvent('bot-1', 'info', `step ${i}`).seq);
    const { rows } = await readAll<BotEvent>('bots.events', { id: 'bot-1', limit: 300 }, () =>
      bots.appendEvent('bot-1', 'fill', 'arrived while paging'),
    );
    expect(rows.map((e) => e.seq)).toEqual(before.slice().reverse());
    expect((await callError('bots.events', { id: 'bot-2' })).code).toBe('not_found');
  });
});

describe('limit and cursor at the boundary', () => {
  it('refuse a limit above the maximum and a cursor the list did not give out, saying what to do', async () => {
    const tooMany = await callError('orders.page', { status: 'open', limit: PAGE_LIMIT_MAX + 1 });
    expect(tooMany.code).toBe('invalid_input');
    expect(tooMany.message).toContain(`limit: must be at most ${PAGE_LIMIT_MAX} rows per page`);

    for (const [method, input] of [
      ['orders.page', { status: 'open', cursor: 'garbage' }],
      ['orders.page', { status: 'open', cursor: 't1.5' }],
      ['trades.page', { cursor: 'o1.1.2' }],
      ['audit.page', { cursor: 'a1.-3' }],
      ['bots.events', { id: 'bot-1', cursor: 'e1.1e9' }],
    ] as const) {
      const error = await callError(method, input);
      expect(error.code, `${method} ${input.cursor}`).toBe('invalid_input');
      expect(error.message).toContain('cursor: is not a cursor this list gave out; pass the nextCursor of its previous page');
    }
  });
});
