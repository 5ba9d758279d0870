import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { BotEvents } from './bot-events';
import { BotsRepo } from './bots-repo';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

describe('notification kinds and mutes', () => {
  it('stores and emits each notification with its kind; a muted kind is neither stored nor emitted', () => {
    const repo = new BotsRepo(db);
    const emitted: Notification[] = [];
    const muted = new Set(['alert.rule']);
    const events = new BotEvents(
      repo,
      (topic, payload) => {
        if (topic === 'notification') emitted.push(payload as Notification);
      },
      () => null,
      250,
      Date.now,
      (kind) => muted.has(kind),
    );
    expect(events.notify(null, 'info', 'Alert: BTC', 'crossed', 'alert.rule')).toBeNull();
    events.notify(null, 'fill', 'Buy order filled: BTC/USDT', 'Bought 1 BTC.', 'order.filled');
    events.notify(null, 'warning', 'Daily backup failed', 'disk');
    events.notify('bot_1', 'error', 'Grid stopped', 'error');
    events.close();
    expect(emitted.map((n) => [n.kind, n.title])).toEqual([
      ['order.filled', 'Buy order filled: BTC/USDT'],
      ['system', 'Daily backup failed'],
      ['bot.error', 'Grid stopped'],
    ]);
    expect(repo.notifications(10).map((n) => n.kind)).toEqual(['bot.error', 'system', 'order.filled']);
  });
});
