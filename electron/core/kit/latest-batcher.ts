/**
 * Conflation: keeps only the latest value per key and hands the batch over every `flushMs`
 * (~10 Hz by default), so a burst of updates (ticks, fills, progress) becomes one message.
 * Keys keep the position of their first write in a batch; a batch is never empty.
 */
export class LatestBatcher<K, V> {
  private pending = new Map<K, V>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deliver: (values: V[]) => void,
    flushMs = 100,
  ) {
    this.timer = setInterval(() => this.flush(), flushMs);
    // A batcher never keeps the process alive on its own.
    this.timer.unref();
  }

  set(key: K, value: V): void {
    this.pending.set(key, value);
  }

  /** Drops a value not yet delivered (superseded by something sent at once, or its owner went away). */
  delete(key: K): void {
    this.pending.delete(key);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Delivers what is pending now; the batch is taken first, so values set during delivery go in the next one. */
  flush(): void {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.deliver(batch);
  }

  /** Stops the timer; whatever is pending stays until `flush()`. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Stops the timer and delivers what is pending: for owners whose last changes must still be told. */
  close(): void {
    this.stop();
    this.flush();
  }
}
