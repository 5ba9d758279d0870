/** The grid bot as a registered kind: its settings check (plan, capital, rate limit) and its run. */
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput, GridConfig } from '../../../../../shared/ipc/schemas/bots';
import { formatNumber } from '../../../exchange/precision';
import type { MarketDataSource } from '../../../market-data/source';
import { DEFAULT_LIFECYCLE, type BotKind, type KindCheck, type KindCheckContext } from '../bot-kind';
import { gridLevelsView, initGrid, stepGrid } from './grid-bot';
import { feeLossProblem, gridOrdersPerMinute, planGrid } from './grid-math';
import type { GridState } from './grid-state';

/** Requests one grid order costs: the placement and the read that sees it fill. */
const REQUESTS_PER_ORDER = 2;

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

async function checkGrid(ctx: KindCheckContext<GridConfig>): Promise<KindCheck> {
  const { config, price, rules, precision, deps, account, venue, input } = ctx;
  const planned = planGrid(config, price, rules, precision);
  for (const issue of planned.issues) ctx.issue(issue.severity, issue.field, issue.message);
  if (!planned.plan) return { capital: null, ordersNeeded: 1, tooFewOpenOrders: 'raise it or use fewer levels' };
  const feeLoss = feeLossProblem(planned.plan.levels, rules.makerFee);
  if (feeLoss) ctx.issue(config.acceptFeeLoss === true ? 'warning' : 'error', 'config.acceptFeeLoss', feeLoss);
  let ordersPerMinute: number | null = null;
  const range = await rangePerMinute(await deps.source(account.id), input);
  const rateLimit = await deps.rateLimitMs(account.id).catch(() => null);
  if (range !== null) ordersPerMinute = gridOrdersPerMinute(planned.plan.levels, range);
  if (ordersPerMinute !== null && rateLimit !== null && rateLimit > 0) {
    const budget = 60_000 / rateLimit;
    const needed = ordersPerMinute * REQUESTS_PER_ORDER;
    // A paper account is held to the limit of the exchange it mirrors.
    const exchange = venue.kind === 'paper' ? (await deps.source(account.id)).exchangeName : venue.exchangeName;
    const text = `At recent volatility this grid fills about ${formatNumber(ordersPerMinute, 1)} orders a minute (${formatNumber(needed, 0)} requests), against ${exchange}'s limit of about ${formatNumber(budget, 0)} requests a minute`;
    if (needed > budget)
      ctx.issue('error', 'config.levels', `${text}: it would exceed the exchange's rate limit. Use fewer levels or a wider range.`);
    else if (needed > budget / 2)
      ctx.issue('warning', 'config.levels', `${text}: a busy market could reach the limit; consider fewer levels.`);
  }
  return {
    capital: planned.plan.capital,
    ordersNeeded: planned.plan.levels.length - 1,
    ordersPerMinute,
    tooFewOpenOrders: 'raise it or use fewer levels',
  };
}

export const gridKind: BotKind<GridConfig, GridState> = {
  id: 'grid',
  validate: checkGrid,
  initialState: initGrid,
  signalStrategy: () => null,
  step: stepGrid,
  views: { levels: gridLevelsView },
  lifecycle: { ...DEFAULT_LIFECYCLE, sellOnStop: true },
};
