/**
 * The signed remote feed end to end on 127.0.0.1: a publishing core (its paper account is the
 * leader) serves its feed on the headless host's own HTTP server; a second, independent core
 * follows it into its paper account. A leader fill becomes a copy; the follower, shut down while
 * the leader trades, catches up from its last applied sequence with no duplicate copy. Then the
 * follower is pointed at a hostile feed server that relays the leader's genuine signed events
 * along with a tampered one, an unsigned one, a replay and two gaps (one it can fill from the
 * feed's pages, one it cannot): each bad event is refused with its reason in the copy log, the
 * genuine ones are copied, nothing twice.
 */
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopyLinkView, CopyLogEntry, CopyRules } from '../../shared/ipc/schemas/copy';
import type { OrderView } from '../../shared/ipc/schemas/orders';
import type { FeedView } from '../../shared/ipc/schemas/copy-feed';
import { readFeedStream } from '../core/copy/feed/feed-client';
import type { FillFeedEvent, SignedFeedEvent } from '../core/copy/feed/feed-event';
import { createCore } from '../core/index';
import { derivedClientOrderId } from '../core/orders/client-id';
import { testSecretStore } from '../core/test-support/live-core';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { closeServer, createHostServer, listen, type HostServer } from './http-server';
import { copyRules } from '../core/copy/test-support/copy-rules';

const rules: CopyRules = copyRules({ mode: 'ratio', ratio: 1 });

const wall = Date.now();
const leaderDir = makeTempDir();
const followerDir = makeTempDir();
let leader: Core | undefined;
let follower: Core | undefined;
let host: HostServer;
let feed: FeedView;
let feedUrl: string;
/** Every event the leader's stream has sent (a reader of our own: the readiness signal for "published"). */
const published: SignedFeedEvent<FillFeedEvent>[] = [];
const publishedWaiters: Array<() => void> = [];
const watching = new AbortController();

function startCore(dir: string): Promise<Core> {
  return createCore({
    host: 'test',
    dataDir: dir,
    offline: true,
    replaySpeed: 3_000,
    replayClock: () => wall,
    tradingTickMs: 50,
    openSecretStore: testSecretStore(dir),
    copyFeedRetry: { baseMs: 20, maxMs: 200 },
    log: () => {},
  });
}

async function call<T>(core: Core | undefined, method: string, input?: unknown): Promise<T> {
  const result = await core!.invoke(method, input, { sessionId: 'feed-test' });
  if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { code: result.error.code });
  return result.value as T;
}

/** Resolves once the leader's feed has published `seq` (seen on its own stream). */
function publishedUpTo(seq: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (published.some((e) => e.event.seq >= seq)) resolve();
      else publishedWaiters.push(check);
    };
    check();
  });
}

/** Resolves with a link's copy log (oldest first) once `done` holds; re-checked on every copy.log event, never on a timer. */
function logUntil(core: Core, linkId: string, done: (rows: CopyLogEntry[]) => boolean): Promise<CopyLogEntry[]> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const check = () => {
      call<CopyLogEntry[]>(core, 'copy.log', { linkId, limit: 500 })
        .then((rows) => {
          const ordered = [...rows].reverse();
          if (done(ordered)) {
            stop();
            resolve(ordered);
          }
        })
        .catch(reject);
    };
    stop = core.subscribe('copy.log', check);
    check();
  });
}

const copied = (rows: CopyLogEntry[]) => rows.filter((r) => r.outcome === 'copied');

async function leaderBuys(amount: number): Promise<void> {
  await call(leader, 'orders.place', {
    accountId: 'paper',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    size: { unit: 'base', amount },
  });
}

beforeAll(async () => {
  leader = await startCore(leaderDir.dir);
  host = createHostServer(leaderDir.dir, () => {}, { feeds: () => leader?.feeds });
  const { port } = await listen(host, 0, '127.0.0.1');
  feed = await call<FeedView>(leader, 'copy.feeds.create', { name: 'My paper trades', leader: { kind: 'account', accountId: 'paper' } });
  feedUrl = `http://127.0.0.1:${port}${feed.path}`;
  void readFeedStream(feedUrl, 0, watching.signal, {
    onOpen: () => {},
    onEvent: (data) => {
      published.push(data as SignedFeedEvent<FillFeedEvent>);
      for (const waiter of publishedWaiters.splice(0)) waiter();
    },
  });
  follower = await startCore(followerDir.dir);
});

afterAll(async () => {
  watching.abort();
  await follower?.close();
  await leader?.close();
  await closeServer(host);
  leaderDir.cleanup();
  followerDir.cleanup();
});

describe('signed copy feed between two cores', () => {
  let link: CopyLinkView;

  it('copies a leader fill published on the feed into the follower paper account, under a client id derived from leader and event', async () => {
    expect(feed).toMatchObject({ publicKey: expect.stringMatching(/^ed25519:[A-Za-z0-9_-]{43}$/), lastSeq: 0, problem: null });
    link = await call<CopyLinkView>(follower!, 'copy.links.create', {
      name: 'Remote leader',
      leader: { kind: 'feed', url: `${feedUrl}/`, publicKey: feed.publicKey },
      followerAccountId: 'paper',
      rules,
    });
    expect(link.leader).toEqual({ kind: 'feed', url: feedUrl, publicKey: feed.publicKey });
    expect(link.leaderLabel).toBe(`Feed ${feedUrl}`);

    await leaderBuys(0.002);
    const rows = await logUntil(follower!, link.id, (r) => copied(r).length === 1);
    expect(rows).toHaveLength(1);
    const leaderId = `feed:${feedUrl}#${feed.publicKey}`;
    expect(rows[0]).toMatchObject({
      eventId: '#1',
      outcome: 'copied',
      leaderSymbol: 'BTC/USDT',
      side: 'buy',
      leaderAmount: 0.002,
      amount: 0.002,
      clientOrderId: derivedClientOrderId('paper', `${leaderId}|#1|${link.id}`),
    });
  });

  it('catches up from its last applied sequence after being offline, copying each missed fill once', async () => {
    await follower!.close();
    follower = undefined;
    await leaderBuys(0.003);
    await leaderBuys(0.004);
    await publishedUpTo(3);
    follower = await startCore(followerDir.dir);
    const rows = await logUntil(follower, link.id, (r) => copied(r).length === 3);
    expect(rows.map((r) => [r.eventId, r.outcome, r.amount])).toEqual([
      ['#1', 'copied', 0.002],
      ['#2', 'copied', 0.003],
      ['#3', 'copied', 0.004],
    ]);
    expect(new Set(rows.map((r) => r.clientOrderId)).size).toBe(3);
    const feeds = await call<FeedView[]>(leader, 'copy.feeds.list');
    expect(feeds[0]!.lastSeq).toBe(3);
  });

  it('refuses a tampered, an unsigned and a replayed event and says which gap it could not fill; copies the genuine ones once', async () => {
    const evil = await startHostileFeed(feed.id);
    try {
      // The hostile server claims the leader's present head, so the link starts after #3.
      evil.head = 3;
      const evilLink = await call<CopyLinkView>(follower!, 'copy.links.create', {
        name: 'Through a hostile relay',
        leader: { kind: 'feed', url: `${evil.url}/feeds/${feed.id}`, publicKey: feed.publicKey },
        followerAccountId: 'paper',
        rules,
      });
      await evil.connected;
      for (const amount of [0.002, 0.003, 0.004, 0.005, 0.006]) await leaderBuys(amount);
      await publishedUpTo(8);
      const bySeq = (seq: number) => published.find((e) => e.event.seq === seq)!;
      // The pages hold #7 (a gap the follower can fill) but not #5 (one it cannot).
      evil.pages = [bySeq(4), bySeq(6), bySeq(7), bySeq(8)];
      const tampered = { ...bySeq(4), event: { ...bySeq(4).event, fill: { ...bySeq(4).event.fill, cumulative: 0.2 } } };
      const unsigned = { event: bySeq(4).event };
      for (const sent of [tampered, unsigned, bySeq(4), bySeq(4), bySeq(6), bySeq(8)]) evil.send(sent);

      const rows = await logUntil(follower!, evilLink.id, (r) => r.some((row) => row.eventId === '#8' && row.outcome === 'copied'));
      const summary = rows.map((r) => [r.eventId.startsWith('refused:') ? 'refused' : r.eventId, r.outcome]);
      expect(summary).toEqual([
        ['refused', 'skipped'],
        ['refused', 'skipped'],
        ['#4', 'copied'],
        ['refused', 'skipped'],
        ['gap:5-5', 'skipped'],
        ['#6', 'copied'],
        ['#7', 'copied'],
        ['#8', 'copied'],
      ]);
      const shown = `${evil.url}/feeds/${feed.id}`;
      expect(rows[0]!.reason).toBe(
        `Refused feed event #4 from ${shown}: its signature does not match the pinned public key (the event was altered, or signed by another key). Nothing was copied.`,
      );
      expect(rows[0]).toMatchObject({ leaderSymbol: 'BTC/USDT', leaderAmount: 0.2, amount: null, clientOrderId: null });
      expect(rows[1]!.reason).toBe(`Refused feed event #4 from ${shown}: it carries no signature. Nothing was copied.`);
      expect(rows[3]!.reason).toBe(
        `Refused feed event #4 from ${shown}: sequence #4 was already applied (this follower is at #4): a replayed event. Nothing was copied.`,
      );
      expect(rows[4]!.reason).toMatch(
        new RegExp(
          `^Feed events #5 of ${shown.replace(/[.]/g, '\\.')} are missing: the stream skipped from #4 to #6 and the feed did not return them\\. Nothing was copied for them`,
        ),
      );
      expect(copied(rows).map((r) => r.amount)).toEqual([0.002, 0.004, 0.005, 0.006]);
      expect(new Set(copied(rows).map((r) => r.clientOrderId)).size).toBe(4);

      // The relay drops the stream: the follower comes back (backing off) asking only for what follows #8.
      const reconnected = evil.nextConnection();
      evil.dropStreams();
      expect(await reconnected).toBe(8);

      // The honest link saw #4–#8 straight from the leader: each copied once, none refused.
      const honest = await logUntil(follower!, link.id, (r) => copied(r).length === 8);
      expect(honest.map((r) => r.eventId)).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8']);
    } finally {
      await evil.close();
    }
  });

  it("mirrors the leader's bracket from the feed: placed, moved, refused when tampered, cancelled before the leader's close is copied once", async () => {
    // The honest link now copies the leader's take-profit/stop instead of its own.
    const mirrorLink = await call<CopyLinkView>(follower!, 'copy.links.update', {
      id: link.id,
      name: link.name,
      rules: copyRules({ mode: 'ratio', ratio: 1 }, { protection: 'leader' }),
    });
    const before = (await call<CopyLogEntry[]>(follower, 'copy.log', { linkId: link.id, limit: 500 })).length;
    const head = (await call<FeedView[]>(leader, 'copy.feeds.list'))[0]!.lastSeq;
    const price = published[0]!.event.fill.price;
    const level = (x: number) => Math.round(price * x);
    const bracket = await call<{ id: string }>(leader, 'brackets.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'base', amount: 0.002 },
      entry: { type: 'market' },
      targets: [
        { price: level(1.5), share: 50 },
        { price: level(2), share: 50 },
      ],
      stopLoss: { price: level(0.5) },
      confirmed: true,
    });
    let rows = await logUntil(follower!, mirrorLink.id, (r) => r.some((row) => row.reason.startsWith("Copied the leader's stop")));
    rows = rows.slice(before);
    expect(rows.map((r) => r.outcome)).toEqual(['copied', 'closed']);
    expect(rows[1]!.reason).toMatch(new RegExp(`^Copied the leader's stop ${level(0.5)} and 2 targets: `));
    const mirrors = async () => {
      const [open, history] = await Promise.all(
        (['open', 'history'] as const).map((status) => call<OrderView[]>(follower, 'orders.list', { accountId: 'paper', status })),
      );
      return [...open!, ...history!].filter((o) => o.originId === mirrorLink.id && o.originRole?.startsWith('protect:'));
    };
    expect(
      (await mirrors())
        .filter((o) => o.status === 'open')
        .map((o) => o.price)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual([level(1.5), level(2)]);

    // The leader moves its stop: the follower's mirror follows under a new revision.
    await call(leader, 'brackets.update', { bracketId: bracket.id, stopLoss: { price: level(0.6) } });
    rows = await logUntil(follower!, mirrorLink.id, (r) =>
      r.some((row) => row.reason.startsWith(`Moved to the leader's stop ${level(0.6)}`)),
    );
    expect((await mirrors()).filter((o) => o.status === 'open')).toHaveLength(2);

    // A relay that alters the protection event (the stop dropped far away) is refused; nothing is mirrored from it.
    const all = published as unknown as SignedFeedEvent[];
    const move = all.find((e) => e.event.seq > head && 'protection' in e.event && e.event.protection.stopPrice === level(0.6))!;
    const evil = await startHostileFeed(feed.id);
    try {
      evil.head = move.event.seq - 1;
      const evilLink = await call<CopyLinkView>(follower!, 'copy.links.create', {
        name: 'Exits through a hostile relay',
        leader: { kind: 'feed', url: `${evil.url}/feeds/${feed.id}`, publicKey: feed.publicKey },
        followerAccountId: 'paper',
        rules: copyRules({ mode: 'ratio', ratio: 1 }, { protection: 'leader' }),
      });
      await evil.connected;
      const event = move.event as Extract<SignedFeedEvent['event'], { protection: unknown }>;
      evil.send({ ...move, event: { ...event, protection: { ...event.protection, stopPrice: 1 } } });
      const refused = await logUntil(follower!, evilLink.id, (r) => r.length > 0);
      expect(refused[0]!.reason).toBe(
        `Refused feed event #${move.event.seq} from ${evil.url}/feeds/${feed.id}: its signature does not match the pinned public key (the event was altered, or signed by another key). Nothing was copied.`,
      );
      await call(follower, 'copy.links.delete', { id: evilLink.id });
    } finally {
      await evil.close();
    }

    // The leader closes its bracket at market: the mirror is cancelled first, the close is copied once.
    await call(leader, 'brackets.close', { bracketId: bracket.id });
    rows = await logUntil(follower!, mirrorLink.id, (r) => r.some((row) => row.side === 'sell' && row.outcome === 'copied'));
    const sells = rows.slice(before).filter((r) => r.side === 'sell' && r.outcome === 'copied');
    expect(sells).toHaveLength(1);
    expect(sells[0]!.reason).toMatch(/mirror .*cancelled first/);
    expect((await mirrors()).filter((o) => o.status === 'open')).toHaveLength(0);
    // What the link copied of the bracket's 0.002 entry (less the paper fee), sold once: no mirror sold any of it.
    expect(sells[0]!.amount).toBeGreaterThan(0.0019);
    expect(sells[0]!.amount).toBeLessThanOrEqual(0.002);
    expect((await mirrors()).filter((o) => o.filled > 0)).toHaveLength(0);
  });

  it('refuses a feed URL that is plain http to another machine, carries a login, or is no feed; and a key that is no key', async () => {
    const create = (url: string, publicKey = feed.publicKey) =>
      call(follower!, 'copy.links.create', {
        name: 'Bad',
        leader: { kind: 'feed', url, publicKey },
        followerAccountId: 'paper',
        rules,
      }).then(
        () => 'created',
        (error: Error & { code: string }) => `${error.code}: ${error.message}`,
      );
    expect(await create(`http://leader.example/feeds/${feed.id}`)).toMatch(
      /^invalid_input: copy\.links\.create: leader\.url: http:\/\/leader\.example\/feeds\/.* must use https/,
    );
    expect(await create(`https://me:hunter22@leader.example/feeds/${feed.id}`)).toBe(
      `invalid_input: copy.links.create: leader.url: remove the user name and password from https://leader.example/feeds/${feed.id}; a feed needs no login (its events are checked against the pinned key).`,
    );
    expect(await create('https://leader.example/somewhere')).toMatch(/is not a feed URL; it must end with \/feeds\//);
    expect(await create(feedUrl, 'ed25519:nope')).toMatch(/leader\.publicKey: the public key is not an Ed25519 public key/);
    const unreachable = `http://127.0.0.1:9/feeds/${feed.id}`;
    expect(await create(unreachable)).toMatch(
      new RegExp(
        `^unavailable: copy\\.links\\.create: http://127\\.0\\.0\\.1:9/feeds/${feed.id} could not be read: .*nothing was created\\.$`,
      ),
    );
  });

  it("keeps the feed's private key in the secret store only: not in an RPC answer, the database or any other file of the data folder", async () => {
    const answers = JSON.stringify(await call(leader, 'copy.feeds.list'));
    await leader!.close();
    leader = undefined;
    const entry = await (await testSecretStore(leaderDir.dir)()).get({ accountId: `copy-feed-${feed.id}`, version: 1 });
    const der = entry?.privateKey ?? '';
    expect(der).toMatch(/^[A-Za-z0-9+/]{64}=*$/);
    // PKCS#8 for Ed25519 is a 16-byte header and the 32-byte private seed.
    const seed = Buffer.from(der, 'base64').subarray(16).toString('latin1');
    const files = (fs.readdirSync(leaderDir.dir, { recursive: true }) as string[])
      .map((name) => path.join(leaderDir.dir, name))
      .filter((file) => fs.statSync(file).isFile());
    expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['tradewind.sqlite']));
    const bytes = files.map((file) => fs.readFileSync(file).toString('latin1')).join('\n');
    expect(bytes).toContain(feed.publicKey);
    for (const secret of [der, seed]) {
      expect(answers).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });
});

interface HostileFeed {
  url: string;
  head: number;
  pages: SignedFeedEvent<FillFeedEvent>[];
  connected: Promise<void>;
  /** Resolves with the `after` of the next stream request. */
  nextConnection(): Promise<number>;
  dropStreams(): void;
  send(event: unknown): void;
  close(): Promise<void>;
}

/** A feed server that relays what the test tells it to: genuine signed events, altered ones, repeats, holes. */
async function startHostileFeed(feedId: string): Promise<HostileFeed> {
  const streams = new Set<ServerResponse>();
  let onConnect = () => {};
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const connectionWaiters: Array<(after: number) => void> = [];
  const state: HostileFeed = {
    url: '',
    head: 0,
    pages: [],
    connected,
    nextConnection: () => new Promise<number>((resolve) => connectionWaiters.push(resolve)),
    dropStreams: () => {
      for (const res of streams) res.destroy();
    },
    send: (event) => {
      for (const res of streams) res.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    close: async () => {
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const after = Number(url.searchParams.get('after') ?? 0);
    if (url.pathname === `/feeds/${feedId}/events`) {
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const events = state.pages.filter((e) => e.event.seq > after).slice(0, limit);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ feed: feedId, head: state.head, events }));
      return;
    }
    if (url.pathname === `/feeds/${feedId}/stream`) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': hostile\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      onConnect();
      for (const waiter of connectionWaiters.splice(0)) waiter(after);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  const { port } = await new Promise<AddressInfo>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo)),
  );
  state.url = `http://127.0.0.1:${port}`;
  return state;
}
