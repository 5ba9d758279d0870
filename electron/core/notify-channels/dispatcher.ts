/**
 * Delivers core's notifications to every enabled channel, off the trading path: `notify` only
 * queues and returns. Each channel has its own lane (one send at a time, so a dead channel waits
 * alone), a bounded queue (oldest dropped, with a log row saying so), the level filter, quiet
 * hours, a one-minute rate window whose excess goes out as one summary, and bounded retries with
 * exponential backoff that honour the service's own "retry after". Every attempt leaves a row in
 * the delivery log.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelView, DeliveryView } from '../../../shared/ipc/schemas/channels';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { ChannelsRepo } from './channels-repo';
import { asDeliveryError, type DeliveryError, type OutgoingMessage, type Sender } from './delivery';
import { channelLevelOf, describeQuietHours, inQuietHours, passesLevel, RateWindow } from './policy';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 2_000, maxMs: 5 * 60_000 };
/** Messages a channel may have waiting; past it the oldest goes (a dead channel cannot pile up memory). */
export const DEFAULT_QUEUE_LIMIT = 200;
/** How many held titles a rate-limit summary lists by name. */
const SUMMARY_TITLES = 10;

export interface DispatcherDeps {
  repo: ChannelsRepo;
  /** The channel's secret from the secret store (undefined when none is stored). */
  secret: (channelId: string) => Promise<string | undefined>;
  senderFor: (channel: ChannelView) => Sender;
  onDelivery: (row: DeliveryView) => void;
  log: (line: string) => void;
  now?: () => number;
  retry?: RetryPolicy;
  queueLimit?: number;
}

interface Lane {
  queue: OutgoingMessage[];
  running: boolean;
  window: RateWindow;
  held: OutgoingMessage[];
  summaryTimer: ReturnType<typeof setTimeout> | undefined;
}

const RANK = { info: 0, warning: 1, critical: 2 } as const;

function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('[secret]') : text;
}

export class ChannelDispatcher {
  private readonly lanes = new Map<string, Lane>();
  private readonly waits = new Set<() => void>();
  private readonly busy = new Set<Promise<void>>();
  private closed = false;
  private readonly now: () => number;
  private readonly retry: RetryPolicy;
  private readonly queueLimit: number;

  constructor(private readonly deps: DispatcherDeps) {
    this.now = deps.now ?? Date.now;
    this.retry = deps.retry ?? DEFAULT_RETRY;
    this.queueLimit = deps.queueLimit ?? DEFAULT_QUEUE_LIMIT;
  }

  /** Queues the notification for each channel that wants it; never waits on a network. */
  notify(notification: Notification): void {
    if (this.closed) return;
    let channels: ChannelView[];
    try {
      channels = this.deps.repo.list();
    } catch (error) {
      this.deps.log(`channels: could not read the channels for "${notification.title}": ${String(error)}`);
      return;
    }
    const level = channelLevelOf(notification.level);
    for (const channel of channels) {
      if (!channel.enabled || !passesLevel(level, channel.minLevel)) continue;
      const message: OutgoingMessage = {
        eventId: randomUUID(),
        notificationId: notification.id,
        at: notification.at,
        level,
        title: notification.title,
        body: notification.body,
        botId: notification.botId,
        test: false,
      };
      const quiet = channel.quietHours;
      if (quiet !== null && inQuietHours(quiet, this.now()) && !(level === 'critical' && quiet.criticalOverrides)) {
        this.record(channel.id, message, 0, 'quiet_hours', `Not sent: quiet hours (${describeQuietHours(quiet)}).`);
        continue;
      }
      this.enqueue(channel, message);
    }
  }

  /** A send test: now, once, past the filters, and the exact result (also logged). */
  async test(channel: ChannelView): Promise<{ ok: boolean; message: string }> {
    const message: OutgoingMessage = {
      eventId: randomUUID(),
      notificationId: `test-${randomUUID()}`,
      at: this.now(),
      level: 'info',
      title: 'Tradewind test message',
      body: `If you can read this, the channel "${channel.name}" works.`,
      botId: null,
      test: true,
    };
    const result = await this.attempt(channel, message);
    const reason = result.ok ? 'Test message delivered.' : result.reason;
    this.record(channel.id, message, 1, result.ok ? 'sent' : 'failed', reason);
    return { ok: result.ok, message: reason };
  }

  /** Forgets a deleted channel's queue and timers. */
  forget(channelId: string): void {
    const lane = this.lanes.get(channelId);
    if (!lane) return;
    if (lane.summaryTimer) clearTimeout(lane.summaryTimer);
    lane.queue.length = 0;
    lane.held.length = 0;
    this.lanes.delete(channelId);
  }

  /** Messages waiting per channel (tests, diagnostics). */
  pending(channelId: string): number {
    const lane = this.lanes.get(channelId);
    return lane ? lane.queue.length + lane.held.length : 0;
  }

  /** Resolves when no lane is sending (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.busy.size > 0) await Promise.allSettled([...this.busy]);
  }

  /** Stops sending: backoff waits end at once, queued messages are not sent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) if (lane.summaryTimer) clearTimeout(lane.summaryTimer);
    for (const wake of [...this.waits]) wake();
    await this.idle();
    this.lanes.clear();
  }

  private lane(channel: ChannelView): Lane {
    let lane = this.lanes.get(channel.id);
    if (!lane) {
      lane = { queue: [], running: false, window: new RateWindow(channel.ratePerMinute), held: [], summaryTimer: undefined };
      this.lanes.set(channel.id, lane);
    }
    lane.window.setLimit(channel.ratePerMinute);
    return lane;
  }

  private enqueue(channel: ChannelView, message: OutgoingMessage, first = false): void {
    const lane = this.lane(channel);
    if (first) lane.queue.unshift(message);
    else lane.queue.push(message);
    while (lane.queue.length > this.queueLimit) {
      const dropped = lane.queue.shift()!;
      this.record(
        channel.id,
        dropped,
        0,
        'dropped',
        `Dropped: ${this.queueLimit} messages were waiting for this channel (it is failing or slow), so the oldest went.`,
      );
    }
    this.pump(channel.id, lane);
  }

  private pump(channelId: string, lane: Lane): void {
    if (lane.running || this.closed) return;
    lane.running = true;
    const run = this.drain(channelId, lane)
      .catch((error: unknown) => this.deps.log(`channels: lane ${channelId} failed: ${String(error)}`))
      .finally(() => {
        lane.running = false;
        this.busy.delete(run);
      });
    this.busy.add(run);
  }

  private async drain(channelId: string, lane: Lane): Promise<void> {
    while (lane.queue.length > 0 && !this.closed) {
      const message = lane.queue.shift()!;
      // Re-read: the channel may have been edited, disabled or deleted while the message waited.
      const channel = this.deps.repo.get(channelId);
      if (!channel || !channel.enabled) continue;
      lane.window.setLimit(channel.ratePerMinute);
      const wait = lane.window.waitMs(this.now());
      if (wait > 0) {
        this.hold(channel, lane, message, wait);
        continue;
      }
      lane.window.record(this.now());
      await this.deliver(channel, message);
    }
  }

  /** Over the rate limit: the message waits for one summary sent when the window has room. */
  private hold(channel: ChannelView, lane: Lane, message: OutgoingMessage, wait: number): void {
    lane.held.push(message);
    this.record(
      channel.id,
      message,
      0,
      'rate_limited',
      `Held by the rate limit (${channel.ratePerMinute} a minute); it will be in one summary message.`,
    );
    if (lane.summaryTimer) return;
    lane.summaryTimer = setTimeout(() => {
      lane.summaryTimer = undefined;
      const held = lane.held.splice(0);
      if (held.length === 0 || this.closed) return;
      const current = this.deps.repo.get(channel.id);
      if (!current) return;
      this.enqueue(current, summaryOf(held, this.now()), true);
    }, wait);
  }

  private async deliver(channel: ChannelView, message: OutgoingMessage): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attempt(channel, message);
      if (result.ok) {
        this.record(channel.id, message, attempt, 'sent', attempt === 1 ? 'Delivered.' : `Delivered on attempt ${attempt}.`);
        return;
      }
      const last = attempt >= this.retry.attempts || !result.retryable || this.closed;
      if (last) {
        const gaveUp = result.retryable && attempt > 1 ? ` Gave up after ${attempt} attempts.` : '';
        this.record(channel.id, message, attempt, 'failed', `${result.reason}${gaveUp}`);
        return;
      }
      const backoff = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
      // The service's own "retry after" wins over our backoff, within the same bound.
      const delay = Math.min(this.retry.maxMs, result.retryAfterMs !== undefined ? Math.max(result.retryAfterMs, backoff) : backoff);
      this.record(
        channel.id,
        message,
        attempt,
        'retrying',
        `${result.reason} Trying again in ${formatDelay(delay)} (attempt ${attempt + 1} of ${this.retry.attempts}).`,
      );
      await this.wait(delay);
      if (this.closed) return;
    }
  }

  private async attempt(
    channel: ChannelView,
    message: OutgoingMessage,
  ): Promise<{ ok: true } | { ok: false; reason: string; retryable: boolean; retryAfterMs: number | undefined }> {
    let secret: string | undefined;
    try {
      secret = await this.deps.secret(channel.id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `Could not read the channel's secret: ${reason}`, retryable: true, retryAfterMs: undefined };
    }
    try {
      await this.deps.senderFor(channel).send(message, secret);
      return { ok: true };
    } catch (thrown) {
      const error: DeliveryError = asDeliveryError(thrown);
      // A library error may quote the request (Telegram's URL holds the token): never log it.
      return { ok: false, reason: redact(error.message, secret), retryable: error.retryable, retryAfterMs: error.retryAfterMs };
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }

  private record(channelId: string, message: OutgoingMessage, attempt: number, outcome: DeliveryView['outcome'], reason: string): void {
    try {
      const row = this.deps.repo.addDelivery({
        channelId,
        at: this.now(),
        notificationId: message.notificationId,
        title: message.title,
        attempt,
        outcome,
        reason,
      });
      this.deps.onDelivery(row);
    } catch (error) {
      // The channel was deleted meanwhile (foreign key), or the database refuses writes: say so, keep going.
      this.deps.log(`channels: could not log a delivery (${outcome}) for ${channelId}: ${String(error)}`);
    }
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** One message standing for every message the rate limit held back. */
export function summaryOf(held: OutgoingMessage[], now: number): OutgoingMessage {
  const level = held.reduce((top, message) => (RANK[message.level] > RANK[top] ? message.level : top), held[0]!.level);
  const named = held.slice(0, SUMMARY_TITLES).map((message) => `• ${message.title}`);
  const more = held.length > SUMMARY_TITLES ? [`… and ${held.length - SUMMARY_TITLES} more`] : [];
  return {
    eventId: randomUUID(),
    notificationId: `summary-${randomUUID()}`,
    at: now,
    level,
    title: `${held.length} more notification${held.length === 1 ? '' : 's'} held back by the rate limit`,
    body: [...named, ...more, 'See the notification centre for the details.'].join('\n'),
    botId: null,
    test: false,
  };
}
