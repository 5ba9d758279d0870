/**
 * The channels' settings (SQLite) and secrets (the secret store, one entry per channel under
 * `notify-<channel id>/v1`), and the dispatcher that delivers core's notifications to them.
 * A secret goes in through create/update and is only ever read back by the dispatcher to send.
 * A webhook's address is a secret too (its path often carries the receiver's token): the entry
 * holds it beside the signing secret and the row only its masked form (`maskWebhookUrl`).
 */
import { randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import {
  MASKED_URL_TAIL,
  maskWebhookUrl,
  type ChannelInput,
  type ChannelKind,
  type ChannelSettings,
  type ChannelView,
  type DeliveryView,
} from '../../../shared/ipc/schemas/channels';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { Db } from '../db/connection';
import { isSecretStoreError, type ExchangeCredentials, type SecretRef, type SecretStore } from '../secrets/secret-store';
import { ChannelsRepo } from './channels-repo';
import { ChannelDispatcher, type RetryPolicy } from './dispatcher';
import { DeliveryError, type Sender } from './delivery';
import { EmailSender } from './senders/email';
import { TELEGRAM_API, TelegramSender } from './senders/telegram';
import { WebhookSender } from './senders/webhook';
import { checkSmtpTransport, checkTelegramApiUrl, checkWebhookUrl } from './transport-safety';

/** Which credentials field holds each kind's secret in the store. */
const SECRET_FIELD: Record<ChannelKind, keyof ExchangeCredentials> = { telegram: 'token', webhook: 'secret', email: 'password' };
const SECRET_NAME: Record<ChannelKind, string> = { telegram: 'bot token', webhook: 'signing secret', email: 'SMTP password' };

export interface ChannelServiceOptions {
  db: Db;
  secrets: () => Promise<SecretStore>;
  onDelivery: (row: DeliveryView) => void;
  log: (line: string) => void;
  /** Telegram Bot API base URL (a loopback fake in tests). Env: TRADEWIND_TELEGRAM_API */
  telegramApiUrl?: string;
  /** How long one request may take before it counts as failed (and is retried). */
  requestTimeoutMs?: number;
  retry?: RetryPolicy;
  queueLimit?: number;
  now?: () => number;
}

function refOf(channelId: string): SecretRef {
  return { accountId: `notify-${channelId}`, version: 1 };
}

export class ChannelService {
  readonly repo: ChannelsRepo;
  readonly dispatcher: ChannelDispatcher;
  private readonly now: () => number;

  constructor(private readonly options: ChannelServiceOptions) {
    if (options.telegramApiUrl !== undefined) checkTelegramApiUrl(options.telegramApiUrl);
    this.repo = new ChannelsRepo(options.db);
    this.now = options.now ?? Date.now;
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.dispatcher = new ChannelDispatcher({
      repo: this.repo,
      secret: (channelId) => this.readSecret(channelId),
      senderFor: (channel) => this.senderFor(channel, timeoutMs),
      onDelivery: options.onDelivery,
      log: options.log,
      now: this.now,
      retry: options.retry,
      queueLimit: options.queueLimit,
    });
  }

  /** Called for every notification core emits; returns at once. */
  notify(notification: Notification): void {
    this.dispatcher.notify(notification);
  }

  list(): ChannelView[] {
    return this.repo.list();
  }

  require(id: string): ChannelView {
    const channel = this.repo.get(id);
    if (!channel)
      throw new TradewindError('not_found', `There is no notification channel "${id}"; it may have been deleted. Reload the list.`);
    return channel;
  }

  async create(input: ChannelInput): Promise<ChannelView> {
    const { secret, settings: given, ...fields } = input;
    const kind = given.kind;
    if (given.kind === 'email') checkSmtpTransport(given);
    if (given.kind === 'webhook') {
      if (given.url === undefined) throw new TradewindError('invalid_input', 'A webhook channel needs its URL: fill it in.');
      checkWebhookUrl(given.url);
    }
    const url = given.kind === 'webhook' ? given.url : undefined;
    if (secret === undefined && this.needsSecret(given)) {
      throw new TradewindError(
        'invalid_input',
        `A ${kind === 'email' ? 'e-mail channel with a user name' : kind} channel needs its ${SECRET_NAME[kind]}: fill it in.`,
      );
    }
    const id = `ch-${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const at = this.now();
    if (secret !== undefined || url !== undefined) await this.storeSecret(id, kind, { secret, url });
    try {
      this.repo.insert({ ...fields, settings: storedSettings(given), id, hasSecret: secret !== undefined, createdAt: at, updatedAt: at });
    } catch (error) {
      await this.deleteSecret(id).catch(() => undefined);
      throw error;
    }
    return this.require(id);
  }

  async update(input: ChannelInput & { id: string }): Promise<ChannelView> {
    const { id, secret, settings: given, ...fields } = input;
    const current = this.require(id);
    if (current.settings.kind !== given.kind) {
      throw new TradewindError(
        'invalid_input',
        `This channel is a ${current.settings.kind} channel; its kind cannot change. Add a new ${given.kind} channel instead.`,
      );
    }
    const kind = current.settings.kind;
    if (given.kind === 'email') checkSmtpTransport(given);
    if (given.kind === 'webhook' && given.url !== undefined) checkWebhookUrl(given.url);
    // No URL on an edit keeps the stored address (the form never sees it).
    const url = given.kind === 'webhook' ? given.url : undefined;
    if (secret === undefined && !current.hasSecret && this.needsSecret(given)) {
      throw new TradewindError('invalid_input', `This channel has no ${SECRET_NAME[kind]} stored yet: fill it in.`);
    }
    if (secret !== undefined || url !== undefined) await this.storeSecret(id, kind, { secret, url });
    this.repo.update({
      ...fields,
      settings: given.kind === 'webhook' && url === undefined ? current.settings : storedSettings(given),
      id,
      hasSecret: current.hasSecret || secret !== undefined,
      createdAt: current.createdAt,
      updatedAt: this.now(),
    });
    return this.require(id);
  }

  async delete(id: string): Promise<{ id: string }> {
    const channel = this.require(id);
    this.dispatcher.forget(id);
    this.repo.delete(id);
    if (!channel.hasSecret) return { id };
    await this.deleteSecret(id).catch((error: unknown) =>
      this.options.log(
        `channels: the deleted channel ${id}'s secret could not be removed from the store: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return { id };
  }

  test(id: string): Promise<{ ok: boolean; message: string }> {
    return this.dispatcher.test(this.require(id));
  }

  deliveries(filter: { channelId?: string; failuresOnly?: boolean; limit?: number }): DeliveryView[] {
    if (filter.channelId !== undefined) this.require(filter.channelId);
    return this.repo.deliveries({ ...filter, limit: filter.limit ?? 100 });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private needsSecret(settings: ChannelInput['settings']): boolean {
    return settings.kind !== 'email' || settings.user.trim() !== '';
  }

  private senderFor(channel: ChannelView, timeoutMs: number): Sender {
    const settings = channel.settings;
    switch (settings.kind) {
      case 'telegram':
        return new TelegramSender(settings, { apiUrl: this.options.telegramApiUrl ?? TELEGRAM_API, timeoutMs });
      case 'webhook':
        return new WebhookSender({ url: () => this.webhookUrl(channel.id, settings.url) }, { timeoutMs, now: this.now });
      case 'email':
        return new EmailSender(settings, { timeoutMs });
    }
  }

  private async store(): Promise<SecretStore> {
    try {
      return await this.options.secrets();
    } catch (error) {
      const code = isSecretStoreError(error) && error.code === 'passphrase_too_short' ? 'passphrase_too_short' : 'keychain';
      throw new TradewindError(code, error instanceof Error ? error.message : String(error));
    }
  }

  /** Writes the given fields into the channel's entry, keeping the ones not given (a webhook's URL or secret). */
  private async storeSecret(channelId: string, kind: ChannelKind, given: { secret?: string; url?: string }): Promise<void> {
    const store = await this.store();
    const what = given.secret !== undefined ? SECRET_NAME[kind] : 'webhook URL';
    try {
      const kept = (await store.get(refOf(channelId))) ?? {};
      await store.set(refOf(channelId), {
        ...kept,
        ...(given.secret !== undefined ? { [SECRET_FIELD[kind]]: given.secret } : {}),
        ...(given.url !== undefined ? { url: given.url } : {}),
      });
    } catch (error) {
      throw new TradewindError(
        'keychain',
        `The ${what} could not be saved in the secret store: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** A webhook's address from its entry; a row saved before addresses moved there still holds it whole. */
  private async webhookUrl(channelId: string, rowUrl: string): Promise<string> {
    let stored: string | undefined;
    try {
      stored = (await (await this.store()).get(refOf(channelId)))?.url;
    } catch (error) {
      throw new DeliveryError(
        `Could not read the webhook URL from the secret store: ${error instanceof Error ? error.message : String(error)}`,
        {
          retryable: true,
        },
      );
    }
    if (stored !== undefined) return stored;
    // Not masked: saved before addresses moved to the keychain, or a bare origin with nothing to hide.
    if (!rowUrl.endsWith(MASKED_URL_TAIL)) return rowUrl;
    throw new DeliveryError('The webhook URL is not in the secret store: edit the channel and enter its URL again.', { retryable: false });
  }

  /**
   * Start-up: webhook rows saved before addresses moved to the keychain still hold the whole
   * address. Each is written to the channel's entry first, then the row masked, so a crash in
   * between only repeats the move. A locked store leaves the rows for the next start (logged).
   */
  async moveWebhookUrlsToKeychain(): Promise<number> {
    let moved = 0;
    for (const channel of this.repo.list()) {
      const settings = channel.settings;
      if (settings.kind !== 'webhook' || maskWebhookUrl(settings.url) === settings.url) continue;
      try {
        await this.storeSecret(channel.id, 'webhook', { url: settings.url });
      } catch (error) {
        this.options.log(
          `channels: the webhook URL of channel ${channel.id} stays in the database until the secret store can be written: ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
      this.repo.update({ ...channel, settings: { kind: 'webhook', url: maskWebhookUrl(settings.url) } });
      moved += 1;
    }
    if (moved > 0) this.options.log(`channels: moved ${moved} webhook URL(s) from the database to the secret store`);
    return moved;
  }

  private async readSecret(channelId: string): Promise<string | undefined> {
    const channel = this.repo.get(channelId);
    if (!channel?.hasSecret) return undefined;
    const credentials = await (await this.store()).get(refOf(channelId));
    return credentials?.[SECRET_FIELD[channel.settings.kind]];
  }

  private async deleteSecret(channelId: string): Promise<void> {
    await (await this.store()).delete(refOf(channelId));
  }
}

/** What the row keeps of the settings: a webhook's address masked, the rest as given. */
function storedSettings(settings: ChannelInput['settings']): ChannelSettings {
  if (settings.kind !== 'webhook') return settings as ChannelSettings;
  return { kind: 'webhook', url: maskWebhookUrl(settings.url ?? '') };
}
