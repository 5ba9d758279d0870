/** The two bots the reliability tests run live: a busy grid on BTC/USDT and a DCA on ETH/USDT. */
import type { FakeBinance } from '../../../e2e/fake-exchange';
import type { BotInput } from '../../../shared/ipc/schemas/bots';
import { PriceWalk } from './price-walk';

export function crashGrid(accountId: string, btcPrice: number): BotInput {
  return {
    name: 'Crash grid',
    accountId,
    symbol: 'BTC/USDT',
    timeframe: '1m',
    mode: 'live',
    config: {
      kind: 'grid',
      lower: btcPrice * 0.97,
      upper: btcPrice * 1.03,
      levels: 7,
      spacing: 'arithmetic',
      investment: 1500,
      stopLoss: null,
      takeProfit: null,
    },
    risk: { capitalCap: 3000, maxOpenOrders: 20, maxDailyLoss: null },
  };
}

export function crashDca(accountId: string): BotInput {
  return {
    name: 'Crash DCA',
    accountId,
    symbol: 'ETH/USDT',
    timeframe: '1m',
    mode: 'live',
    config: {
      kind: 'dca',
      baseOrder: 60,
      safetyOrder: 60,
      safetyOrders: 3,
      priceDeviationPct: 0.8,
      stepScale: 1,
      volumeScale: 1,
      takeProfitPct: 0.6,
      maxActiveDeals: 1,
      start: 'immediately',
      strategyId: null,
    },
    risk: { capitalCap: 1000, maxOpenOrders: 10, maxDailyLoss: null },
  };
}

/** Prices that cross the grid's levels and the DCA's safety orders and take-profits several times a minute. */
export function crashWalk(fake: FakeBinance, random: () => number): PriceWalk {
  const btc = Number(fake.price('BTCUSDT'));
  const eth = Number(fake.price('ETHUSDT'));
  return new PriceWalk(
    fake,
    [
      { symbol: 'BTCUSDT', centre: btc, low: btc * 0.975, high: btc * 1.025, stepFraction: 0.004, decimals: 2 },
      { symbol: 'ETHUSDT', centre: eth, low: eth * 0.96, high: eth * 1.02, stepFraction: 0.004, decimals: 2 },
    ],
    random,
  );
}
