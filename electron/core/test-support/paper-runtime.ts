import type { Candle, Timeframe } from '../../../shared/domain/types';
import type { EventPayload, Market, MarketDataStatus, Ticker, TopicName } from '../../../shared/ipc/contract';
import { AccountService } from '../accounts/account-service';
import { AccountsRepo } from '../accounts/accounts-repo';
import { AuditLog } from '../audit/audit-log';
import { KeysRepo } from '../accounts/keys-repo';
import { openDatabase, type Db } from '../db/connection';
import { StorageHealth } from '../db/storage-health';
import type { MarketDataSource } from '../market-data/source';
import type { Book } from '../paper/matching';
import { WatchRegistry } from '../market-data/watch-registry';
import { ensurePaperAccount, PAPER_ACCOUNT_ID } from '../paper/paper-account';
import type { PortfolioService } from '../portfolio/portfolio-service';
import { TradingRuntime } from '../trading/trading-runtime';
import { makeTempDir } from './temp-dir';

const MARKETS: Market[] = [
  { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', active: true, amountStep: 0.00001, priceStep: 0.01, minAmount: 0.00001, minCost: 5 },
  { symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', active: true, amountStep: 0.0001, priceStep: 0.01, minAmount: 0.0001, minCost: 5 },
];

/** Market data whose prices the test sets: a synthetic path, one price at a time. */
export class ScriptedSource implements MarketDataSource {
  readonly exchangeId = 'binance';
  readonly exchangeName = 'Binance';
  readonly timeframes: readonly Timeframe[] = ['5m'];
  private readonly prices = new Map<string, number>();
  /** When set, the source says it replays and fills are timed on this clock (as the offline replay does). */
  private replayTime: number | null = null;

  private readonly markets: Market[];

  /** `extraMarkets` adds to BTC/USDT and ETH/USDT (a BTC/EUR follower market, for one). */
  constructor(prices: Record<string, number>, extraMarkets: readonly Market[] = []) {
    for (const [symbol, price] of Object.entries(prices)) this.prices.set(symbol, price);
    this.markets = [...MARKETS, ...extraMarkets];
  }

  setPrice(symbol: string, price: number): void {
    this.prices.set(symbol, price);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.prices);
  }

  setReplayTime(time: number | null): void {
    this.replayTime = time;
  }

  status(): MarketDataStatus {
    if (this.replayTime !== null) {
      return {
        mode: 'replay',
        exchangeId: this.exchangeId,
        exchangeName: this.exchangeName,
        detail: 'scripted replay',
        replayTime: this.replayTime,
        replaySpeed: 1,
      };
    }
    return { mode: 'live', exchangeId: this.exchangeId, exchangeName: this.exchangeName, detail: 'scripted prices' };
  }

  listMarkets(): Market[] {
    return this.markets;
  }

  hasMarket(symbol: string): boolean {
    return this.markets.some((m) => m.symbol === symbol);
  }

  async tickers(symbols?: readonly string[]): Promise<Ticker[]> {
    return (symbols ?? [...this.prices.keys()]).flatMap((symbol) => {
      const last = this.prices.get(symbol);
      return last === undefined
        ? []
        : [{ symbol, last, bid: null, ask: null, changePct24h: null, quoteVolume24h: null, timestamp: Date.now() }];
    });
  }

  lastPrice(symbol: string): number | null {
    return this.prices.get(symbol) ?? null;
  }

  async fetchCandles(): Promise<Candle[]> {
    return [];
  }

  setWatched(): void {}

  async close(): Promise<void> {}
}

export interface PaperHarness {
  runtime: TradingRuntime;
  source: ScriptedSource;
  db: Db;
  dataDir: string;
  events: Array<{ topic: TopicName; payload: unknown }>;
  /** Moves the price and runs one tick of the trading loop to completion. */
  step(symbol: string, price: number): Promise<void>;
  /** A fresh runtime on the same data folder, as after a restart. */
  restart(): Promise<PaperHarness>;
  close(): Promise<void>;
}

/** A real data folder (a fresh temp one unless given) with the paper account and the account services, no keychain. */
export function openPaperFolder(given?: string) {
  const temp = given ? undefined : makeTempDir();
  const dataDir = given ?? (temp as { dir: string }).dir;
  const db = openDatabase(dataDir);
  const accounts = new AccountsRepo(db);
  ensurePaperAccount(db, accounts, 'binance');
  const keys = new KeysRepo(db);
  const audit = new AuditLog(db);
  const accountService = new AccountService({
    db,
    accounts,
    keys,
    audit,
    secrets: () => Promise.reject(new Error('paper tests use no keychain')),
    urlOverrides: {},
    onChanged: () => {},
  });
  return { temp, dataDir, db, accounts, keys, audit, accountService };
}

/**
 * The trading runtime on a real SQLite data folder with the paper account, driven by scripted
 * prices and manual ticks (no timers), so paper matching and brackets are tested step by step.
 */
export async function startPaperRuntime(options: {
  prices: Record<string, number>;
  slippageBps?: number;
  dataDir?: string;
  book?: (symbol: string) => Promise<Book | null>;
}): Promise<PaperHarness> {
  const { temp, dataDir, db, accounts, audit, accountService } = openPaperFolder(options.dataDir);
  const source = new ScriptedSource(options.prices);
  const events: PaperHarness['events'] = [];
  const runtime = new TradingRuntime({
    storage: new StorageHealth({ db, dataDir, log: () => {} }),
    db,
    accounts,
    accountService,
    audit,
    // Paper balances are read from SQLite; only live accounts would be refreshed through this.
    portfolio: { refresh: async () => {} } as unknown as PortfolioService,
    watches: new WatchRegistry(() => {}),
    hasActiveKey: () => false,
    paperSource: async () => source,
    reference: { exchangeId: 'binance', isLive: () => false },
    emit: <T extends TopicName>(topic: T, payload: EventPayload<T>) => events.push({ topic, payload }),
    log: () => {},
    ...(options.book ? { orderBook: options.book } : {}),
  });
  if (options.slippageBps !== undefined) runtime.settings.update(PAPER_ACCOUNT_ID, { slippageBps: options.slippageBps });
  runtime.brackets.start();
  const harness: PaperHarness = {
    runtime,
    source,
    db,
    dataDir,
    events,
    async step(symbol, price) {
      source.setPrice(symbol, price);
      await runtime.loop.tick();
      await runtime.brackets.idle();
    },
    async restart() {
      await runtime.close();
      db.close();
      const next = await startPaperRuntime({ ...options, prices: source.snapshot(), dataDir });
      return {
        ...next,
        close: async () => {
          await next.close();
          temp?.cleanup();
        },
      };
    },
    async close() {
      await runtime.close();
      db.close();
      temp?.cleanup();
    },
  };
  return harness;
}
