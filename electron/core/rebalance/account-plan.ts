/**
 * The plan for a basket on one account as it stands now: free balances and last prices from the
 * account's venue, each market's rules and rounding from the shared rules cache. The bot's rounds,
 * the preview and the Index view all plan through here, so what is shown is what would be sent.
 */
import type { RebalanceConfig, RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import { clean } from '../exchange/precision';
import { feeAssetOf, type MarketRules, type OrderVenue, type Precision } from '../exchange/venue';
import { planRebalance, PlanError, type PlanMarket } from './plan';

export interface AccountPlanDeps {
  venue: OrderVenue;
  market: (symbol: string) => Promise<{ rules: MarketRules; precision: Precision }>;
}

/** Share of the buying money held back for the price moving before a market buy fills. */
export const MARKET_BUY_BUFFER = 0.005;

export function planMarketOf(rules: MarketRules, precision: Precision): PlanMarket {
  return {
    symbol: rules.symbol,
    amountStep: rules.amountStep,
    minAmount: rules.minAmount,
    minCost: rules.minCost,
    takerFee: rules.takerFee,
    buyFeeIn: feeAssetOf(rules, 'buy') === rules.base ? 'base' : 'quote',
    sellFeeIn: feeAssetOf(rules, 'sell') === rules.base ? 'base' : 'quote',
    roundAmount: (amount) => precision.amount(amount),
  };
}

/**
 * The cash a bot starts with: the account's free quote, up to what keeps the value it manages
 * (the basket coins it takes over + this cash) within its capital cap; cash beyond it stays untouched.
 */
export const startingCash = (freeQuote: number, coinValue: number, capitalCap: number) =>
  Math.max(0, Math.min(freeQuote, capitalCap - coinValue));

/** What a run manages: the basket coins it took over (and its fills changed) and its quote. */
export interface RunHoldings {
  /** null: every free basket coin (a run saved before what it took over was recorded). */
  coins: ReadonlyMap<string, number> | null;
  cash: number;
}

/**
 * What a new run takes over: the basket coins free on the account, scaled down (all by the same
 * share) when they are worth more than the capital cap, and the cash that fills the cap beside
 * them. The rest of the account (coins bought by hand beyond the cap, cash beyond it) is never
 * the bot's to trade.
 */
export function takeOver(
  free: ReadonlyMap<string, number>,
  prices: ReadonlyMap<string, number>,
  freeQuote: number,
  capitalCap: number,
): { coins: Map<string, number>; cash: number } {
  let coinValue = 0;
  for (const [asset, amount] of free) coinValue += Math.max(0, amount) * (prices.get(asset) ?? 0);
  const share = coinValue > capitalCap && coinValue > 0 ? Math.max(0, capitalCap) / coinValue : 1;
  const coins = new Map([...free].map(([asset, amount]) => [asset, Math.max(0, amount) * share] as const));
  return { coins, cash: clean(startingCash(freeQuote, coinValue * share, capitalCap)) };
}

/**
 * Plans the basket on the account. `own` is what the run manages (a running bot: what it took
 * over plus what its fills brought; never more than is free); without it (a preview, a stopped
 * bot), what a run starting now would take over. The round's buys never cost more than the cap.
 */
export async function planOnAccount(
  deps: AccountPlanDeps,
  config: Pick<RebalanceConfig, 'quote' | 'basket' | 'minTrade'>,
  capitalCap: number,
  own: RunHoldings | null = null,
  buyBuffer = MARKET_BUY_BUFFER,
): Promise<RebalancePlan> {
  const { quote } = config;
  const coins = config.basket.filter((e) => e.asset !== quote).map((e) => e.asset);
  const balances = await deps.venue.balances();
  const markets = new Map<string, PlanMarket>();
  const prices = new Map<string, number>();
  await Promise.all(
    coins.map(async (asset) => {
      const symbol = `${asset}/${quote}`;
      let model;
      try {
        model = await deps.market(symbol);
      } catch (error) {
        throw new PlanError(`${symbol}: ${error instanceof Error ? error.message : String(error)}`);
      }
      markets.set(asset, planMarketOf(model.rules, model.precision));
      const q = await deps.venue.quote(symbol);
      if (q) prices.set(asset, q.last);
    }),
  );
  const free = new Map(coins.map((a) => [a, balances.get(a)?.free ?? 0]));
  const freeQuote = balances.get(quote)?.free ?? 0;
  const run = own ?? takeOver(free, prices, freeQuote, capitalCap);
  // Never more than is free: a coin sold by hand since is not the bot's to sell.
  const holdings = new Map(
    coins.map((a) => [a, Math.max(0, Math.min(free.get(a) ?? 0, run.coins === null ? Infinity : (run.coins.get(a) ?? 0)))]),
  );
  const cash = Math.max(0, Math.min(freeQuote, run.cash));
  return planRebalance({
    quote,
    basket: config.basket,
    holdings,
    cash,
    prices,
    markets,
    minTrade: config.minTrade,
    buyBuffer,
    maxBuy: capitalCap,
  });
}
