/**
 * The plan for a basket on one account as it stands now: free balances and last prices from the
 * account's venue, each market's rules and rounding from the shared rules cache. The bot's rounds,
 * the preview and the Index view all plan through here, so what is shown is what would be sent.
 */
import type { RebalanceConfig, RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
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
 * (the basket coins held + this cash) within its capital cap; cash beyond it stays untouched.
 */
export const startingCash = (freeQuote: number, coinValue: number, capitalCap: number) =>
  Math.max(0, Math.min(freeQuote, capitalCap - coinValue));

/**
 * Plans the basket on the account: the basket coins it holds (free) count in full; `cash` says how
 * much of the free quote is the bot's (a running bot: what it started with plus what its fills
 * brought; never more than is free). Without it, the starting rule applies.
 */
export async function planOnAccount(
  deps: AccountPlanDeps,
  config: Pick<RebalanceConfig, 'quote' | 'basket' | 'minTrade'>,
  capitalCap: number,
  cash: number | null = null,
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
  const holdings = new Map(coins.map((a) => [a, balances.get(a)?.free ?? 0]));
  let coinValue = 0;
  for (const a of coins) coinValue += (holdings.get(a) ?? 0) * (prices.get(a) ?? 0);
  const freeQuote = balances.get(quote)?.free ?? 0;
  const own = cash === null ? startingCash(freeQuote, coinValue, capitalCap) : Math.max(0, Math.min(freeQuote, cash));
  return planRebalance({ quote, basket: config.basket, holdings, cash: own, prices, markets, minTrade: config.minTrade, buyBuffer });
}
