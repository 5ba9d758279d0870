/**
 * The channels' settings (SQLite) and secrets (the secret store, one entry per channel under
 * `notify-<channel id>/v1`), and the dispatcher that delivers core's notifications to them.
 * A secret goes in through create/update and is only ever read back by the dispatcher to send.
 */
import { randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import type { ChannelInput, ChannelKind, ChannelView, DeliveryView } from '../../../shared/ipc/schemas/channels';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { Db } from '../db/connection';
import { isSecretStoreError, type ExchangeCredentials, type SecretRef, type SecretStore } from '../secrets/secret-store';
import { ChannelsRepo } from './channels-repo';
import { ChannelDispatcher, type RetryPolicy } from './dispatcher';
import type { Sender } from './delivery';
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
    const { secret, ...fields } = input;
    const kind = fields.settings.kind;
    if (fields.settings.kind === 'email') checkSmtpTransport(fields.settings);
    if (fields.settings.kind === 'webhook') checkWebhookUrl(fields.settings.url);
    if (secret === undefined && this.needsSecret(fields.settings)) {
      throw new TradewindError(
        'invalid_input',
        `A ${kind === 'email' ? 'e-mail channel with a user name' : kind} channel needs its ${SECRET_NAME[kind]}: fill it in.`,
      );
    }
    const id = `ch-${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const at = this.now();
    if (secret !== undefined) await this.storeSecret(id, kind, secret);
    try {
      this.repo.insert({ ...fields, id, hasSecret: secret !== undefined, createdAt: at, updatedAt: at });
    } catch (error) {
      await this.deleteSecret(id).catch(() => undefined);
      throw error;
    }
    return this.require(id);
  }

  async update(input: ChannelInput & { id: string }): Promise<ChannelView> {
    const { id, secret, ...fields } = input;
    const current = this.require(id);
    if (current.settings.kind !== fields.settings.kind) {
      throw new TradewindError(
        'invalid_input',
        `This channel is a ${current.settings.kind} channel; its kind cannot change. Add a new ${fields.settings.kind} channel instead.`,
      );
    }
    const kind = current.settings.kind;
    if (fields.settings.kind === 'email') checkSmtpTransport(fields.settings);
    if (fields.settings.kind === 'webhook') checkWebhookUrl(fields.settings.url);
    if (secret === undefined && !current.hasSecret && this.needsSecret(fields.settings)) {
      throw new TradewindError('invalid_input', `This channel has no ${SECRET_NAME[kind]} stored yet: fill it in.`);
    }
    if (secret !== undefined) await this.storeSecret(id, kind, secret);
    this.repo.update({
      ...fields,
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
        return new WebhookSender(settings, { timeoutMs, now: this.now });
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

  private async storeSecret(channelId: string, kind: ChannelKind, secret: string): Promise<void> {
    const store = await this.store();
    try {
      await store.set(refOf(channelId), { [SECRET_FIELD[kind]]: secret });
    } catch (error) {
      throw new TradewindError(
        'keychain',
        `The ${SECRET_NAME[kind]} could not be saved in the secret store: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
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
