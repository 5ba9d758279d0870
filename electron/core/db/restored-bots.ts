import type { Db } from './connection';

export const RESTORED_BOT_DETAIL = 'Restored from a backup: resume by hand.';

/**
 * A restored backup can hold live bots recorded as `running`. Resuming them at start would send
 * orders nobody confirmed on this database (the backup may also bring back looser limits), so
 * they come back paused with a bot event saying why; starting one again asks the host's trusted
 * confirmation like any live start. Runs once, right after a restore is applied. Returns their names.
 */
export function pauseRestoredLiveBots(db: Db, now: number): string[] {
  const running = db.prepare("SELECT id, name FROM bots WHERE mode = 'live' AND state = 'running'").all() as { id: string; name: string }[];
  const pause = db.prepare("UPDATE bots SET state = 'paused', stop_reason = NULL, stop_detail = ?, updated_at = ? WHERE id = ?");
  const event = db.prepare(
    "INSERT INTO bot_events (bot_id, seq, at, level, message) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, 'warning', ? FROM bot_events WHERE bot_id = ?",
  );
  db.transaction(() => {
    for (const bot of running) {
      pause.run(RESTORED_BOT_DETAIL, now, bot.id);
      event.run(bot.id, now, `Paused. ${RESTORED_BOT_DETAIL}`, bot.id);
    }
  })();
  return running.map((bot) => bot.name);
}
