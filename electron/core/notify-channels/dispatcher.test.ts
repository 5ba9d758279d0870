/**
 * The dispatcher's policy on fake timers: backoff doubling, the service's retry-after, the bound
 * on tries and on the queue, the rate-limit summary, quiet hours and the level filter. The sender
 * is scripted (the thing under test is the dispatcher, not a network); every outcome is read
 * back from the real SQLite delivery log.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { ChannelView, DeliveryView } from '../../../shared/ipc/schemas/channels';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { ChannelsRepo } from './channels-repo';
import { DeliveryError, type OutgoingMessage } from './delivery';
import { ChannelDispatcher } from './dispatcher';

type Step = 'ok' | DeliveryError | Promise<void>;

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let repo: ChannelsRepo;
let sent: OutgoingMessage[];
let script: Step[];
let dispatcher: ChannelDispatcher;
let serial = 0;

function addChannel(overrides: Partial<ChannelView> = {}): ChannelView {
  const at = Date.now();
  const channel = {
    id: `ch-${(serial += 1)}`,
    name: 'Ops webhook',
    enabled: true,
    minLevel: 'info' as const,
    ratePerMinute: 60,
    quietHours: null,
    settings: { kind: 'webhook' as const, url: 'http://127.0.0.1:9/hook' },
    hasSecret: true,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
  repo.insert(channel);
  return repo.get(channel.id)!;
}

function notification(title: string, level: Notification['level'] = 'info'): Notification {
  return { id: `n-${title}`, at: Date.now(), level, title, body: `${title} body`, botId: null };
}

function log(channelId: string): Array<Pick<DeliveryView, 'outcome' | 'attempt' | 'reason' | 'title'>> {
  return repo
    .deliveries({ channelId, limit: 500 })
    .reverse()
    .map(({ outcome, attempt, reason, title }) => ({ outcome, attempt, reason, title }));
}

function start(options: { queueLimit?: number; secret?: string } = {}): void {
  dispatcher = new ChannelDispatcher({
    repo,
    secret: () => Promise.resolve(options.secret ?? 'hook-secret-value'),
    senderFor: () => ({
      send: async (message) => {
        sent.push(message);
        const step = script.shift() ?? 'ok';
        if (step instanceof DeliveryError) throw step;
        if (step !== 'ok') await step;
      },
    }),
    onDelivery: () => {},
    log: () => {},
    retry: { attempts: 4, baseMs: 2_000, maxMs: 60_000 },
    queueLimit: options.queueLimit,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 12, 0, 0) });
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  repo = new ChannelsRepo(db);
  sent = [];
  script = [];
  start();
});

afterEach(async () => {
  await dispatcher.close();
  db.close();
  temp.cleanup();
  vi.useRealTimers();
});

const down = () =>
  new DeliveryError('The webhook at 127.0.0.1:9 answered 500 Internal Server Error; it will be tried again.', { retryable: true });

describe('ChannelDispatcher', () => {
  it('retries a failing send with doubling backoff and logs every attempt', async () => {
    const channel = addChannel();
    script = [down(), down(), 'ok'];
    dispatcher.notify(notification('Buy order filled'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
    // The same event id on every try, so a receiver can drop duplicates.
    expect(new Set(sent.map((message) => message.eventId)).size).toBe(1);
    expect(log(channel.id)).toEqual([
      {
        outcome: 'retrying',
        attempt: 1,
        title: 'Buy order filled',
        reason: expect.stringContaining('Trying again in 2 s (attempt 2 of 4)'),
      },
      {
        outcome: 'retrying',
        attempt: 2,
        title: 'Buy order filled',
        reason: expect.stringContaining('Trying again in 4 s (attempt 3 of 4)'),
      },
      { outcome: 'sent', attempt: 3, title: 'Buy order filled', reason: 'Delivered on attempt 3.' },
    ]);
  });

  it("waits as long as the service's retry-after asks, and gives up after the bounded tries", async () => {
    const channel = addChannel();
    const limited = new DeliveryError('Telegram said 429 Too Many Requests: retry after 30.', { retryable: true, retryAfterMs: 30_000 });
    script = [limited, down(), down(), down()];
    dispatcher.notify(notification('Bot stopped', 'error'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4_000 + 8_000);
    expect(sent).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(4);
    const rows = log(channel.id);
    expect(rows.map((row) => row.outcome)).toEqual(['retrying', 'retrying', 'retrying', 'failed']);
    expect(rows[0]!.reason).toContain('Trying again in 30 s');
    expect(rows[3]!.reason).toMatch(/answered 500 .* Gave up after 4 attempts\.$/);
  });

  it('does not retry a refusal that retrying cannot fix', async () => {
    const channel = addChannel();
    script = [new DeliveryError('Telegram said 401 Unauthorized: the bot token is wrong.', { retryable: false })];
    dispatcher.notify(notification('Kill switch used', 'error'));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(1);
    expect(log(channel.id)).toEqual([
      { outcome: 'failed', attempt: 1, title: 'Kill switch used', reason: 'Telegram said 401 Unauthorized: the bot token is wrong.' },
    ]);
  });

  it('never writes the secret into the log, even when the error quotes it', async () => {
    const channel = addChannel();
    start({ secret: '123456:ABC-very-secret-token' });
    script = [new DeliveryError('fetch failed for http://x/bot123456:ABC-very-secret-token/sendMessage', { retryable: false })];
    dispatcher.notify(notification('Filled'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log(channel.id)[0]!.reason).toBe('fetch failed for http://x/bot[secret]/sendMessage');
  });

  it('sends at most the rate limit a minute and summarises the excess in one later message', async () => {
    const channel = addChannel({ ratePerMinute: 2 });
    for (const title of ['A filled', 'B filled', 'C filled', 'D filled', 'E filled']) dispatcher.notify(notification(title));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((message) => message.title)).toEqual(['A filled', 'B filled']);
    expect(log(channel.id).filter((row) => row.outcome === 'rate_limited')).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.title).toBe('3 more notifications held back by the rate limit');
    expect(sent[2]!.body).toContain('• C filled\n• D filled\n• E filled');
    expect(log(channel.id).at(-1)).toMatchObject({ outcome: 'sent', title: '3 more notifications held back by the rate limit' });
  });

  it('keeps quiet hours in the channel time zone, letting critical through when told to', async () => {
    // 12:00 UTC is 21:00 in Tokyo: inside 20:00–08:00 there.
    const channel = addChannel({ quietHours: { start: '20:00', end: '08:00', timeZone: 'Asia/Tokyo', criticalOverrides: true } });
    dispatcher.notify(notification('Order filled'));
    dispatcher.notify(notification('Bot errored', 'error'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((message) => message.title)).toEqual(['Bot errored']);
    expect(log(channel.id)[0]).toEqual({
      outcome: 'quiet_hours',
      attempt: 0,
      title: 'Order filled',
      reason: 'Not sent: quiet hours (20:00–08:00 Asia/Tokyo).',
    });
  });

  it('sends only at or above the channel level and nothing on a disabled channel', async () => {
    addChannel({ minLevel: 'warning' });
    addChannel({ enabled: false });
    dispatcher.notify(notification('Order filled', 'fill'));
    dispatcher.notify(notification('Backup failed', 'warning'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((message) => [message.title, message.level])).toEqual([['Backup failed', 'warning']]);
  });

  it('bounds the queue of a stuck channel, dropping the oldest with a log row', async () => {
    start({ queueLimit: 2 });
    const channel = addChannel({ ratePerMinute: 100 });
    let release!: () => void;
    script = [new Promise<void>((resolve) => (release = resolve))];
    for (const title of ['first', 'second', 'third', 'fourth', 'fifth']) dispatcher.notify(notification(title));
    await vi.advanceTimersByTimeAsync(0);
    // 'first' is being sent; of the four waiting only the newest two stay.
    expect(dispatcher.pending(channel.id)).toBe(2);
    expect(
      log(channel.id)
        .filter((row) => row.outcome === 'dropped')
        .map((row) => row.title),
    ).toEqual(['second', 'third']);
    expect(log(channel.id)[0]!.reason).toContain('2 messages were waiting for this channel');
    release();
    await vi.advanceTimersByTimeAsync(0);
    await dispatcher.idle();
    expect(sent.map((message) => message.title)).toEqual(['first', 'fourth', 'fifth']);
  });
});
