/** Bots as core would report them, for the bots feature's tests. */
import type { BotDetail, BotView, CircuitState } from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';

export const CLOSED_CIRCUIT = (accountId: string): CircuitState => ({
  accountId,
  state: 'closed',
  failures: 0,
  until: null,
  lastError: null,
});

export function gridBot(overrides: Partial<BotView> = {}): BotView {
  return {
    id: 'bot-grid',
    name: 'BTC range',
    kind: 'grid',
    accountId: PAPER_ACCOUNT.id,
    accountLabel: PAPER_ACCOUNT.label,
    symbol: 'BTC/USDT',
    timeframe: '5m',
    mode: 'paper',
    config: {
      kind: 'grid',
      lower: 30_000,
      upper: 34_000,
      levels: 5,
      spacing: 'arithmetic',
      investment: 1000,
      stopLoss: null,
      takeProfit: null,
    },
    risk: { capitalCap: 1200, maxOpenOrders: 20, maxDailyLoss: null },
    state: 'stopped',
    stopReason: null,
    stopDetail: null,
    createdAt: 1_700_000_000_000,
    startedAt: null,
    stoppedAt: null,
    realisedPnl: 0,
    unrealisedPnl: null,
    ledgerIssue: null,
    openOrders: 0,
    lastEvent: null,
    circuit: CLOSED_CIRCUIT(PAPER_ACCOUNT.id),
    ...overrides,
  };
}

export function liveDcaBot(overrides: Partial<BotView> = {}): BotView {
  return gridBot({
    id: 'bot-dca',
    name: 'ETH dips',
    kind: 'dca',
    accountId: LIVE_ACCOUNT.id,
    accountLabel: LIVE_ACCOUNT.label,
    symbol: 'ETH/USDT',
    mode: 'live',
    config: {
      kind: 'dca',
      baseOrder: 50,
      safetyOrder: 100,
      safetyOrders: 4,
      priceDeviationPct: 1.5,
      stepScale: 1,
      volumeScale: 1.5,
      takeProfitPct: 1.5,
      maxActiveDeals: 1,
      start: 'immediately',
      strategyId: null,
    },
    risk: { capitalCap: 900, maxOpenOrders: 10, maxDailyLoss: 50 },
    createdAt: 1_700_000_100_000,
    circuit: CLOSED_CIRCUIT(LIVE_ACCOUNT.id),
    ...overrides,
  });
}

export function botOrder(clientOrderId: string, side: 'buy' | 'sell', price: number, overrides: Partial<OrderView> = {}): OrderView {
  return {
    clientOrderId,
    accountId: PAPER_ACCOUNT.id,
    exchangeOrderId: null,
    symbol: 'BTC/USDT',
    side,
    type: 'limit',
    amount: 0.01,
    price,
    stopPrice: null,
    status: 'open',
    filled: 0,
    averagePrice: null,
    cost: 0,
    fees: [],
    origin: 'bot',
    originId: 'bot-grid',
    originRole: null,
    marketAt: null,
    lookups: 0,
    error: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function detailOf(bot: BotView, overrides: Partial<BotDetail> = {}): BotDetail {
  return { bot, levels: [], deals: [], position: { amount: 0, averagePrice: null }, orders: [], fills: [], events: [], ...overrides };
}
