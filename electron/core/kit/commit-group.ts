/**
 * Group commit: synchronous writes asked for during one burst of work share one SQLite transaction.
 * Each commit is an fsync of the WAL, so twenty writers that each commit on their own wait behind
 * twenty fsyncs; here they wait behind one. A write runs in its own savepoint, so one that throws
 * is rolled back alone and only its caller sees the error; the others are committed. Nothing is
 * resolved before the commit: a caller that goes on (to send an order) does so only once its
 * write is durable.
 *
 * The burst ends when the promise work queued behind the first request has run
 * (`process.nextTick` runs after the microtask queue drains), so writers whose preceding awaits
 * resolved in the same turn are grouped, and one that waits on the network is not held back for
 * the others — it joins a later group.
 */
import type { Db } from '../db/connection';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommitGroup {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Transactions committed so far (the bench and tests read it). */
  commits = 0;

  constructor(private readonly db: Db) {}

  /** Runs `work` inside the next group's transaction; resolves with its result once that transaction is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      process.nextTick(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.pending;
    this.pending = [];
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const item of group) {
          try {
            results.push({ ok: true, value: this.db.transaction(item.work)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
      this.commits++;
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the group was written.
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const result = results[i]!;
      if (result.ok) item.resolve(result.value);
      else item.reject(result.error);
    });
  }
}
