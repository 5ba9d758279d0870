/**
 * The spot markets the fake lists, with Binance's filters.
 *
 * Filter values are representative of Binance spot's published exchangeInfo for these symbols
 * (they drift over the years; what matters for tests is that they have Binance's shape and
 * realistic magnitudes, so precision and min-notional code paths are exercised for real).
 * XRPETH keeps an 8-decimal tick so the bundled 2019 candles lie on the tick grid.
 */
import { dec, type Dec } from './decimal';

export interface MarketSpec {
  symbol: string;
  base: string;
  quote: string;
  tickSize: string;
  minPrice: string;
  maxPrice: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  /** MARKET_LOT_SIZE maxQty: the cap Binance puts on a single market order. */
  marketMaxQty: string;
  minNotional: string;
  maxNotional: string;
  /** Quantity of the first level of the synthetic book (see book.ts); deeper levels grow. */
  bookLevelQty: string;
  /** Replay CSV (5m bars) under assets/data/replay/. */
  csv: string;
}

export interface Market {
  spec: MarketSpec;
  symbol: string;
  base: string;
  quote: string;
  tickSize: Dec;
  minPrice: Dec;
  maxPrice: Dec;
  stepSize: Dec;
  minQty: Dec;
  maxQty: Dec;
  marketMaxQty: Dec;
  minNotional: Dec;
  maxNotional: Dec;
  bookLevelQty: Dec;
}

export const DEFAULT_MARKETS: readonly MarketSpec[] = [
  {
    symbol: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    minPrice: '0.01',
    maxPrice: '1000000',
    stepSize: '0.00001',
    minQty: '0.00001',
    maxQty: '9000',
    marketMaxQty: '120',
    minNotional: '5',
    maxNotional: '9000000',
    bookLevelQty: '0.5',
    csv: 'BTC_USDT-5m.csv',
  },
  {
    symbol: 'ETHUSDT',
    base: 'ETH',
    quote: 'USDT',
    tickSize: '0.01',
    minPrice: '0.01',
    maxPrice: '1000000',
    stepSize: '0.0001',
    minQty: '0.0001',
    maxQty: '9000',
    marketMaxQty: '2500',
    minNotional: '5',
    maxNotional: '9000000',
    bookLevelQty: '5',
    csv: 'ETH_USDT-5m.csv',
  },
  {
    symbol: 'ETHBTC',
    base: 'ETH',
    quote: 'BTC',
    tickSize: '0.00001',
    minPrice: '0.00001',
    maxPrice: '922327',
    stepSize: '0.0001',
    minQty: '0.0001',
    maxQty: '100000',
    marketMaxQty: '2500',
    minNotional: '0.0001',
    maxNotional: '9000000',
    bookLevelQty: '5',
    csv: 'ETH_BTC-5m.csv',
  },
  {
    symbol: 'LTCBTC',
    base: 'LTC',
    quote: 'BTC',
    tickSize: '0.000001',
    minPrice: '0.000001',
    maxPrice: '100000',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '100000',
    marketMaxQty: '10000',
    minNotional: '0.0001',
    maxNotional: '9000000',
    bookLevelQty: '20',
    csv: 'LTC_BTC-5m.csv',
  },
  {
    symbol: 'ADABTC',
    base: 'ADA',
    quote: 'BTC',
    tickSize: '0.00000001',
    minPrice: '0.00000001',
    maxPrice: '1000',
    stepSize: '0.1',
    minQty: '0.1',
    maxQty: '9000000',
    marketMaxQty: '2000000',
    minNotional: '0.0001',
    maxNotional: '9000000',
    bookLevelQty: '5000',
    csv: 'ADA_BTC-5m.csv',
  },
  {
    symbol: 'XRPETH',
    base: 'XRP',
    quote: 'ETH',
    tickSize: '0.00000001',
    minPrice: '0.00000001',
    maxPrice: '1000',
    stepSize: '1',
    minQty: '1',
    maxQty: '9000000',
    marketMaxQty: '1000000',
    minNotional: '0.001',
    maxNotional: '9000000',
    bookLevelQty: '5000',
    csv: 'XRP_ETH-5m.csv',
  },
];

export const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'] as const;

export function toMarket(spec: MarketSpec): Market {
  return {
    spec,
    symbol: spec.symbol,
    base: spec.base,
    quote: spec.quote,
    tickSize: dec(spec.tickSize),
    minPrice: dec(spec.minPrice),
    maxPrice: dec(spec.maxPrice),
    stepSize: dec(spec.stepSize),
    minQty: dec(spec.minQty),
    maxQty: dec(spec.maxQty),
    marketMaxQty: dec(spec.marketMaxQty),
    minNotional: dec(spec.minNotional),
    maxNotional: dec(spec.maxNotional),
    bookLevelQty: dec(spec.bookLevelQty),
  };
}

/** Binance prints filter values with 8 decimals. */
function f8(text: string): string {
  const [int, frac = ''] = text.split('.');
  return `${int}.${frac.padEnd(8, '0')}`;
}

/** One entry of exchangeInfo.symbols, in Binance's current shape. */
export function exchangeInfoSymbol(spec: MarketSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.base,
    baseAssetPrecision: 8,
    quoteAsset: spec.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: [...ORDER_TYPES],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: f8(spec.minPrice), maxPrice: f8(spec.maxPrice), tickSize: f8(spec.tickSize) },
      { filterType: 'LOT_SIZE', minQty: f8(spec.minQty), maxQty: f8(spec.maxQty), stepSize: f8(spec.stepSize) },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: f8(spec.marketMaxQty), stepSize: '0.00000000' },
      {
        filterType: 'TRAILING_DELTA',
        minTrailingAboveDelta: 10,
        maxTrailingAboveDelta: 2000,
        minTrailingBelowDelta: 10,
        maxTrailingBelowDelta: 2000,
      },
      {
        filterType: 'PERCENT_PRICE_BY_SIDE',
        bidMultiplierUp: '5',
        bidMultiplierDown: '0.2',
        askMultiplierUp: '5',
        askMultiplierDown: '0.2',
        avgPriceMins: 5,
      },
      {
        filterType: 'NOTIONAL',
        minNotional: f8(spec.minNotional),
        applyMinToMarket: true,
        maxNotional: f8(spec.maxNotional),
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'],
  };
}

export const RATE_LIMITS = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
];
