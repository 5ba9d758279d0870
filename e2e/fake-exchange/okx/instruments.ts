/**
 * The spot instruments the fake OKX lists, as `GET /api/v5/public/instruments?instType=SPOT`
 * describes them: tickSz (price step), lotSz (size step), minSz (smallest order). Values are
 * OKX's published ones for these pairs (they drift; the shape and magnitudes are what matter).
 *
 * The shared engine is keyed by MarketSpec.symbol, so OKX's instId ('BTC-USDT') is the symbol:
 * tests call `fake.setPrice('BTC-USDT', …)`. OKX spot has no minimum notional, only minSz, so
 * the engine's NOTIONAL check is opened wide here and minSz is enforced before the engine.
 */
import type { MarketSpec } from '../markets';

export interface OkxInstrumentSpec {
  instId: string;
  baseCcy: string;
  quoteCcy: string;
  tickSz: string;
  lotSz: string;
  minSz: string;
  /** Largest market order, in quote for buys (OKX's maxMktSz on spot is a quote amount). */
  maxMktSz: string;
  maxLmtSz: string;
  bookLevelQty: string;
  csv: string;
}

export const OKX_INSTRUMENTS: readonly OkxInstrumentSpec[] = [
  {
    instId: 'BTC-USDT',
    baseCcy: 'BTC',
    quoteCcy: 'USDT',
    tickSz: '0.1',
    lotSz: '0.00000001',
    minSz: '0.00001',
    maxMktSz: '1000000',
    maxLmtSz: '9999999999',
    bookLevelQty: '0.5',
    csv: 'BTC_USDT-5m.csv',
  },
  {
    instId: 'ETH-USDT',
    baseCcy: 'ETH',
    quoteCcy: 'USDT',
    tickSz: '0.01',
    lotSz: '0.000001',
    minSz: '0.001',
    maxMktSz: '1000000',
    maxLmtSz: '9999999999',
    bookLevelQty: '5',
    csv: 'ETH_USDT-5m.csv',
  },
  {
    instId: 'ETH-BTC',
    baseCcy: 'ETH',
    quoteCcy: 'BTC',
    tickSz: '0.00001',
    lotSz: '0.000001',
    minSz: '0.001',
    maxMktSz: '1000000',
    maxLmtSz: '9999999999',
    bookLevelQty: '5',
    csv: 'ETH_BTC-5m.csv',
  },
  {
    instId: 'LTC-BTC',
    baseCcy: 'LTC',
    quoteCcy: 'BTC',
    tickSz: '0.000001',
    lotSz: '0.000001',
    minSz: '0.001',
    maxMktSz: '1000000',
    maxLmtSz: '9999999999',
    bookLevelQty: '20',
    csv: 'LTC_BTC-5m.csv',
  },
];

/** The engine's view of an instrument (Binance-shaped MarketSpec, keyed by instId). */
export function engineSpec(spec: OkxInstrumentSpec): MarketSpec {
  return {
    symbol: spec.instId,
    base: spec.baseCcy,
    quote: spec.quoteCcy,
    tickSize: spec.tickSz,
    minPrice: spec.tickSz,
    maxPrice: '100000000',
    stepSize: spec.lotSz,
    minQty: spec.minSz,
    maxQty: spec.maxLmtSz,
    marketMaxQty: spec.maxLmtSz,
    minNotional: '0',
    maxNotional: '1000000000000',
    bookLevelQty: spec.bookLevelQty,
    csv: spec.csv,
  };
}

/** One entry of /api/v5/public/instruments for SPOT, in OKX's current shape. */
export function instrumentJson(spec: OkxInstrumentSpec): Record<string, string> {
  return {
    alias: '',
    auctionEndTime: '',
    baseCcy: spec.baseCcy,
    category: '1',
    ctMult: '',
    ctType: '',
    ctVal: '',
    ctValCcy: '',
    expTime: '',
    instFamily: '',
    instId: spec.instId,
    instType: 'SPOT',
    lever: '10',
    listTime: '1548133413000',
    lotSz: spec.lotSz,
    maxIcebergSz: spec.maxLmtSz,
    maxLmtAmt: '20000000',
    maxLmtSz: spec.maxLmtSz,
    maxMktAmt: '1000000',
    maxMktSz: spec.maxMktSz,
    maxStopSz: spec.maxMktSz,
    maxTriggerSz: spec.maxLmtSz,
    maxTwapSz: spec.maxLmtSz,
    minSz: spec.minSz,
    optType: '',
    quoteCcy: spec.quoteCcy,
    ruleType: 'normal',
    settleCcy: '',
    state: 'live',
    stk: '',
    tickSz: spec.tickSz,
    uly: '',
  };
}
