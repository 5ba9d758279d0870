/**
 * A notification raised by core (a paper market order's fill) reaches Telegram, a webhook and an
 * e-mail inbox, each a loopback fake; the secrets are in the secret store only: never in SQLite
 * (the database files are searched byte for byte), RPC answers or the delivery log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isMethodName, methods } from '../../../shared/ipc/contract';
import type { ChannelView, DeliveryView } from '../../../shared/ipc/schemas/channels';
import { startFakeSmtp, type FakeSmtp } from '../../../e2e/fakes/smtp';
import { startFakeTelegram, type FakeTelegram } from '../../../e2e/fakes/telegram';
import { startWebhookReceiver, type WebhookReceiver } from '../../../e2e/fakes/webhook-receiver';
import { createCore, type Core } from '../index';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';

const BOT_TOKEN = '7012345678:AAH-core-test-bot-token-QwErTy';
const HOOK_SECRET = 'whsec-core-test-7f3a9c1e5b';
const SMTP_PASSWORD = 'smtp-pass-core-test-91xq';

let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
let telegram: FakeTelegram | undefined;
let hook: WebhookReceiver | undefined;
let smtp: FakeSmtp | undefined;

afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all([telegram?.close(), hook?.close(), smtp?.close()]);
  temp?.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'channels-test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  if (isMethodName(method)) methods[method].output.parse(result.value);
  return result.value as T;
}

async function refusal(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'channels-test' });
  if (result.ok) throw new Error(`${method} was expected to fail`);
  return result.error;
}

const common = { enabled: true, minLevel: 'info', ratePerMinute: 30, quietHours: null } as const;

describe('alert channels in createCore', () => {
  it('delivers a fill notification to Telegram, a webhook and e-mail, keeping every secret out of the data folder (SQLite, logs) and RPC', async () => {
    temp = makeTempDir();
    [telegram, hook, smtp] = await Promise.all([
      startFakeTelegram(BOT_TOKEN),
      startWebhookReceiver(HOOK_SECRET),
      startFakeSmtp({ user: 'alerts', password: SMTP_PASSWORD }),
    ]);
    const wall = Date.now();
    const deliveries: DeliveryView[] = [];
    core = await createCore({
      host: 'test',
      dataDir: temp.dir,
      offline: true,
      replaySpeed: 3_000,
      replayClock: () => wall,
      tradingTickMs: 50,
      openSecretStore: testSecretStore(temp.dir),
      notifyChannels: { telegramApiUrl: telegram.url, requestTimeoutMs: 5_000 },
      log: () => {},
    });
    core.subscribe('channels.delivery', (row) => deliveries.push(row));

    // A channel that cannot work without its secret is refused with what to do.
    expect(await refusal('channels.create', { ...common, name: 'No token', settings: { kind: 'telegram', chatId: '123456789' } })).toEqual({
      code: 'invalid_input',
      message: 'A telegram channel needs its bot token: fill it in.',
    });

    // An SMTP password is never sent in clear text to another machine.
    expect(
      await refusal('channels.create', {
        ...common,
        name: 'Remote plain',
        settings: {
          kind: 'email',
          host: 'smtp.example.com',
          port: 25,
          tls: 'none',
          user: 'me',
          from: 'a@example.com',
          to: 'b@example.com',
        },
        secret: SMTP_PASSWORD,
      }),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('without encryption would expose it on the network') });

    const created = [
      await call<ChannelView>('channels.create', {
        ...common,
        name: 'My phone',
        settings: { kind: 'telegram', chatId: '123456789' },
        secret: BOT_TOKEN,
      }),
      await call<ChannelView>('channels.create', {
        ...common,
        name: 'Ops hook',
        settings: { kind: 'webhook', url: hook.url },
        secret: HOOK_SECRET,
      }),
      await call<ChannelView>('channels.create', {
        ...common,
        name: 'Inbox',
        settings: {
          kind: 'email',
          host: smtp.host,
          port: smtp.port,
          tls: 'none',
          user: 'alerts',
          from: 'bot@tradewind.test',
          to: 'me@tradewind.test',
        },
        secret: SMTP_PASSWORD,
      }),
    ];
    expect(created.map((channel) => channel.hasSecret)).toEqual([true, true, true]);
    expect(
      await refusal('channels.update', { ...common, id: created[0]!.id, name: 'x', settings: { kind: 'webhook', url: hook.url } }),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('its kind cannot change') });

    await call('orders.place', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      size: { unit: 'base', amount: 0.01 },
    });

    const [message, delivery, mail] = await Promise.all([telegram.message(1), hook.delivery(1), smtp.mail(1)]);
    expect(message).toMatchObject({
      chatId: '123456789',
      text: expect.stringMatching(/^Buy order filled: BTC\/USDT\nBought 0\.01 BTC at /),
    });
    expect(delivery.body).toMatchObject({ id: delivery.eventId, level: 'info', title: 'Buy order filled: BTC/USDT', test: false });
    expect(hook.badSignatures).toBe(0);
    expect(mail).toMatchObject({
      from: 'bot@tradewind.test',
      to: ['me@tradewind.test'],
      subject: '[Tradewind] Buy order filled: BTC/USDT',
    });
    expect(mail.text).toMatch(/^Bought 0\.01 BTC at /);

    // Send test: success reported, and the wrong secret's exact error after an update.
    expect(await call('channels.test', { id: created[1]!.id })).toEqual({ ok: true, message: 'Test message delivered.' });
    await call('channels.update', {
      ...common,
      id: created[2]!.id,
      name: 'Inbox',
      settings: created[2]!.settings,
      secret: 'not-the-password',
    });
    const failed = await call<{ ok: boolean; message: string }>('channels.test', { id: created[2]!.id });
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/^The SMTP server 127\.0\.0\.1:\d+ refused the login: 535 .*Check the user name and password\.$/);

    const log = await call<DeliveryView[]>('channels.deliveries', { limit: 50 });
    expect(log.filter((row) => row.outcome === 'sent')).toHaveLength(4);
    expect(await call<DeliveryView[]>('channels.deliveries', { failuresOnly: true })).toEqual([
      expect.objectContaining({ outcome: 'failed' }),
    ]);
    expect(deliveries).toHaveLength(log.length);

    // Secrets: not in any RPC answer, nor anywhere in the database files.
    const answers = JSON.stringify([await call('channels.list', {}), log, deliveries]);
    await core.close();
    core = undefined;
    // Every file in the data folder: the database (and WAL, backups, logs when written) and the encrypted secret file.
    const files = (fs.readdirSync(temp.dir, { recursive: true }) as string[])
      .map((name) => path.join(temp!.dir, name))
      .filter((file) => fs.statSync(file).isFile());
    const bytes = files.map((file) => fs.readFileSync(file).toString('latin1')).join('\n');
    expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['tradewind.sqlite']));
    expect(bytes).toContain('Ops hook');
    // The webhook's path (receivers put their own token there) is kept in the secret store too.
    for (const secret of [BOT_TOKEN, HOOK_SECRET, SMTP_PASSWORD, 'not-the-password', new URL(hook.url).pathname]) {
      expect(answers).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });
});
