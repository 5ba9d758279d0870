import { afterEach, describe, expect, it } from 'vitest';
import type { BotView, Notification } from '../../../shared/ipc/schemas/bots';
import { paperGrid, startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { injectStorageFaults } from '../test-support/storage-faults';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';

const resting = (harness: BotHarness, id: string) =>
  harness.trading.orders.repo
    .byOrigin(id)
    .filter((o) => o.status === 'open')
    .map((o) => [o.side, o.price, o.amount]);
const viewOf = (harness: BotHarness, id: string) => harness.bots.list().find((b) => b.id === id) as BotView;
const notifications = (harness: BotHarness) =>
  harness.events.filter((e) => e.topic === 'notification').map((e) => e.payload as Notification);
const rolesOf = (harness: BotHarness, id: string) => harness.trading.orders.repo.byOrigin(id).map((o) => o.originRole);

describe('bots while the disk is full', () => {
  it('pauses running bots with one notification naming the cause, and resumes them by itself once writes work, nothing lost or doubled', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(paperGrid());
    await h.bots.start(bot.id);
    await h.step(SYMBOL, 30_000); // the paper exchange's first sample is its baseline
    const before = resting(h, bot.id);

    const disk = injectStorageFaults(h.db);
    disk.fail('SQLITE_FULL');
    await h.step(SYMBOL, 29_400); // crosses 29500: that buy's fill cannot be written
    expect(viewOf(h, bot.id)).toMatchObject({ state: 'paused', stopReason: 'storage_failing' });
    expect(viewOf(h, bot.id).stopDetail).toContain(`disk full in ${h.dataDir}`);
    const paused = notifications(h).filter((n) => n.title === `Tradewind cannot save: disk full in ${h?.dataDir}`);
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ level: 'error', botId: null });
    expect(paused[0]?.body).toContain('1 bot(s) paused ("Grid")');
    expect(paused[0]?.body).toContain(`Free space in ${h.dataDir}`);
    expect(resting(h, bot.id)).toEqual(before);

    await h.step(SYMBOL, 29_400); // still full: still paused, said once
    expect(viewOf(h, bot.id).state).toBe('paused');
    expect(notifications(h).filter((n) => n.title.startsWith('Tradewind cannot save'))).toHaveLength(1);
    expect(resting(h, bot.id)).toEqual(before);

    disk.heal();
    await h.step(SYMBOL, 29_400);
    expect(viewOf(h, bot.id)).toMatchObject({ state: 'running', stopReason: null });
    const resumed = notifications(h).filter((n) => n.title === 'Tradewind can save again');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]?.body).toContain('1 bot(s) resumed ("Grid")');
    // The touch of 29500 during the outage filled once, and the grid flipped it as it would have.
    expect(resting(h, bot.id)).toEqual([
      ['buy', 29_000, 0.00843],
      ['sell', 30_500, 0.00843],
      ['sell', 31_000, 0.00843],
      ['sell', 30_000, 0.00842],
    ]);
    const roles = rolesOf(h, bot.id);
    expect(new Set(roles).size).toBe(roles.length);
    // The notification shown while nothing could be stored is in the list now.
    expect(h.bots.notifications().map((n) => n.title)).toContain(`Tradewind cannot save: disk full in ${h.dataDir}`);
    await expect(h.bots.get(bot.id).then((d) => d.events.map((e) => e.message))).resolves.toContainEqual(
      expect.stringMatching(/^Resumed: Tradewind can write again \(paused since .*disk full in /),
    );
  });

  it('a pause for storage that was written resumes after a restart once the disk has room', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(paperGrid());
    await h.bots.start(bot.id);
    await h.step(SYMBOL, 30_000);
    // Only new rows fail: the pause itself (an update) is written.
    const disk = injectStorageFaults(h.db, (sql) => /^\s*INSERT\b/i.test(sql));
    disk.fail('SQLITE_FULL');
    h.source.setPrice(SYMBOL, 29_400);
    await h.trading.loop.tick(); // the fill fails; Tradewind is closed before the disk gets room
    expect(h.bots.repo.get(bot.id)).toMatchObject({ state: 'paused', stopReason: 'storage_failing' });

    h = await h.restart();
    expect(viewOf(h, bot.id)).toMatchObject({ state: 'running', stopReason: null });
    await h.step(SYMBOL, 29_400);
    const roles = rolesOf(h, bot.id);
    expect(new Set(roles).size).toBe(roles.length);
  });
});
