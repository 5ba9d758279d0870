/**
 * Bots paused because the database cannot be written (disk full...). The pause is written when it
 * can be, but on a full disk it usually cannot: the held set is what keeps them paused (and shown
 * paused) until writes work again, and then they resume by themselves.
 */
import type { StorageFailure } from '../db/storage-health';
import { message, type BotContext } from './bot-context';
import type { BotRecord } from './bots-repo';

export class StorageHold {
  private readonly held = new Set<string>();

  constructor(
    private readonly ctx: BotContext,
    private readonly scheduleStep: (id: string) => Promise<void>,
  ) {}

  /** Whether the bot may not act because writes fail (its pause may not be stored yet). */
  holds(id: string): boolean {
    return this.held.has(id) || this.ctx.deps.storage.failing !== null;
  }

  /** The record as shown: a pause for storage that could not be written yet is still a pause. */
  shown(stored: BotRecord): BotRecord {
    return this.held.has(stored.id) && stored.state === 'running'
      ? { ...stored, state: 'paused', stopReason: 'storage_failing', stopDetail: this.pauseDetail(this.ctx.deps.storage.failing) }
      : stored;
  }

  changed(failure: StorageFailure | null, previous: StorageFailure | null): void {
    if (failure && !previous) this.pause(failure);
    else if (!failure && previous) this.resume(previous);
  }

  private pauseDetail(failure: StorageFailure | null): string {
    const cause = failure?.cause ?? 'the database could not be written';
    return `Paused: ${cause}. Its orders stay; it places none until Tradewind can write again, then it resumes by itself. Free space in ${this.ctx.deps.storage.dataDir} (or fix the disk).`;
  }

  /**
   * Writes fail (disk full...): every running bot is paused at once, in memory first (the write
   * of the pause usually fails too), with one notification naming the cause. Orders stay as they are.
   */
  private pause(failure: StorageFailure): void {
    const { ctx } = this;
    const detail = this.pauseDetail(failure);
    const running = ctx.repo.list({ states: ['running'] });
    for (const record of running) {
      this.held.add(record.id);
      ctx.events.touch(record.id);
      try {
        ctx.repo.save({ ...record, state: 'paused', stopReason: 'storage_failing', stopDetail: detail });
      } catch (error) {
        if (!ctx.deps.storage.noteFailure(error)) throw error;
      }
    }
    const bots =
      running.length > 0
        ? `${running.length} bot(s) paused (${running.map((r) => `"${r.name}"`).join(', ')}); their orders stay, none are placed. `
        : '';
    ctx.events.notify(
      null,
      'error',
      `Tradewind cannot save: ${failure.cause}`,
      `${bots}New orders and other changes are refused until Tradewind can write again. Free space in ${ctx.deps.storage.dataDir}; paused bots resume by themselves.`,
    );
  }

  /** Writes work again: the bots paused for storage (here, or by a previous run) resume from their state and the ledger. */
  resume(previous: StorageFailure | null): void {
    const { ctx } = this;
    const ids = new Set(this.held);
    for (const record of ctx.repo.list({ states: ['paused'] })) if (record.stopReason === 'storage_failing') ids.add(record.id);
    if (ids.size === 0 && !previous) return;
    const resumed: string[] = [];
    for (const id of ids) {
      const record = ctx.repo.get(id);
      this.held.delete(id);
      if (!record) continue;
      if (record.state === 'paused' && record.stopReason === 'storage_failing') {
        try {
          ctx.setState(id, { state: 'running', stopReason: null, stopDetail: null });
        } catch (error) {
          // Failing again: this pauses the bots once more and the next working write resumes them.
          if (!ctx.deps.storage.noteFailure(error)) throw error;
          this.held.add(id);
          return;
        }
      } else if (record.state !== 'running') continue; // stopped by hand meanwhile
      resumed.push(record.name);
      ctx.events.touch(id);
      const since = previous ? ` (paused since ${new Date(previous.since).toISOString()}: ${previous.cause})` : '';
      ctx.events.log(id, 'info', `Resumed: Tradewind can write again${since}.`);
      void this.scheduleStep(id);
    }
    try {
      ctx.events.storeUnsaved();
    } catch (error) {
      ctx.deps.log(`bots: storing the notifications shown while writes failed: ${message(error)}`);
    }
    const bots = resumed.length > 0 ? ` ${resumed.length} bot(s) resumed (${resumed.map((n) => `"${n}"`).join(', ')}).` : '';
    ctx.events.notify(null, 'info', 'Tradewind can save again', `Writes to ${ctx.deps.storage.dataDir} work again.${bots}`);
  }
}
