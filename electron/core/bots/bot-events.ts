import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import type { BotEvent, BotView, Notification } from '../../../shared/ipc/schemas/bots';
import { storageProblemOf } from '../db/storage-health';
import { LatestBatcher } from '../kit/latest-batcher';
import type { BotsRepo } from './bots-repo';

type Emit = <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;

/** A bot's fills, errors and other news; a notification tied to no bot is the app's own (`system`: storage, backups). */
function defaultKind(botId: string | null, level: Notification['level']): string {
  if (botId === null) return 'system';
  return level === 'fill' ? 'bot.fill' : level === 'error' ? 'bot.error' : 'bot.status';
}

/**
 * What the bots tell the outside: `bots.changed` conflated (the latest view of each bot that
 * changed, at most every `flushMs`), every event-log line as `bots.event`, and notifications
 * (stored, then emitted for the host to show). A warning repeating the bot's previous one is
 * not logged again, so a guard that holds an order on every step does not flood the log.
 */
export class BotEvents {
  private readonly changed: LatestBatcher<string, string>;
  private readonly lastWarning = new Map<string, string>();
  /** Notifications shown while the database could not be written: stored once it can. */
  private readonly unsaved: Notification[] = [];

  constructor(
    private readonly repo: BotsRepo,
    private readonly emit: Emit,
    private readonly view: (id: string) => BotView | null,
    flushMs = 250,
    private readonly now: () => number = Date.now,
    /** The notification centre's mute list: a muted kind is neither stored nor emitted. */
    private readonly isMuted: (kind: string) => boolean = () => false,
  ) {
    this.changed = new LatestBatcher((ids) => this.deliver(ids), flushMs);
  }

  touch(botId: string): void {
    this.changed.set(botId, botId);
  }

  log(botId: string, level: BotEvent['level'], message: string): BotEvent | null {
    if (level === 'warning') {
      if (this.lastWarning.get(botId) === message) return null;
      this.lastWarning.set(botId, message);
    } else if (level === 'fill' || level === 'info') {
      this.lastWarning.delete(botId);
    }
    if (!this.repo.exists(botId)) return null;
    let event: BotEvent;
    try {
      event = this.repo.appendEvent(botId, level, message);
    } catch (error) {
      // The log line cannot be stored while the disk is full; the storage notification says why.
      if (storageProblemOf(error)) return null;
      throw error;
    }
    this.emit('bots.event', event);
    this.touch(botId);
    return event;
  }

  /**
   * Stored, then emitted; when it cannot be stored (disk full...) it is still emitted, and stored once writes work.
   * `kind` names what raised it (NOTIFICATION_KINDS) so the person can mute it; a muted one returns null.
   */
  notify(botId: string | null, level: Notification['level'], title: string, body: string, kind?: string): Notification | null {
    const resolved = kind ?? defaultKind(botId, level);
    if (this.isMuted(resolved)) return null;
    let notification: Notification;
    try {
      notification = this.repo.addNotification({ level, title, body, botId, kind: resolved });
    } catch (error) {
      if (!storageProblemOf(error)) throw error;
      notification = { id: `unsaved-${this.now()}-${this.unsaved.length}`, at: this.now(), level, title, body, botId, kind: resolved };
      this.unsaved.push(notification);
    }
    this.emit('notification', notification);
    return notification;
  }

  /** Stores the notifications that were only shown while writes failed (they were emitted then, not again). */
  storeUnsaved(): void {
    while (this.unsaved.length > 0) {
      const { level, title, body, botId, kind } = this.unsaved[0] as Notification;
      this.repo.addNotification({ level, title, body, botId, kind });
      this.unsaved.shift();
    }
  }

  forget(botId: string): void {
    this.changed.delete(botId);
    this.lastWarning.delete(botId);
  }

  flush(): void {
    this.changed.flush();
  }

  close(): void {
    this.changed.close();
  }

  /** The views are read at flush time, so a burst of changes to one bot sends its latest view once. */
  private deliver(ids: string[]): void {
    const bots = ids.map((id) => this.view(id)).filter((v): v is BotView => v !== null);
    if (bots.length > 0) this.emit('bots.changed', { bots });
  }
}
