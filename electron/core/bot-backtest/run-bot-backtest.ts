/**
 * A grid or DCA bot backtested with the code that runs it live: a throwaway data folder holds a
 * paper account with the starting cash, the real trading runtime (order ledger + paper exchange
 * matching) and the real bot runtime run the bot's kind, and recorded bars are played to them
 * as their market along each bar's intrabar path (open, first extreme, second extreme, close —
 * the replay's rule). At every point the paper exchange matches the range traded since the last
 * one, then the bots step, exactly as a tick does in the app. Nothing is re-implemented: the
 * fills, PnL and state are what a paper bot would have had on that replay.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeframeMs, type Timeframe } from '../../../shared/domain/types';
import type { Market } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotInput } from '../../../shared/ipc/schemas/bots';
import type { BacktestSettings, BacktestTrade, OpenPosition } from '../../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { AccountService } from '../accounts/account-service';
import { AccountsRepo } from '../accounts/accounts-repo';
import { KeysRepo } from '../accounts/keys-repo';
import { AuditLog } from '../audit/audit-log';
import { BacktestCancelledError, BacktestInputError, type BacktestResult, type RunControl } from '../backtest';
import { EquityCurve } from '../backtest/equity-curve';
import { computeMetrics, medianInterval } from '../backtest/metrics';
import { BotRuntime } from '../bots/bot-runtime';
import type { GridState } from '../bots/kinds/grid/grid-state';
import { openDatabase } from '../db/connection';
import { StorageHealth } from '../db/storage-health';
import { WatchRegistry } from '../market-data/watch-registry';
import { ensurePaperAccount, PAPER_ACCOUNT_ID } from '../paper/paper-account';
import type { PortfolioService } from '../portfolio/portfolio-service';
import { lowerBound, type CandleColumns } from '../strategy/candle-columns';
import { TradingRuntime } from '../trading/trading-runtime';
import { BacktestMarketSource, PATH_POINTS } from './backtest-market-source';
import { dcaRoundTrips, gridRoundTrips, type BotRoundTrips } from './bot-trades';

export interface BotBacktestSettings {
  startingCash: number;
  /** Paper fee, maker and taker alike (fraction). */
  feeRate: number;
  /** Paper market orders fill this many basis points worse than the price. */
  slippageBps: number;
  startTime?: number | undefined;
  endTime?: number | undefined;
}

export interface BotBacktestRequest {
  /** The bot's settings as the form holds them (grid or DCA; account and mode are replaced by the backtest's paper account). */
  input: BotInput;
  candles: CandleColumns;
  /** The bars' timeframe. */
  timeframe: Timeframe;
  /** The market's rules (precision, minimums) as the bot's account reports them. */
  market: Market;
  settings: BotBacktestSettings;
  /** Saved strategies, for a DCA bot that opens deals on a strategy's entry signal. */
  strategy: (id: string) => { graph: StrategyGraph; name: string };
  exchange: { id: string; name: string };
}

export interface BotBacktestResult extends Omit<BacktestResult, 'warnings'> {
  /** What the bot said while it ran (held orders, refusals, stops), each once. */
  warnings: string[];
  /** What the bot booked (realised PnL), its state at the end, and fills made. */
  bot: { kind: 'grid' | 'dca'; realisedPnl: number; state: string; stopDetail: string | null };
  /** Every fill of the run in the ledger's order, with the role of its order (e.g. `grid:r1:c3:2`). */
  fills: BotBacktestFill[];
}

export interface BotBacktestFill {
  role: string;
  side: 'buy' | 'sell';
  price: number;
  amount: number;
  fee: number;
  feeAsset: string | null;
  at: number;
}

const BOT_KINDS_BACKTESTED = ['grid', 'dca'] as const;
/** Bars between progress reports and event-loop yields (the run shares core's thread with everything else). */
const YIELD_EVERY_BARS = 4;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runBotBacktest(request: BotBacktestRequest, control: RunControl = {}): Promise<BotBacktestResult> {
  const { candles, settings, input, market } = request;
  const kind = input.config.kind;
  if (kind !== 'grid' && kind !== 'dca') {
    throw new BacktestInputError(
      `Bot backtests run ${BOT_KINDS_BACKTESTED.join(' and ')} bots; a ${kind} bot is backtested as its strategy in the strategy lab.`,
    );
  }
  if (input.symbol !== market.symbol) throw new BacktestInputError(`The market rules given are ${market.symbol}'s, not ${input.symbol}'s.`);
  const from = settings.startTime === undefined ? 0 : lowerBound(candles.time, settings.startTime, candles.length);
  const to = settings.endTime === undefined ? candles.length : lowerBound(candles.time, settings.endTime, candles.length);
  if (to - from < 2) throw new BacktestInputError('The chosen range has fewer than 2 bars; pick a longer range or another data set.');
  const botTimeframe = timeframeFor(input, request.timeframe);

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bot-backtest-'));
  const source = new BacktestMarketSource(market, candles, request.timeframe, request.exchange.id, request.exchange.name);
  const clock = () => source.now();
  source.moveTo(from, 0);
  const db = openDatabase(temp);
  // A throwaway folder: nothing in it must survive a power cut, so the disk is not waited for.
  db.pragma('synchronous = OFF');
  let trading: TradingRuntime | undefined;
  let bots: BotRuntime | undefined;
  try {
    const accounts = new AccountsRepo(db);
    ensurePaperAccount(db, accounts, request.exchange.id, clock());
    db.prepare('DELETE FROM paper_balances WHERE account_id = ?').run(PAPER_ACCOUNT_ID);
    db.prepare('INSERT INTO paper_balances (account_id, asset, free, used) VALUES (?, ?, ?, 0)').run(
      PAPER_ACCOUNT_ID,
      market.quote,
      settings.startingCash,
    );
    const audit = new AuditLog(db);
    const accountService = new AccountService({
      db,
      accounts,
      keys: new KeysRepo(db),
      audit,
      secrets: () => Promise.reject(new Error('A bot backtest uses the paper account only.')),
      urlOverrides: {},
      onChanged: () => {},
      now: clock,
    });
    const storage = new StorageHealth({ db, dataDir: temp, log: () => {} });
    const watches = new WatchRegistry(() => {});
    const paperSource = async () => source;
    trading = new TradingRuntime({
      storage,
      db,
      accounts,
      accountService,
      audit,
      portfolio: { refresh: async () => {} } as unknown as PortfolioService,
      watches,
      hasActiveKey: () => false,
      paperSource,
      reference: { exchangeId: request.exchange.id, isLive: () => false },
      orderBook: async () => null,
      emit: () => {},
      log: () => {},
      paperDefaults: () => ({ feeRate: settings.feeRate, slippageBps: settings.slippageBps }),
      now: clock,
    });
    trading.settings.update(PAPER_ACCOUNT_ID, { slippageBps: settings.slippageBps });
    const runtime = (bots = new BotRuntime({
      storage,
      db,
      accounts,
      accountService,
      orders: trading.orders,
      markets: trading.markets,
      source: paperSource,
      strategy: request.strategy,
      watches,
      emit: () => {},
      log: () => {},
      rateLimitMs: async () => null,
      tickMs: 0,
      now: clock,
    }));
    await runtime.startUp(trading.reconcile());
    const botInput: BotInput = { ...input, accountId: PAPER_ACCOUNT_ID, mode: 'paper', timeframe: botTimeframe };
    let created;
    try {
      created = await runtime.create(botInput);
    } catch (error) {
      if (error instanceof TradewindError) throw new BacktestInputError(`The bot's settings do not run on this data: ${error.message}`);
      throw error;
    }
    await runtime.start(created.id);
    const quiet = async () => {
      await runtime.idle();
      await trading!.brackets.idle();
      await runtime.idle();
    };

    const traded = to - from;
    const equity = new EquityCurve(traded, settings.startingCash);
    const minValue = market.minCost ?? 0;
    let exposedBars = 0;
    for (let i = from; i < to; i++) {
      for (let point = 0; point < PATH_POINTS; point++) {
        source.moveTo(i, point);
        await trading.loop.tick();
        await quiet();
        await runtime.tick();
        await quiet();
      }
      const close = candles.close[i]!;
      const quote = trading.paper.wallet.balance(PAPER_ACCOUNT_ID, market.quote);
      const base = trading.paper.wallet.balance(PAPER_ACCOUNT_ID, market.base);
      const held = base.free + base.used;
      if (held > 0 && held * close >= Math.max(minValue, market.amountStep ?? 0)) exposedBars++;
      equity.record(i - from, quote.free + quote.used + held * close);
      if ((i - from) % YIELD_EVERY_BARS === 0 || i === to - 1) {
        if (control.isCancelled?.()) throw new BacktestCancelledError();
        control.onProgress?.((i - from + 1) / traded);
        await yieldToEventLoop();
      }
    }

    const record = runtime.repo.require(created.id);
    const rows = trading.orders.repo.byOrigin(created.id);
    const fills = {
      orders: rows,
      tradesOf: (row: (typeof rows)[number]) => trading!.orders.repo.tradesOf(row.accountId, row.clientOrderId),
      base: market.base,
      quote: market.quote,
      barOf: (time: number) => Math.max(0, lowerBound(candles.time, time + 1, candles.length) - 1),
    };
    const closeReason = kind === 'grid' ? ((record.kindState as GridState | null)?.closeReason ?? null) : null;
    const trips: BotRoundTrips = kind === 'grid' ? gridRoundTrips(fills, record.realisedPnl, closeReason) : dcaRoundTrips(fills);
    const times = candles.time.subarray(from, to);
    const barIntervalMs = medianInterval(times);
    const lastClose = candles.close[to - 1]!;
    const metrics = computeMetrics({
      startingCash: settings.startingCash,
      times,
      finalEquity: equity.last,
      barIntervalMs,
      equity: equity.summary(times, barIntervalMs),
      trades: trips.trades,
      exposedBars,
      feesPaid: trips.fees,
      skippedEntries: 0,
      firstOpen: candles.open[from]!,
      lastClose,
    });
    const backtestSettings: BacktestSettings = {
      startingCash: settings.startingCash,
      feeRate: settings.feeRate,
      slippageBps: settings.slippageBps,
      amountStep: market.amountStep ?? 1e-8,
      timeframe: request.timeframe,
      ...(settings.startTime === undefined ? {} : { startTime: settings.startTime }),
      ...(settings.endTime === undefined ? {} : { endTime: settings.endTime }),
    };
    return {
      metrics,
      trades: trips.trades,
      openPosition: openPositionOf(trips, lastClose),
      curves: { time: times, equity: equity.equity, drawdownPct: equity.drawdownPct },
      settings: backtestSettings,
      warnings: warningsOf(runtime, created.id),
      bot: {
        kind,
        realisedPnl: record.realisedPnl,
        state: record.state,
        stopDetail: record.stopDetail,
      },
      fills: rows
        .flatMap((row) => (row.filled > 0 ? fills.tradesOf(row).map((t) => ({ ...t, role: row.originRole ?? '' })) : []))
        .sort((a, b) => a.seq - b.seq)
        .map(({ role, side, price, amount, fee, feeAsset, at }) => ({ role, side, price, amount, fee, feeAsset, at })),
    };
  } finally {
    await bots?.close();
    await trading?.close();
    db.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** The bot's candles: its own timeframe when the bars can make it, else (grid, which reads none) the bars'. */
function timeframeFor(input: BotInput, bars: Timeframe): Timeframe {
  const factor = timeframeMs(input.timeframe) / timeframeMs(bars);
  if (Number.isInteger(factor) && factor >= 1) return input.timeframe;
  if (input.config.kind === 'dca' && input.config.start === 'signal') {
    throw new BacktestInputError(
      `The bot reads ${input.timeframe} candles for its start signal; this data set has ${bars} bars, which cannot make them. Pick a data set of ${input.timeframe} or shorter bars.`,
    );
  }
  return bars;
}

function openPositionOf(trips: BotRoundTrips, markPrice: number): OpenPosition | null {
  const open = trips.open;
  if (!open) return null;
  return {
    entryTime: open.entryTime,
    entryPrice: open.entryPrice,
    amount: open.amount,
    markPrice,
    unrealisedPnl: open.amount * markPrice - open.cost,
    entryNodeId: 'Held at the end',
  };
}

/** The bot's own warnings and errors during the run (held orders, refusals, stops), each once. */
function warningsOf(bots: BotRuntime, id: string): string[] {
  const seen = new Set<string>();
  for (const event of bots.eventLog(id, 1000).reverse()) {
    if (event.level === 'warning' || event.level === 'error') seen.add(event.message);
    if (seen.size >= 20) break;
  }
  return [...seen];
}

export type { BacktestTrade };
