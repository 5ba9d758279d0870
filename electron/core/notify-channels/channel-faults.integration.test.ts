/**
 * Channels against loopback fakes that misbehave: a webhook receiver that fails, times out and
 * recovers (the signature checked with the shared secret); a Telegram Bot API answering 401, 429
 * with retry_after, 500, or hanging; quiet hours and the rate limit on real deliveries. Backoff is
 * shortened through the retry policy; every wait is on a message arriving or a log row, not a sleep.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { ChannelInput, DeliveryView } from '../../../shared/ipc/schemas/channels';
import { startFakeTelegram, type FakeTelegram } from '../../../e2e/fakes/telegram';
import { startWebhookReceiver, type WebhookReceiver } from '../../../e2e/fakes/webhook-receiver';
import { openDatabase, type Db } from '../db/connection';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { ChannelService } from './channel-service';

const TOKEN = '7099999999:AAF-faults-bot-token-zz81';
const SECRET = 'whsec-faults-3c0ffee';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let service: ChannelService;
let rows: DeliveryView[];
let rowWaiters: Array<{ test: (row: DeliveryView) => boolean; resolve: (row: DeliveryView) => void }>;
let telegram: FakeTelegram | undefined;
let hook: WebhookReceiver | undefined;
let serial = 0;

/** Resolves with the first log row (already written or still to come) that matches. */
function row(test: (row: DeliveryView) => boolean): Promise<DeliveryView> {
  const found = rows.find(test);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => rowWaiters.push({ test, resolve }));
}

function notification(title: string, level: Notification['level'] = 'info'): Notification {
  return { id: `n-${(serial += 1)}`, at: Date.now(), level, title, body: `${title}.`, botId: null };
}

const base = { enabled: true, minLevel: 'info', ratePerMinute: 30, quietHours: null } as const satisfies Partial<ChannelInput>;

beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  rows = [];
  rowWaiters = [];
});

afterEach(async () => {
  await service.close();
  await Promise.all([telegram?.close(), hook?.close()]);
  telegram = hook = undefined;
  db.close();
  temp.cleanup();
});

function startService(telegramApiUrl?: string): void {
  service = new ChannelService({
    db,
    secrets: testSecretStore(temp.dir),
    onDelivery: (delivery) => {
      rows.push(delivery);
      for (const waiter of rowWaiters.filter((w) => w.test(delivery))) {
        rowWaiters.splice(rowWaiters.indexOf(waiter), 1);
        waiter.resolve(delivery);
      }
    },
    log: () => {},
    telegramApiUrl,
    // Long enough that a loaded machine's normal answer never times out; the hangs wait it out once each.
    requestTimeoutMs: 1_500,
    retry: { attempts: 5, baseMs: 20, maxMs: 200 },
  });
}

describe('webhook channel', () => {
  it('retries through a failure and a time-out, then delivers once, signed, when the receiver recovers', async () => {
    hook = await startWebhookReceiver(SECRET);
    startService();
    const channel = await service.create({ ...base, name: 'Hook', settings: { kind: 'webhook', url: hook.url }, secret: SECRET });
    hook.fail('error');
    hook.fail('hang');
    service.notify(notification('Stop hit: ETH/USDT', 'warning'));
    const delivered = await hook.delivery(1);
    const sent = await row((r) => r.outcome === 'sent');
    expect(delivered.body).toMatchObject({ title: 'Stop hit: ETH/USDT', level: 'warning', body: 'Stop hit: ETH/USDT.' });
    expect(hook.requests).toBe(3);
    expect(hook.badSignatures).toBe(0);
    const log = service.deliveries({ channelId: channel.id }).reverse();
    expect(log.map((r) => [r.outcome, r.attempt])).toEqual([
      ['retrying', 1],
      ['retrying', 2],
      ['sent', 3],
    ]);
    expect(log[0]!.reason).toMatch(
      /^The webhook at 127\.0\.0\.1:\d+ answered 500 Internal Server Error \(receiver is down\); it will be tried again\. Trying again in 20 ms/,
    );
    expect(log[1]!.reason).toMatch(/^The webhook at 127\.0\.0\.1:\d+ did not answer within 1\.5 s\. Trying again in 40 ms/);
    expect(sent.reason).toBe('Delivered on attempt 3.');
  });

  it('is refused by a receiver holding another secret, and says so without retrying', async () => {
    hook = await startWebhookReceiver('the receiver expects this one');
    startService();
    const channel = await service.create({ ...base, name: 'Hook', settings: { kind: 'webhook', url: hook.url }, secret: SECRET });
    const result = await service.test(channel.id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/answered 401 Unauthorized \(bad signature\): check the URL and the secret the receiver expects\.$/);
    expect(hook.badSignatures).toBe(1);
  });

  it('keeps quiet hours (critical overriding) and holds the excess over the rate limit for one summary', async () => {
    hook = await startWebhookReceiver(SECRET);
    startService();
    const now = new Date();
    const hhmm = (hours: number) => `${String((now.getUTCHours() + hours + 24) % 24).padStart(2, '0')}:00`;
    const quiet = await service.create({
      ...base,
      name: 'Quiet',
      ratePerMinute: 1,
      quietHours: { start: hhmm(-1), end: hhmm(2), timeZone: 'UTC', criticalOverrides: true },
      settings: { kind: 'webhook', url: hook.url },
      secret: SECRET,
    });
    service.notify(notification('Order filled', 'fill'));
    service.notify(notification('Bot errored', 'error'));
    service.notify(notification('Kill switch used', 'error'));
    expect((await hook.delivery(1)).body).toMatchObject({ title: 'Bot errored', level: 'critical' });
    await row((r) => r.outcome === 'rate_limited');
    const log = service.deliveries({ channelId: quiet.id }).reverse();
    expect(log.map((r) => [r.outcome, r.title])).toEqual([
      ['quiet_hours', 'Order filled'],
      ['sent', 'Bot errored'],
      ['rate_limited', 'Kill switch used'],
    ]);
    expect(log[2]!.reason).toBe('Held by the rate limit (1 a minute); it will be in one summary message.');
    expect(service.dispatcher.pending(quiet.id)).toBe(1);
  });
});

describe('Telegram channel', () => {
  it('reports a wrong bot token exactly, in the send test and the log, and forgets the token with the channel', async () => {
    telegram = await startFakeTelegram(TOKEN);
    startService(telegram.url);
    const channel = await service.create({
      ...base,
      name: 'Phone',
      settings: { kind: 'telegram', chatId: '-1001234567890' },
      secret: 'wrong:token',
    });
    const result = await service.test(channel.id);
    expect(result).toEqual({
      ok: false,
      message: 'Telegram said 401 Unauthorized: the bot token is wrong; paste it again from @BotFather.',
    });
    expect(service.deliveries({ channelId: channel.id, failuresOnly: true })[0]).toMatchObject({
      outcome: 'failed',
      reason: result.message,
    });
    // Deleting the channel removes its token from the secret store too.
    const store = await testSecretStore(temp.dir)();
    expect(await store.get({ accountId: `notify-${channel.id}`, version: 1 })).toEqual({ token: 'wrong:token' });
    await service.delete(channel.id);
    expect(await store.get({ accountId: `notify-${channel.id}`, version: 1 })).toBeNull();
  });

  it('honours 429 retry_after, retries a 500 and a hang, and delivers', async () => {
    telegram = await startFakeTelegram(TOKEN);
    startService(telegram.url);
    const channel = await service.create({ ...base, name: 'Phone', settings: { kind: 'telegram', chatId: '123456789' }, secret: TOKEN });
    telegram.fail({ kind: 'rate_limited', retryAfter: 0 });
    telegram.fail({ kind: 'status', status: 500 });
    telegram.fail({ kind: 'hang' });
    service.notify(notification('Take-profit 1 hit: BTC/USDT'));
    expect(await telegram.message(1)).toEqual({
      token: TOKEN,
      chatId: '123456789',
      text: 'Take-profit 1 hit: BTC/USDT\nTake-profit 1 hit: BTC/USDT.',
    });
    await row((r) => r.outcome === 'sent');
    const reasons = service
      .deliveries({ channelId: channel.id })
      .reverse()
      .map((r) => r.reason);
    expect(reasons[0]).toMatch(
      /^Telegram said 429 Too Many Requests: retry after 0: too many messages; Telegram asked us to wait\. Trying again in 20 ms/,
    );
    expect(reasons[1]).toMatch(
      /^Telegram said 500 Internal Server Error: Telegram has a problem; it will be tried again\. Trying again in 40 ms/,
    );
    expect(reasons[2]).toMatch(/^Telegram did not answer within 1\.5 s\. Trying again in 80 ms/);
    expect(reasons[3]).toBe('Delivered on attempt 4.');
    expect(reasons.join('\n')).not.toContain(TOKEN);
  });
});
