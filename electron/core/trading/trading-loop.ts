import type { StorageHealth } from '../db/storage-health';
import type { WatchRegistry } from '../market-data/watch-registry';
import type { OrderService } from '../orders/order-service';
import type { OrderVenue } from '../exchange/venue';
import type { PaperExchange } from '../paper/paper-exchange';
import type { BracketManager } from './bracket-manager';

export interface TradingLoopDeps {
  orders: OrderService;
  paper: PaperExchange;
  brackets: BracketManager;
  watches: WatchRegistry;
  /** How often paper orders are matched and paper brackets checked. */
  tickMs: number;
  /** How often live orders are re-read and live brackets' prices sampled (each costs exchange requests). */
  livePollMs: number;
  storage: StorageHealth;
  log: (line: string) => void;
  now?: () => number;
}

/** The watch session the engine holds, so prices keep flowing for symbols with paper orders or brackets. */
export const ENGINE_SESSION = 'trading-engine';

interface PriceGroup {
  venue: OrderVenue;
  accountIds: Set<string>;
  symbols: Set<string>;
}

/**
 * The heartbeat of trading: samples prices for every symbol that has paper orders or active
 * brackets (once per set of venues sharing prices), lets the paper exchange match its resting
 * orders against the traded range, lets brackets check their stops, and polls live orders.
 * One tick at a time: a slow exchange delays the next tick, it never piles ticks up.
 */
export class TradingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastLive = 0;
  private watched = '';
  private paperSymbols = new Set<string>();
  private readonly failures = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly deps: TradingLoopDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.deps.tickMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.deps.watches.end(ENGINE_SESSION);
  }

  tick(): Promise<void> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(): Promise<void> {
    // While writes fail, one tiny write per tick tells when they work again (nothing else is retried faster).
    await this.guard('storage', async () => void this.deps.storage.probe());
    await this.guard('paper reports', async () => this.deps.paper.redeliver());
    const liveDue = this.now() - this.lastLive >= this.deps.livePollMs;
    if (liveDue) {
      this.lastLive = this.now();
      await this.guard('live orders', () => this.deps.orders.poll());
    }
    const groups = this.groups();
    const paperSymbols = new Set<string>();
    for (const group of groups.values()) {
      if (group.venue.kind === 'paper') for (const symbol of group.symbols) paperSymbols.add(symbol);
      else if (!liveDue) continue;
      for (const symbol of group.symbols) {
        await this.guard(`${group.venue.priceKey} ${symbol}`, async () => {
          const range = await group.venue.observe(symbol);
          if (!range) return;
          await group.venue.onRange?.(symbol, range);
          await this.deps.brackets.onObservation(group.accountIds, symbol, range);
        });
      }
    }
    // A symbol nobody trades any more starts from a fresh baseline next time (no stale range).
    for (const symbol of this.paperSymbols) if (!paperSymbols.has(symbol)) this.deps.paper.forget(symbol);
    this.paperSymbols = paperSymbols;
    const key = [...paperSymbols].sort().join(',');
    if (key !== this.watched) {
      this.watched = key;
      this.deps.watches.set(ENGINE_SESSION, [...paperSymbols], undefined);
    }
  }

  /** Venues grouped by the prices they see, with the symbols that need watching. */
  private groups(): Map<string, PriceGroup> {
    const interests = [...this.deps.paper.symbolsWithOpenOrders(), ...this.deps.brackets.interests()];
    const groups = new Map<string, PriceGroup>();
    for (const { accountId, symbol } of interests) {
      let venue: OrderVenue;
      try {
        venue = this.deps.orders.venue(accountId);
      } catch {
        continue; // account removed
      }
      let group = groups.get(venue.priceKey);
      if (!group) groups.set(venue.priceKey, (group = { venue, accountIds: new Set(), symbols: new Set() }));
      group.accountIds.add(accountId);
      group.symbols.add(symbol);
    }
    return groups;
  }

  /** Logs a failing step once (not every tick) and carries on with the others. */
  private async guard(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      this.failures.delete(what);
    } catch (error) {
      this.deps.storage.noteFailure(error);
      const text = error instanceof Error ? error.message : String(error);
      if (this.failures.get(what) !== text) this.deps.log(`trading: ${what}: ${text}`);
      this.failures.set(what, text);
    }
  }
}
