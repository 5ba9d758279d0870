/**
 * The cross-exchange spread monitor. While at least one session looks at it, it finds every base
 * asset tradable on two or more connected accounts (same quote, or any USD stablecoin when the
 * person allows it), asks the market-data sources to stream those symbols (websocket where the
 * venue has one, one batched REST poll otherwise: no request per symbol), keeps each venue's latest
 * bid/ask from the source's own ticker stream and recomputes only the rows whose quotes moved, in
 * batches (`LatestBatcher`), so the renderer gets at most a few messages a second.
 */
import type { Market, Ticker } from '../../../shared/ipc/contract';
import type { SpreadPreferences, SpreadRow, SpreadSnapshot, SpreadVenueQuote } from '../../../shared/ipc/schemas/spread';
import { LatestBatcher } from '../kit/latest-batcher';
import { bestPair, quoteGroup, rowKey, USD_GROUP, USD_GROUP_LABEL, type VenueQuote } from './spread-math';

/** A quote older than this is stale: shown, marked, never "best". */
export const SPREAD_STALE_AFTER_MS = 10_000;
/** Rows are recomputed and sent at most this often. */
export const SPREAD_FLUSH_MS = 250;
/** More rows than this are not streamed (the venue's streams and rate limits are not for thousands of symbols). */
export const SPREAD_MAX_ROWS = 300;
/** A row that drops below the threshold and climbs back within this time is not alerted again. */
const ALERT_COOLDOWN_MS = 60_000;
const DEFAULT_TAKER_FEE = 0.001;

export interface SpreadAccount {
  id: string;
  label: string;
  exchangeName: string;
  /** Accounts with the same source key see the same public prices. */
  sourceKey: string;
}

export interface SpreadMonitorDeps {
  /** Live accounts with an active key (paper accounts are simulated and cannot be rebalanced). */
  accounts: () => SpreadAccount[];
  markets: (accountId: string) => Promise<Market[]>;
  fee: (accountId: string, symbol: string) => Promise<{ takerFee: number; feeAssumed: boolean }>;
  onTicker: (listener: (sourceKey: string, ticker: Ticker) => void) => () => void;
  /**
   * Current tickers of these symbols read from the account's source (one request for all of them).
   * Asked only for quotes quiet for half the stale limit: a stream sends nothing while a price does
   * not move, so silence alone does not make a quote stale; a failed read does.
   */
  poll?: (accountId: string, symbols: string[]) => Promise<Ticker[]>;
  /** Streams these symbols from every source (null: stop). */
  watch: (symbols: string[] | null) => void;
  preferences: () => SpreadPreferences;
  emit: (rows: SpreadRow[], removed: string[]) => void;
  /** A row's best net spread rose to or above the threshold. */
  above?: (row: SpreadRow, accounts: ReadonlyMap<string, SpreadAccount>) => void;
  log: (line: string) => void;
  now?: () => number;
  flushMs?: number;
  staleAfterMs?: number;
}

interface Member {
  account: SpreadAccount;
  symbol: string;
  takerFee: number;
  feeAssumed: boolean;
}

interface Group {
  key: string;
  base: string;
  quote: string;
  members: Member[];
}

interface Universe {
  groups: Map<string, Group>;
  /** `sourceKey|symbol` → the rows it is a quote of. */
  bySource: Map<string, string[]>;
  accounts: Map<string, SpreadAccount>;
  notes: string[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SpreadMonitor {
  private readonly sessions = new Set<string>();
  private readonly now: () => number;
  private readonly staleAfterMs: number;
  private readonly latest = new Map<string, { bid: number | null; ask: number | null; at: number }>();
  private readonly rows = new Map<string, SpreadRow>();
  /** When each row's freshest quote turns stale (so the check timer recomputes it then). */
  private readonly staleDue = new Map<string, number>();
  private readonly lastAlert = new Map<string, number>();
  private readonly aboveNow = new Set<string>();
  private universe: Universe = { groups: new Map(), bySource: new Map(), accounts: new Map(), notes: [] };
  private generation = 0;
  private building: Promise<void> | null = null;
  private batcher: LatestBatcher<string, string> | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private offTicker: (() => void) | null = null;
  /** Sources with a quiet-quote read in flight, and when each was last asked. */
  private readonly polling = new Set<string>();
  private readonly polledAt = new Map<string, number>();

  constructor(private readonly deps: SpreadMonitorDeps) {
    this.now = deps.now ?? Date.now;
    this.staleAfterMs = deps.staleAfterMs ?? SPREAD_STALE_AFTER_MS;
  }

  get running(): boolean {
    return this.batcher !== null;
  }

  /** Starts the monitor for a session (or joins it) and answers the rows once the markets are read. */
  async watch(sessionId: string): Promise<SpreadSnapshot> {
    this.sessions.add(sessionId);
    if (!this.running) this.start();
    await this.building;
    return this.snapshot();
  }

  /** The session stopped looking; the monitor stops (and its streams with it) when nobody looks. */
  unwatch(sessionId: string): boolean {
    this.sessions.delete(sessionId);
    if (this.sessions.size === 0 && this.running) this.stop();
    return this.running;
  }

  snapshot(): SpreadSnapshot {
    const accounts = this.universe.accounts.size;
    const notes = [...this.universe.notes];
    if (accounts < 2)
      notes.unshift(
        accounts === 0
          ? 'No exchange account is connected. Add two or more exchange accounts with API keys (Accounts) to compare their prices.'
          : 'Only one exchange account is connected. Add another exchange account (Accounts) to compare prices between them.',
      );
    return { rows: [...this.rows.values()], preferences: this.deps.preferences(), accounts, notes, staleAfterMs: this.staleAfterMs };
  }

  /** Accounts or preferences changed: the set of rows is rebuilt (quotes already received are kept). */
  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.building = this.build();
    return this.building;
  }

  /** The threshold changed: every row is re-judged and sent. */
  rejudge(): void {
    if (!this.running) return;
    for (const key of this.universe.groups.keys()) this.batcher?.set(key, key);
    this.batcher?.flush();
  }

  /** Recomputes what is due now (aged quotes, dirty rows) without waiting for the timers: benchmarks drive it on their own clock. */
  flush(): void {
    this.checkStale();
    this.batcher?.flush();
  }

  close(): void {
    this.sessions.clear();
    if (this.running) this.stop();
  }

  private start(): void {
    this.batcher = new LatestBatcher((keys) => this.recompute(keys), this.deps.flushMs ?? SPREAD_FLUSH_MS);
    this.offTicker = this.deps.onTicker((sourceKey, ticker) => this.onTicker(sourceKey, ticker));
    this.staleTimer = setInterval(() => this.checkStale(), 1_000);
    this.staleTimer.unref();
    this.building = this.build();
  }

  private stop(): void {
    this.generation += 1;
    this.batcher?.stop();
    this.batcher = null;
    this.offTicker?.();
    this.offTicker = null;
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.staleTimer = null;
    this.deps.watch(null);
    this.rows.clear();
    this.staleDue.clear();
    this.aboveNow.clear();
    this.latest.clear();
    this.universe = { groups: new Map(), bySource: new Map(), accounts: new Map(), notes: [] };
  }

  private onTicker(sourceKey: string, ticker: Ticker): void {
    const at = `${sourceKey}|${ticker.symbol}`;
    const keys = this.universe.bySource.get(at);
    if (!keys) return;
    this.latest.set(at, { bid: ticker.bid, ask: ticker.ask, at: this.now() });
    for (const key of keys) this.batcher?.set(key, key);
  }

  private async build(): Promise<void> {
    const generation = ++this.generation;
    const preferences = this.deps.preferences();
    const accounts = this.deps.accounts();
    const notes: string[] = [];
    const listed = await Promise.all(
      accounts.map(async (account) => {
        try {
          return { account, markets: await this.deps.markets(account.id) };
        } catch (error) {
          notes.push(`${account.label} (${account.exchangeName}): its markets could not be read (${message(error)}); left out.`);
          return { account, markets: [] as Market[] };
        }
      }),
    );
    const groups = new Map<string, { base: string; quote: string; members: Array<{ account: SpreadAccount; symbol: string }> }>();
    for (const { account, markets } of listed) {
      for (const market of markets) {
        if (!market.active) continue;
        const group = quoteGroup(market.quote, preferences.stableQuotesComparable);
        const key = rowKey(market.base, group);
        let entry = groups.get(key);
        if (!entry) groups.set(key, (entry = { base: market.base, quote: group === USD_GROUP ? USD_GROUP_LABEL : group, members: [] }));
        entry.members.push({ account, symbol: market.symbol });
      }
    }
    const shared = [...groups.entries()]
      .filter(([, g]) => new Set(g.members.map((m) => m.account.id)).size >= 2)
      .sort(([a], [b]) => a.localeCompare(b));
    if (shared.length > SPREAD_MAX_ROWS)
      notes.push(`${shared.length} assets trade on two or more accounts; the first ${SPREAD_MAX_ROWS} (by name) are monitored.`);
    const kept = shared.slice(0, SPREAD_MAX_ROWS);
    const withFees = await Promise.all(
      kept.map(async ([key, g]): Promise<Group> => {
        const members = await Promise.all(
          g.members.map(async (m): Promise<Member> => {
            try {
              return { ...m, ...(await this.deps.fee(m.account.id, m.symbol)) };
            } catch {
              return { ...m, takerFee: DEFAULT_TAKER_FEE, feeAssumed: true };
            }
          }),
        );
        return { key, base: g.base, quote: g.quote, members };
      }),
    );
    if (generation !== this.generation) return; // stopped or rebuilt meanwhile
    const universe: Universe = { groups: new Map(), bySource: new Map(), accounts: new Map(accounts.map((a) => [a.id, a])), notes };
    for (const group of withFees) {
      universe.groups.set(group.key, group);
      for (const m of group.members) {
        const at = `${m.account.sourceKey}|${m.symbol}`;
        const keys = universe.bySource.get(at) ?? [];
        if (!keys.includes(group.key)) keys.push(group.key);
        universe.bySource.set(at, keys);
      }
    }
    const removed = [...this.rows.keys()].filter((key) => !universe.groups.has(key));
    for (const key of removed) {
      this.rows.delete(key);
      this.staleDue.delete(key);
      this.aboveNow.delete(key);
    }
    this.universe = universe;
    const symbols = [...new Set(withFees.flatMap((g) => g.members.map((m) => m.symbol)))];
    this.deps.watch(symbols.length > 0 ? symbols : null);
    const rows = [...universe.groups.keys()].map((key) => this.computeRow(key)).filter((row): row is SpreadRow => row !== null);
    if (rows.length > 0 || removed.length > 0) this.deps.emit(rows, removed);
  }

  private recompute(keys: string[]): void {
    const rows = keys.map((key) => this.computeRow(key)).filter((row): row is SpreadRow => row !== null);
    if (rows.length > 0) this.deps.emit(rows, []);
  }

  private checkStale(): void {
    const now = this.now();
    for (const [key, due] of this.staleDue) if (due <= now) this.batcher?.set(key, key);
    this.pollQuiet(now);
  }

  /** Reads quotes that have been quiet for half the stale limit, one request per source at most every half limit. */
  private pollQuiet(now: number): void {
    const poll = this.deps.poll;
    if (!poll) return;
    const half = this.staleAfterMs / 2;
    const quiet = new Map<string, { accountId: string; symbols: Set<string> }>();
    for (const group of this.universe.groups.values()) {
      for (const m of group.members) {
        const source = m.account.sourceKey;
        if (this.polling.has(source) || now - (this.polledAt.get(source) ?? 0) < half) continue;
        const latest = this.latest.get(`${source}|${m.symbol}`);
        if (latest && now - latest.at < half) continue;
        let entry = quiet.get(source);
        if (!entry) quiet.set(source, (entry = { accountId: m.account.id, symbols: new Set() }));
        entry.symbols.add(m.symbol);
      }
    }
    const generation = this.generation;
    for (const [source, { accountId, symbols }] of quiet) {
      this.polling.add(source);
      this.polledAt.set(source, now);
      poll(accountId, [...symbols])
        .then((tickers) => {
          if (generation !== this.generation) return;
          for (const ticker of tickers) this.onTicker(source, ticker);
        })
        .catch((error: unknown) => this.deps.log(`spread monitor: quiet quotes of ${source} not read: ${message(error)}`))
        .finally(() => this.polling.delete(source));
    }
  }

  private computeRow(key: string): SpreadRow | null {
    const group = this.universe.groups.get(key);
    if (!group) return null;
    const now = this.now();
    const quotes: VenueQuote[] = group.members.map((m) => {
      const latest = this.latest.get(`${m.account.sourceKey}|${m.symbol}`);
      return {
        accountId: m.account.id,
        symbol: m.symbol,
        bid: latest?.bid ?? null,
        ask: latest?.ask ?? null,
        takerFee: m.takerFee,
        feeAssumed: m.feeAssumed,
        receivedAt: latest?.at ?? null,
      };
    });
    const { best, reason } = bestPair(quotes, now, this.staleAfterMs);
    const venues: SpreadVenueQuote[] = quotes.map((q, i) => {
      const account = group.members[i]!.account;
      const stale = q.receivedAt === null || now - q.receivedAt > this.staleAfterMs;
      return { ...q, accountLabel: account.label, exchangeName: account.exchangeName, stale };
    });
    const freshUntil = quotes
      .filter((q) => q.receivedAt !== null && now - q.receivedAt <= this.staleAfterMs)
      .map((q) => (q.receivedAt as number) + this.staleAfterMs + 1);
    if (freshUntil.length > 0) this.staleDue.set(key, Math.min(...freshUntil));
    else this.staleDue.delete(key);
    const threshold = this.deps.preferences().thresholdPct;
    const row: SpreadRow = {
      key,
      base: group.base,
      quote: group.quote,
      venues,
      best,
      reason,
      aboveThreshold: best !== null && best.netPct >= threshold,
      updatedAt: now,
    };
    this.rows.set(key, row);
    this.judge(row, now);
    return row;
  }

  /** Alerts once when a row rises to the threshold; again only after it fell below and a cool-down passed. */
  private judge(row: SpreadRow, now: number): void {
    if (!row.aboveThreshold) {
      this.aboveNow.delete(row.key);
      return;
    }
    if (this.aboveNow.has(row.key)) return;
    this.aboveNow.add(row.key);
    const last = this.lastAlert.get(row.key);
    if (last !== undefined && now - last < ALERT_COOLDOWN_MS) return;
    this.lastAlert.set(row.key, now);
    try {
      this.deps.above?.(row, this.universe.accounts);
    } catch (error) {
      this.deps.log(`spread alert failed: ${message(error)}`);
    }
  }
}
