/**
 * Checks a bot's settings against its account and market before it is saved or started:
 * the account's kind matches the mode and may trade, every order the bot can place respects the
 * market's precision and minimums, the balance covers the capital, the risk guards leave the bot
 * room to work, and a busy grid stays inside the exchange's rate limit. Every issue names the
 * setting to change.
 */
import type { Candle } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotInput, BotIssue } from '../../../shared/ipc/schemas/bots';
import type { AccountService } from '../accounts/account-service';
import type { AccountRecord } from '../accounts/accounts-repo';
import type { MarketDataSource } from '../market-data/source';
import type { MarketRules, OrderVenue, Precision } from '../orders/venue';
import { clean, formatMoney, formatNumber } from '../trading/precision';
import { compileForBot } from './candle-feed';
import { checkDca, dealCapital, safetyOrders } from './dca-math';
import { gridOrdersPerMinute, planGrid } from './grid-math';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';

/** Requests one grid order costs: the placement and the read that sees it fill. */
const REQUESTS_PER_ORDER = 2;
/** Headroom for market buys: the fill may be above the reference price. */
const MARKET_BUFFER = 0.005;

export interface ValidationDeps {
  accountService: AccountService;
  account: (accountId: string) => AccountRecord | undefined;
  venue: (accountId: string) => OrderVenue;
  source: (accountId: string) => Promise<MarketDataSource>;
  graph: (strategyId: string) => { graph: StrategyGraph; name: string };
  /** The exchange's minimum time between requests (ccxt `rateLimit`), in ms. */
  rateLimitMs: (accountId: string) => Promise<number | null>;
}

export interface ValidationResult {
  issues: BotIssue[];
  capitalRequired: number | null;
  ordersPerMinute: number | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Average high-low range of recent 1-minute bars as a share of the price (sqrt-scaled from longer bars). */
async function rangePerMinute(source: MarketDataSource, input: BotInput): Promise<number | null> {
  const tf = source.timeframes.includes('1m') ? '1m' : input.timeframe;
  const minutes = { '1m': 1, '5m': 5, '15m': 15, '1h': 60, '4h': 240, '1d': 1_440, '1w': 10_080 }[tf];
  let candles: Candle[];
  try {
    candles = (await source.fetchCandles(input.symbol, tf, undefined, 60)).filter((c) => c[4] > 0);
  } catch {
    return null;
  }
  if (candles.length === 0) return null;
  const average = candles.reduce((sum, c) => sum + (c[2] - c[3]) / c[4], 0) / candles.length;
  return average / Math.sqrt(minutes);
}

export async function validateBot(deps: ValidationDeps, input: BotInput): Promise<ValidationResult> {
  const issues: BotIssue[] = [];
  const error = (field: string, text: string) => issues.push({ severity: 'error', field, message: text });
  const warning = (field: string, text: string) => issues.push({ severity: 'warning', field, message: text });
  const result = (capitalRequired: number | null = null, ordersPerMinute: number | null = null): ValidationResult => ({ issues, capitalRequired, ordersPerMinute });

  const account = deps.account(input.accountId);
  if (!account) {
    error('accountId', `There is no account "${input.accountId}"; pick one from the accounts list.`);
    return result();
  }
  if (input.mode !== account.kind) {
    error(
      'mode',
      input.mode === 'paper'
        ? `"${account.label}" is a live account; a paper bot runs on the paper account. Pick the paper account, or switch the bot to live.`
        : `"${account.label}" is a paper account; a live bot needs a live exchange account.`,
    );
    return result();
  }
  const blocked = deps.accountService.tradeBlockedReason(account);
  if (blocked) error('accountId', blocked);

  const venue = deps.venue(account.id);
  let rules: MarketRules;
  let precision: Precision;
  let price: number | null;
  let freeQuote: number;
  try {
    [rules, precision] = await Promise.all([venue.rules(input.symbol), venue.precision(input.symbol)]);
    const [quote, balances] = await Promise.all([venue.quote(input.symbol), venue.balances()]);
    price = quote?.last ?? null;
    freeQuote = balances.get(rules.quote)?.free ?? 0;
  } catch (failure) {
    const field = failure instanceof TradewindError && failure.code === 'not_found' ? 'symbol' : 'accountId';
    error(field, field === 'symbol' ? message(failure) : `Could not read the market from ${venue.exchangeName}: ${message(failure)}`);
    return result();
  }

  let capital: number | null = null;
  let ordersPerMinute: number | null = null;
  let ordersNeeded = 1;
  const { config, risk } = input;
  if (config.kind === 'grid') {
    const planned = planGrid(config, price, rules, precision);
    issues.push(...planned.issues);
    if (planned.plan) {
      capital = planned.plan.capital;
      ordersNeeded = planned.plan.levels.length - 1;
      const range = await rangePerMinute(await deps.source(account.id), input);
      const rateLimit = await deps.rateLimitMs(account.id).catch(() => null);
      if (range !== null) ordersPerMinute = gridOrdersPerMinute(planned.plan.levels, range);
      if (ordersPerMinute !== null && rateLimit !== null && rateLimit > 0) {
        const budget = 60_000 / rateLimit;
        const needed = ordersPerMinute * REQUESTS_PER_ORDER;
        // A paper account is held to the limit of the exchange it mirrors.
        const exchange = venue.kind === 'paper' ? (await deps.source(account.id)).exchangeName : venue.exchangeName;
        const text = `At recent volatility this grid fills about ${formatNumber(ordersPerMinute, 1)} orders a minute (${formatNumber(needed, 0)} requests), against ${exchange}'s limit of about ${formatNumber(budget, 0)} requests a minute`;
        if (needed > budget) error('config.levels', `${text}: it would exceed the exchange's rate limit. Use fewer levels or a wider range.`);
        else if (needed > budget / 2) warning('config.levels', `${text}: a busy market could reach the limit; consider fewer levels.`);
      }
    }
  } else if (config.kind === 'dca') {
    issues.push(...checkDca(config, price, rules));
    capital = clean(dealCapital(config) * config.maxActiveDeals);
    ordersNeeded = (safetyOrders(config).length + 1) * config.maxActiveDeals;
    if (config.strategyId !== null && config.start === 'signal') checkStrategy(deps, config.strategyId, 'config.strategyId', issues);
  } else {
    checkStrategy(deps, config.strategyId, 'config.strategyId', issues);
    capital = config.capital;
    if (rules.minCost !== null && config.capital < rules.minCost) {
      error('config.capital', `The capital ${formatMoney(config.capital, rules.quote)} ${rules.quote} is below the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`);
    }
  }
  if (capital !== null) {
    const q = rules.quote;
    if (capital * (1 + MARKET_BUFFER) > freeQuote) {
      error('config', `Not enough ${q}: the bot can commit ${formatMoney(capital, q)} ${q}, ${formatMoney(freeQuote, q)} ${q} is free on "${account.label}".`);
    }
    if (risk.capitalCap < capital) {
      warning('risk.capitalCap', `The capital cap ${formatMoney(risk.capitalCap, q)} ${q} is below the ${formatMoney(capital, q)} ${q} these settings can commit; orders beyond the cap will wait.`);
    }
  }
  if (risk.maxOpenOrders < ordersNeeded) {
    const text = `Max open orders ${risk.maxOpenOrders} is below the ${ordersNeeded} orders these settings rest at once`;
    if (config.kind === 'grid') error('risk.maxOpenOrders', `${text}; raise it or use fewer levels.`);
    else warning('risk.maxOpenOrders', `${text}; some will wait.`);
  }
  return result(capital, ordersPerMinute);
}

function checkStrategy(deps: ValidationDeps, strategyId: string, field: string, issues: BotIssue[]): void {
  try {
    const { graph, name } = deps.graph(strategyId);
    compileForBot(graph, name);
  } catch (failure) {
    issues.push({ severity: 'error', field, message: message(failure) });
  }
}
