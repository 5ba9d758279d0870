/**
 * A webhook's address is a secret (its path often carries the receiver's own token): it lives in
 * the channel's secret-store entry beside the signing secret, the row holds only scheme + host.
 * Rows saved by earlier versions with the whole address move there at start-up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/ipc/schemas/channels';
import { startWebhookReceiver, type WebhookReceiver } from '../../../e2e/fakes/webhook-receiver';
import { openDatabase, type Db } from '../db/connection';
import type { SecretStore } from '../secrets/secret-store';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { ChannelService } from './channel-service';

const SECRET = 'whsec-url-keychain-77ab';
const base = { enabled: true, minLevel: 'info', ratePerMinute: 30, quietHours: null } as const satisfies Partial<ChannelInput>;

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let hook: WebhookReceiver;
let secrets: () => Promise<SecretStore>;
let service: ChannelService;
let logs: string[];

beforeEach(async () => {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  hook = await startWebhookReceiver(SECRET);
  secrets = testSecretStore(temp.dir);
  logs = [];
  service = new ChannelService({ db, secrets, onDelivery: () => {}, log: (line) => logs.push(line), requestTimeoutMs: 5_000 });
});

afterEach(async () => {
  await service.close();
  await hook.close();
  const store = await secrets();
  for (const ref of await store.list()) if (ref.accountId.startsWith('notify-')) await store.delete(ref);
  db.close();
  temp.cleanup();
});

const settingsRow = (id: string) =>
  JSON.parse((db.prepare('SELECT settings_json FROM notify_channels WHERE id = ?').get(id) as { settings_json: string }).settings_json) as {
    url: string;
  };
const entry = async (id: string) => (await secrets()).get({ accountId: `notify-${id}`, version: 1 });
const origin = () => new URL(hook.url).origin;

describe('webhook address in the secret store', () => {
  it('keeps the address in the keychain, shows it masked, and keeps it when an edit leaves it out', async () => {
    const channel = await service.create({ ...base, name: 'Hook', settings: { kind: 'webhook', url: hook.url }, secret: SECRET });
    expect(channel.settings).toEqual({ kind: 'webhook', url: `${origin()}/••••` });
    expect(settingsRow(channel.id).url).toBe(`${origin()}/••••`);
    expect(JSON.stringify(service.list())).not.toContain('/hooks/tradewind');
    expect(await entry(channel.id)).toEqual({ secret: SECRET, url: hook.url });
    expect(await service.test(channel.id)).toEqual({ ok: true, message: 'Test message delivered.' });

    // An edit without an address (the form never sees the stored one) keeps it, and keeps the secret.
    await service.update({ ...base, id: channel.id, name: 'Renamed', settings: { kind: 'webhook' } });
    expect(await entry(channel.id)).toEqual({ secret: SECRET, url: hook.url });
    expect(await service.test(channel.id)).toEqual({ ok: true, message: 'Test message delivered.' });
    expect(hook.deliveries).toHaveLength(2);

    // A new address replaces the stored one; the secret stays.
    const moved = `${origin()}/other/path?token=abc`;
    await service.update({ ...base, id: channel.id, name: 'Renamed', settings: { kind: 'webhook', url: moved } });
    expect(await entry(channel.id)).toEqual({ secret: SECRET, url: moved });
    expect(service.require(channel.id).settings).toEqual({ kind: 'webhook', url: `${origin()}/••••` });
  });

  it('a new webhook needs its address', async () => {
    await expect(service.create({ ...base, name: 'Hook', settings: { kind: 'webhook' }, secret: SECRET })).rejects.toThrow(
      'A webhook channel needs its URL: fill it in.',
    );
    expect(service.list()).toEqual([]);
  });

  it('moves an address saved in the database by an earlier version into the keychain, once, and still delivers', async () => {
    const channel = await service.create({ ...base, name: 'Hook', settings: { kind: 'webhook', url: hook.url }, secret: SECRET });
    // As an earlier version left it: the whole address in the row, only the secret in the entry.
    db.prepare('UPDATE notify_channels SET settings_json = ? WHERE id = ?').run(
      JSON.stringify({ kind: 'webhook', url: hook.url }),
      channel.id,
    );
    await (await secrets()).set({ accountId: `notify-${channel.id}`, version: 1 }, { secret: SECRET });
    expect(await service.test(channel.id)).toEqual({ ok: true, message: 'Test message delivered.' });

    expect(await service.moveWebhookUrlsToKeychain()).toBe(1);
    expect(settingsRow(channel.id).url).toBe(`${origin()}/••••`);
    expect(await entry(channel.id)).toEqual({ secret: SECRET, url: hook.url });
    expect(logs).toContain('channels: moved 1 webhook URL(s) from the database to the secret store');
    expect(await service.test(channel.id)).toEqual({ ok: true, message: 'Test message delivered.' });
    expect(await service.moveWebhookUrlsToKeychain()).toBe(0);
    expect(hook.deliveries).toHaveLength(2);
  });

  it('says what to do when a masked row has no address in the keychain (the entry was lost)', async () => {
    const channel = await service.create({ ...base, name: 'Hook', settings: { kind: 'webhook', url: hook.url }, secret: SECRET });
    await (await secrets()).set({ accountId: `notify-${channel.id}`, version: 1 }, { secret: SECRET });
    expect(await service.test(channel.id)).toEqual({
      ok: false,
      message: 'The webhook URL is not in the secret store: edit the channel and enter its URL again.',
    });
    expect(hook.deliveries).toHaveLength(0);
  });
});
