import type { MarketRules, Precision, VenueLookup } from './venue';

/** Rules change rarely (a new tick size, a delisting); ten minutes keeps a long-running bot current. */
export const MARKET_RULES_TTL_MS = 10 * 60_000;

export interface MarketModel {
  rules: MarketRules;
  precision: Precision;
}

/**
 * Each account's market rules and rounding, read from its venue (paper, replay or live through
 * its ExchangeClient) and kept for `ttlMs`: one cache for everyone who sizes orders (brackets,
 * bots), instead of one copy each. Concurrent asks for the same market share one read.
 */
export class MarketRulesCache {
  private readonly entries = new Map<string, { at: number; model: Promise<MarketModel> }>();

  constructor(
    private readonly venues: VenueLookup,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = MARKET_RULES_TTL_MS,
  ) {}

  market(accountId: string, symbol: string): Promise<MarketModel> {
    const key = `${accountId}|${symbol}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.model;
    const venue = this.venues.forAccount(accountId);
    const model = Promise.all([venue.rules(symbol), venue.precision(symbol)]).then(([rules, precision]) => ({ rules, precision }));
    const entry = { at: this.now(), model };
    this.entries.set(key, entry);
    // A failed read is not kept: the next ask tries the venue again.
    model.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return model;
  }

  /** Drops an account's markets (its key or venue changed). */
  forget(accountId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${accountId}|`)) this.entries.delete(key);
  }
}
