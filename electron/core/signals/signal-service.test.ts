/**
 * The signal service on a real database and a real (encrypted-file) secret store, with no bot to
 * route to: the per-source rate limit answers 429 with the reason and a log row once a source's
 * minute is used up, a disabled source is refused, and a deleted source's secret leaves the store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../accounts/accounts-repo';
import { openDatabase, type Db } from '../db/connection';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file-store';
import { makeTempDir } from '../test-support/temp-dir';
import { SignalRepo } from './signal-repo';
import { SignalSecrets } from './signal-secrets';
import { SignalService } from './signal-service';
import { StrategySignalHub } from './strategy-signal-hub';

let db: Db | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(() => {
  db?.close();
  temp?.cleanup();
});

function service(perMinute: number, now: () => number, strategies?: StrategySignalHub) {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('paper', 'Paper', 'binance', 'paper', 0)").run();
  const dir = temp.dir;
  const store = EncryptedFileSecretStore.open({ dataDir: dir, passphrase: 'test passphrase 1234', optIn: true, scryptN: 2 ** 10 });
  const accounts = new AccountsRepo(db);
  return {
    store,
    signals: new SignalService({
      repo: new SignalRepo(db),
      secrets: new SignalSecrets(() => store),
      account: (id) => accounts.get(id),
      hasMarket: async () => true,
      bots: {
        list: () => [],
        deliver: () => Promise.reject(new Error('no bot in this test')),
        start: () => Promise.reject(new Error('no bot in this test')),
        stop: () => Promise.reject(new Error('no bot in this test')),
      },
      emit: () => {},
      ...(strategies ? { strategies } : {}),
      perMinute,
      now,
    }),
  };
}

describe('SignalService', () => {
  it('a signal refused for its payload or market does not use up its id: fixed and sent again under the same id, it is acted on once', async () => {
    const now = 1_800_000_000_000;
    // A running strategy that listens to the source takes every well-formed signal.
    const hub = new StrategySignalHub(() => []);
    const taken: string[] = [];
    const { signals } = service(30, () => now, hub);
    const { source, secret } = await signals.create({ name: 'TV', accountId: 'paper', symbols: ['BTC/USDT'] });
    hub.subscribe(source.id, (signal) => {
      taken.push(signal.id);
      return true;
    });
    const send = (payload: Record<string, unknown>) =>
      signals.receive({ sourceId: source.id, body: JSON.stringify({ id: 'tv-42', timestamp: now, secret, ...payload }), headers: {} });
    expect(await send({ ticker: 'BTCUSDT', action: 'withdraw' })).toMatchObject({ status: 422, body: { signalId: 'tv-42' } });
    expect(await send({ ticker: 'ETHUSDT', action: 'buy' })).toMatchObject({
      status: 422,
      body: { message: expect.stringContaining('Unknown market') },
    });
    expect(await send({ ticker: 'BTCUSDT', action: 'buy' })).toMatchObject({ status: 200, body: { ok: true, signalId: 'tv-42' } });
    expect(await send({ ticker: 'BTCUSDT', action: 'buy' })).toMatchObject({
      status: 409,
      body: { message: expect.stringContaining('already received') },
    });
    expect(taken).toEqual(['tv-42']);
    expect(signals.log(10).map((row) => [row.signalId, row.outcome, row.status])).toEqual([
      ['tv-42', 'refused', 409],
      ['tv-42', 'accepted', 200],
      ['tv-42', 'refused', 422],
      ['tv-42', 'refused', 422],
    ]);
  });

  it('answers 429 with the reason once a source has used its minute, logging it, and lets signals in again a minute later', async () => {
    let now = 1_800_000_000_000;
    const { signals } = service(3, () => now);
    const { source, secret } = await signals.create({ name: 'TV', accountId: 'paper', symbols: ['BTC/USDT'] });
    const send = (id: string) =>
      signals.receive({
        sourceId: source.id,
        body: JSON.stringify({ ticker: 'BTCUSDT', action: 'buy', id, timestamp: now, secret }),
        headers: {},
      });
    // No signal bot: each is refused with 409 — but each counts against the minute.
    expect((await Promise.all([send('a'), send('b'), send('c')])).map((r) => r.status)).toEqual([409, 409, 409]);
    const limited = await send('d');
    expect(limited).toMatchObject({ status: 429, body: { ok: false, message: expect.stringContaining('this source accepts 3 a minute') } });
    expect(signals.log(1)[0]).toMatchObject({ sourceId: source.id, outcome: 'refused', status: 429 });
    now += 60_001;
    expect((await send('e')).status).toBe(409);
  });

  it('counts only signals with the right secret against the source: a flood of wrong ones neither blocks a real one nor floods the log', async () => {
    const now = 1_800_000_000_000;
    const { signals } = service(3, () => now);
    const { source, secret } = await signals.create({ name: 'TV', accountId: 'paper', symbols: ['BTC/USDT'] });
    const send = (id: string, withSecret: string) =>
      signals.receive({
        sourceId: source.id,
        body: JSON.stringify({ ticker: 'BTCUSDT', action: 'buy', id, timestamp: now, secret: withSecret }),
        headers: {},
      });
    const junk = await Promise.all(Array.from({ length: 40 }, (_, i) => send(`junk-${i}`, 'not the secret')));
    expect(new Set(junk.map((r) => r.status))).toEqual(new Set([401]));
    // Every junk request was answered, but only the minute's budget of them was logged.
    expect(signals.log(100).filter((row) => row.status === 401)).toHaveLength(3);
    // The real signal still gets through the source's own budget (409 here: no bot is bound).
    expect((await send('real', secret)).status).toBe(409);
  });

  it('refuses a disabled source, and deleting a source removes its secret from the store', async () => {
    const { signals, store } = service(30, () => 1_800_000_000_000);
    const { source, secret } = await signals.create({ name: 'TV', accountId: 'paper', symbols: ['BTC/USDT'] });
    signals.setEnabled(source.id, false);
    const refused = await signals.receive({ sourceId: source.id, body: JSON.stringify({ secret }), headers: {} });
    expect(refused).toMatchObject({ status: 403, body: { message: expect.stringContaining('is disabled') } });
    expect(await (await store).list(`signal-${source.id}`)).toHaveLength(1);
    expect(await signals.delete(source.id)).toEqual({ deleted: true });
    expect(await (await store).list(`signal-${source.id}`)).toEqual([]);
    expect(signals.list()).toEqual([]);
  });
});
