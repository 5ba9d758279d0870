import type { NotificationKind } from '../../../shared/ipc/schemas/alerts';
import { NOTIFICATION_KINDS } from '../../../shared/ipc/schemas/alerts';
import type { Db } from '../db/connection';

/**
 * The notification kinds the person muted (`notification_mutes`). Read on every notification, so
 * kept in memory and written through. A muted kind is neither stored nor emitted, so no channel
 * (in-app, OS, Telegram, webhook, e-mail) sends it.
 */
export class NotificationMutes {
  private readonly muted: Set<string>;

  constructor(private readonly db: Db) {
    const rows = db.prepare('SELECT kind FROM notification_mutes').all() as Array<{ kind: string }>;
    this.muted = new Set(rows.map((row) => row.kind));
  }

  isMuted(kind: string | undefined): boolean {
    return kind !== undefined && this.muted.has(kind);
  }

  list(): NotificationKind[] {
    return NOTIFICATION_KINDS.filter((kind) => this.muted.has(kind));
  }

  set(kind: NotificationKind, muted: boolean): NotificationKind[] {
    if (muted) this.db.prepare('INSERT OR IGNORE INTO notification_mutes (kind) VALUES (?)').run(kind);
    else this.db.prepare('DELETE FROM notification_mutes WHERE kind = ?').run(kind);
    if (muted) this.muted.add(kind);
    else this.muted.delete(kind);
    return this.list();
  }
}
