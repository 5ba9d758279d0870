/**
 * One ccxt.pro `watch*` call in a loop: every resolution is handed on; a failure (socket dropped,
 * connection refused, exchange error) puts the loop in `backoff` and it retries with exponential
 * backoff until it streams again or is stopped. Callers poll over REST for whatever is in backoff.
 */
export type WatchLoopState = 'connecting' | 'streaming' | 'backoff';

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_WS_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

export interface WatchLoopOptions<T> {
  watch: () => Promise<T>;
  onData: (data: T) => void;
  /** Called on every change of state (connecting → streaming, streaming → backoff...). */
  onState: (loop: WatchLoop<T>) => void;
  backoff: Backoff;
}

export class WatchLoop<T> {
  state: WatchLoopState = 'connecting';
  lastError: string | null = null;
  /** The error behind lastError, for callers that translate it (ccxt error classes). */
  lastCause: unknown = undefined;
  /** When the next attempt starts, while in backoff. */
  retryAt = 0;
  private failures = 0;
  private stopped = false;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: WatchLoopOptions<T>) {
    void this.run();
  }

  get running(): boolean {
    return !this.stopped;
  }

  /**
   * In backoff, or retrying after a failure and not yet streaming. A retry is not a recovery:
   * counting 'connecting' as healthy announced "recovered" before every attempt that then failed.
   */
  get failing(): boolean {
    return this.state === 'backoff' || (this.state === 'connecting' && this.failures > 0);
  }

  stop(): void {
    this.stopped = true;
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
  }

  private setState(state: WatchLoopState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(this);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const data = await this.options.watch();
        if (this.stopped) return;
        this.failures = 0;
        this.lastError = null;
        this.lastCause = undefined;
        this.setState('streaming');
        this.options.onData(data);
      } catch (error) {
        if (this.stopped) return;
        this.failures += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.lastCause = error;
        const delay = Math.min(this.options.backoff.maxMs, this.options.backoff.initialMs * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + delay;
        this.setState('backoff');
        await this.sleep(delay);
        if (!this.stopped) this.setState('connecting');
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
      this.sleepTimer.unref();
    });
  }
}
