import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { QUOTE_CURRENCIES, type AccountState } from '../../../shared/ipc/schemas/accounts';
import type { AccountService } from '../accounts/account-service';
import type { AccountRecord, AccountsRepo } from '../accounts/accounts-repo';
import type { Db } from '../db/connection';
import type { ExchangeClient } from '../exchange/exchange-client';
import type { ReferenceSource } from '../market-data/reference-source';
import { readPaperBalances } from '../paper/paper-account';
import { BalanceStreams } from './balance-streams';
import { emptyEntry, failureState, parseCcxtBalance, pricingSymbols, type LiveBalanceEntry } from './live-balances';
import { exactSum } from './exact-sum';
import { mergeAssets } from './merge-assets';
import { sourceFor, valueAccount, type PriceLayer } from './price-layers';
import type { RawBalance } from './valuation';

export interface PortfolioServiceDeps {
  db: Db;
  accounts: AccountsRepo;
  accountService: AccountService;
  reference: ReferenceSource;
  onChanged: (accountIds: string[]) => void;
  log: (line: string) => void;
  refreshMs: number;
  historyMs: number;
  now?: () => number;
}

const PRICE_REFRESH_MS = 60_000;
/** While an account's balance websocket is up, the interval poll is only a safety net. */
const STREAMING_POLL_FACTOR = 5;
const PAPER_STATE: AccountState = { status: 'ok', since: null, message: 'Paper balances are kept locally.' };

/**
 * One portfolio across accounts: each live account's balances are read on its own schedule
 * with its own backoff and state, so one failing exchange never blanks the others. Values use
 * the account's own exchange prices first, then the reference market data; never a guess.
 */
export class PortfolioService {
  private readonly live = new Map<string, LiveBalanceEntry>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  private lastSample = 0;
  private readonly streams: BalanceStreams;

  constructor(private readonly deps: PortfolioServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.streams = new BalanceStreams({
      client: (accountId) => deps.accountService.client(accountId),
      onBalances: (accountId, balances, assets) => this.applyStreamed(accountId, balances, assets),
      onRefreshNeeded: (accountId) => void this.refresh(accountId),
      log: deps.log,
    });
  }

  start(): void {
    const tick = setInterval(() => this.tick(), 1_000);
    tick.unref();
    this.timers.push(tick);
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.streams.close();
  }

  /** Refresh one account now (after adding it, after a fill, or on demand). Concurrent calls share one request. */
  refresh(accountId: string): Promise<void> {
    const running = this.inFlight.get(accountId);
    if (running) return running;
    const job = this.readLive(accountId).finally(() => this.inFlight.delete(accountId));
    this.inFlight.set(accountId, job);
    return job;
  }

  forget(accountId: string): void {
    this.live.delete(accountId);
    this.streams.stop(accountId);
  }

  state(account: AccountRecord): AccountState {
    return account.kind === 'paper' ? PAPER_STATE : (this.live.get(account.id)?.state ?? emptyEntry().state);
  }

  snapshot(quote: string): PortfolioSnapshot {
    const now = this.now();
    const prices = this.priceLayers();
    const quoteListed = prices.listsQuote(quote);
    const pegs = new Set<string>();
    const accounts = this.deps.accounts.list().map((account) => {
      const entry = this.live.get(account.id);
      const raw: RawBalance[] = account.kind === 'paper' ? readPaperBalances(this.deps.db, account.id) : (entry?.balances ?? []);
      const valued = valueAccount(raw, quote, prices.forAccount(account), now, quoteListed);
      for (const peg of valued.pegs) pegs.add(peg);
      return {
        accountId: account.id,
        label: account.label,
        exchangeId: account.exchangeId,
        exchangeName: account.kind === 'paper' ? 'Paper' : (entry?.exchangeName ?? account.exchangeId),
        totalValue: valued.totalValue,
        balances: valued.balances,
        state: this.state(account),
        balancesAt: account.kind === 'paper' ? now : (entry?.at ?? null),
        unpriced: valued.unpriced.map((u) => u.asset),
        unpricedHoldings: valued.unpriced,
        stalePricesSince: valued.stalePricesSince,
      };
    });
    return {
      quote,
      totalValue: exactSum(accounts.map((a) => a.totalValue)),
      accounts,
      assets: mergeAssets(accounts),
      updatedAt: now,
      pegs: [...pegs].sort(),
    };
  }

  /**
   * One unit of `from` in `to` through the same price layers that value `accountId`'s balances
   * (copy trading converts a BTC/USDT leader's price to the follower's BTC/EUR market with it);
   * null, never a guess, when no route has a price. `source` names the venue(s), hubs and peg.
   */
  rate(from: string, to: string, accountId: string): { rate: number; source: string } | null {
    if (from === to) return { rate: 1, source: 'same currency' };
    const account = this.deps.accounts.get(accountId);
    if (!account) return null;
    const found = sourceFor(from, to, this.priceLayers().forAccount(account), this.now());
    if (!found) return null;
    const { source } = found;
    const details = [
      source.via ? `via ${source.via}` : null,
      source.peg ? `${source.peg} taken at 1 USD` : null,
      source.stale ? 'stale' : null,
    ];
    const extra = details.filter((d) => d !== null).join(', ');
    return { rate: found.price, source: extra ? `${source.name}, ${extra}` : source.name };
  }

  /**
   * The price layers each account is valued through: its own venue's prices first, then the other
   * connected venues', then the reference data (live public prices, or the offline replay). A
   * paper account trades on the reference data, so that is its own venue.
   */
  private priceLayers(): { forAccount(account: AccountRecord): PriceLayer[]; listsQuote(quote: string): boolean } {
    const reference = this.deps.reference.current();
    const referenceLayer: PriceLayer | null = reference
      ? {
          kind: 'reference',
          name: reference.status().mode === 'replay' ? 'offline replay' : `${reference.status().exchangeName} public prices`,
          price: (symbol) => (reference.hasMarket(symbol) ? reference.lastPrice(symbol) : null),
          at: null,
        }
      : null;
    // One layer per venue: several accounts on one exchange share its prices (the freshest read).
    const venues = new Map<string, { name: string; prices: ReadonlyMap<string, number>; at: number }>();
    for (const account of this.deps.accounts.list()) {
      const entry = this.live.get(account.id);
      if (account.kind !== 'live' || !entry || entry.prices.size === 0) continue;
      const known = venues.get(account.exchangeId);
      if (!known || known.at < entry.pricesAt)
        venues.set(account.exchangeId, { name: entry.exchangeName ?? account.exchangeId, prices: entry.prices, at: entry.pricesAt });
    }
    const venueLayer = (exchangeId: string, kind: 'own' | 'venue'): PriceLayer | null => {
      const venue = venues.get(exchangeId);
      return venue ? { kind, name: venue.name, price: (symbol) => venue.prices.get(symbol) ?? null, at: venue.at } : null;
    };
    return {
      forAccount: (account) => {
        const own =
          account.kind === 'paper'
            ? referenceLayer
              ? { ...referenceLayer, kind: 'own' as const }
              : null
            : venueLayer(account.exchangeId, 'own');
        const others = [...venues.keys()]
          .filter((id) => account.kind === 'paper' || id !== account.exchangeId)
          .map((id) => venueLayer(id, 'venue'));
        const last = account.kind === 'paper' ? null : referenceLayer;
        return [own, ...others, last].filter((layer): layer is PriceLayer => layer !== null);
      },
      listsQuote: (quote) =>
        [...venues.values()].some((venue) => [...venue.prices.keys()].some((symbol) => symbol.split('/').includes(quote))) ||
        (reference?.listMarkets().some((m) => m.base === quote || m.quote === quote) ?? false),
    };
  }

  history(quote: string, since = 0): Array<{ at: number; value: number }> {
    return this.deps.db
      .prepare('SELECT at, value FROM portfolio_history WHERE quote = ? AND at >= ? ORDER BY at')
      .all(quote, since) as Array<{ at: number; value: number }>;
  }

  /** Records the total in every quote currency whose valuation is complete (no unpriced asset). */
  sampleHistory(): void {
    const at = this.now();
    const insert = this.deps.db.prepare('INSERT OR REPLACE INTO portfolio_history (at, quote, value) VALUES (?, ?, ?)');
    for (const quote of QUOTE_CURRENCIES) {
      const snap = this.snapshot(quote);
      if (snap.assets.some((a) => a.value === null)) continue;
      insert.run(at, quote, snap.totalValue);
    }
    this.lastSample = at;
  }

  private tick(): void {
    const now = this.now();
    for (const account of this.deps.accounts.list()) {
      if (account.kind !== 'live') continue;
      const entry = this.live.get(account.id);
      const interval = this.streams.healthy(account.id) ? this.deps.refreshMs * STREAMING_POLL_FACTOR : this.deps.refreshMs;
      const due = !entry || (entry.nextAttemptAt <= now && (entry.polledAt === null || now - entry.polledAt >= interval));
      if (due) void this.refresh(account.id);
    }
    if (now - this.lastSample >= this.deps.historyMs && this.deps.reference.current()) this.sampleHistory();
  }

  /**
   * A balance message: the assets it names take their streamed free/used amounts (an asset at
   * zero disappears); the others keep what the last read said. The account's state is left to REST.
   */
  private applyStreamed(accountId: string, streamed: RawBalance[], assets: readonly string[]): void {
    const entry = this.live.get(accountId);
    if (!entry || entry.at === null) return; // no REST read yet: the stream alone is not the whole account
    const named = new Set(assets);
    const byAsset = new Map(entry.balances.filter((b) => !named.has(b.asset)).map((b) => [b.asset, b]));
    for (const b of streamed) byAsset.set(b.asset, b);
    const balances = [...byAsset.values()].sort((a, b) => a.asset.localeCompare(b.asset));
    const newAsset = balances.some((b) => !entry.balances.some((old) => old.asset === b.asset));
    Object.assign(entry, { balances, at: this.now() });
    this.deps.onChanged([accountId]);
    // A new asset needs prices, which only the REST read fetches.
    if (newAsset) void this.refresh(accountId);
  }

  /** Assets held by the other accounts (live and paper). */
  private heldElsewhere(accountId: string): string[] {
    const assets = new Set<string>();
    for (const account of this.deps.accounts.list()) {
      if (account.id === accountId) continue;
      const held = account.kind === 'paper' ? readPaperBalances(this.deps.db, account.id) : (this.live.get(account.id)?.balances ?? []);
      for (const b of held) assets.add(b.asset);
    }
    return [...assets];
  }

  private async readLive(accountId: string): Promise<void> {
    const account = this.deps.accounts.get(accountId);
    if (!account || account.kind !== 'live') return;
    const entry = this.live.get(accountId) ?? emptyEntry();
    this.live.set(accountId, entry);
    let exchangeName = account.exchangeId;
    let exchange: ExchangeClient | undefined;
    try {
      const client = await this.deps.accountService.client(accountId);
      exchange = client;
      exchangeName = client.name;
      entry.exchangeName = client.name;
      const balances = parseCcxtBalance((await client.fetchBalance()) as unknown as Record<string, unknown>);
      if (client.keyVersion !== null) this.deps.accountService.markUsed(accountId, client.keyVersion);
      // Prices for every asset any account holds, so this venue can value what another venue cannot.
      const assets = [...new Set([...balances.map((b) => b.asset), ...this.heldElsewhere(accountId)])];
      const symbols = new Set<string>();
      for (const quote of QUOTE_CURRENCIES) for (const s of pricingSymbols(exchange, assets, quote)) symbols.add(s);
      // Multi-symbol tickers are heavy in exchange rate-limit weight: refresh prices once a
      // minute, or at once when a new asset appears. Best effort: balances stay fresh without them.
      const missing = [...symbols].some((s) => !entry.prices.has(s));
      if (symbols.size > 0 && (missing || this.now() - entry.pricesAt > PRICE_REFRESH_MS)) {
        const tickers = await exchange.fetchTickers([...symbols]).catch(() => ({}));
        const prices = new Map<string, number>();
        for (const t of Object.values(tickers)) if (typeof t.last === 'number' && t.symbol) prices.set(t.symbol, t.last);
        if (prices.size > 0) Object.assign(entry, { prices, pricesAt: this.now() });
      }
      Object.assign(entry, {
        balances,
        at: this.now(),
        polledAt: this.now(),
        failures: 0,
        nextAttemptAt: 0,
        state: { status: 'ok', since: null, message: `Balances read from ${exchangeName}.` },
      });
      // Once REST has vouched for the key and the balances, stream the changes where possible.
      this.streams.ensure(accountId, exchange);
    } catch (error) {
      const now = this.now();
      const { state, delayMs } = failureState(error, exchangeName, entry, now, exchange ? exchange.retryAfterMs(now) : null);
      if (state.status !== entry.state.status) this.deps.log(`account ${accountId}: ${state.status}`);
      Object.assign(entry, { state, failures: entry.failures + 1, nextAttemptAt: now + delayMs });
    }
    this.deps.onChanged([accountId]);
  }
}
