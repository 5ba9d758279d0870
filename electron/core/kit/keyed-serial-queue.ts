/**
 * Work keyed by an id runs one task at a time per key, in the order it was queued; different keys
 * do not wait on each other. A failed task does not stop the ones queued after it (each caller
 * gets its own task's result or error). Used where one bot or one bracket must never be stepped
 * twice at once.
 */
export class KeyedSerialQueue<K = string> {
  /** The tail of each key's chain; settled tails are removed, so an idle queue holds nothing. */
  private readonly tails = new Map<K, Promise<void>>();

  run<T>(key: K, task: () => T | Promise<T>): Promise<T> {
    return this.runAll([key], task);
  }

  /**
   * Runs `task` holding every key's turn at once (e.g. both accounts of a two-leg trade). Its
   * place in every key's line is taken when it is queued, all at once, so each key stays first
   * come, first served and two callers sharing keys can never wait on each other in a cycle.
   */
  runAll<T>(keys: readonly K[], task: () => T | Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const previous = unique.map((key) => this.tails.get(key) ?? Promise.resolve());
    const result = Promise.all(previous).then(() => task());
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves when no work is queued under any key, including work queued while waiting (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
