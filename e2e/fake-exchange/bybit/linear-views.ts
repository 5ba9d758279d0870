/**
 * Linear perpetuals in Bybit v5's JSON shapes: instruments-info, tickers, orders
 * (`/v5/order/realtime|history`), executions (`/v5/execution/list`) and positions
 * (`/v5/position/list`), numbers as strings as Bybit sends them.
 */
import { dec, div, mul, plain, ZERO } from '../decimal';
import type { Contract, LinearBook, LinearExecution, LinearOrder, LinearPosition } from './linear';

export function linearInstrument(contract: Contract): Record<string, unknown> {
  return {
    symbol: contract.symbol,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: contract.base,
    quoteCoin: 'USDT',
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(plain(contract.tickSize).split('.')[1]?.length ?? 0),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: plain(contract.tickSize), maxPrice: '1999999.80', tickSize: plain(contract.tickSize) },
    lotSizeFilter: {
      maxOrderQty: plain(contract.maxOrderQty),
      minOrderQty: plain(contract.minOrderQty),
      qtyStep: plain(contract.qtyStep),
      postOnlyMaxOrderQty: plain(contract.maxOrderQty),
      maxMktOrderQty: plain(contract.maxMktOrderQty),
      minNotionalValue: plain(contract.minNotional),
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: 'USDT',
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
  };
}

export function linearTicker(book: LinearBook, contract: Contract): Record<string, unknown> {
  const mark = book.markPrice(contract);
  const spot = book.core.state.market(contract.symbol);
  const open = dec(spot.openPrice);
  return {
    symbol: contract.symbol,
    lastPrice: plain(mark),
    indexPrice: plain(mark),
    markPrice: plain(mark),
    prevPrice24h: plain(open),
    price24hPcnt: open === ZERO ? '0' : plain(div(mark - open, open)),
    highPrice24h: plain(dec(spot.highPrice)),
    lowPrice24h: plain(dec(spot.lowPrice)),
    prevPrice1h: plain(open),
    openInterest: '0',
    openInterestValue: '0',
    turnover24h: plain(dec(spot.quoteVolume)),
    volume24h: plain(dec(spot.volume)),
    // The fake settles no funding, so it says the rate is 0.
    fundingRate: '0',
    nextFundingTime: String(Math.ceil(Date.now() / 28_800_000) * 28_800_000),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    ask1Size: '1',
    bid1Price: plain(mark - contract.tickSize),
    ask1Price: plain(mark + contract.tickSize),
    bid1Size: '1',
    basis: '',
  };
}

export function linearOrderView(order: LinearOrder): Record<string, unknown> {
  const open = order.status === 'New';
  const isMarket = order.orderType === 'Market';
  return {
    orderId: order.orderId,
    orderLinkId: order.orderLinkId,
    blockTradeId: '',
    symbol: order.symbol,
    price: plain(order.price),
    qty: plain(order.qty),
    side: order.side,
    isLeverage: '',
    positionIdx: 0,
    orderStatus: order.status,
    cancelType: order.status === 'Cancelled' ? (isMarket || order.timeInForce !== 'GTC' ? 'UNKNOWN' : 'CancelByUser') : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: order.filled > ZERO ? plain(div(order.value, order.filled)) : '',
    leavesQty: plain(open ? order.qty - order.filled : ZERO),
    leavesValue: plain(open ? mul(order.qty - order.filled, order.price) : ZERO),
    cumExecQty: plain(order.filled),
    cumExecValue: plain(order.value),
    cumExecFee: plain(order.fee),
    timeInForce: order.timeInForce,
    orderType: order.orderType,
    stopOrderType: '',
    orderIv: '',
    marketUnit: '',
    triggerPrice: '',
    takeProfit: '',
    stopLoss: '',
    tpslMode: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: '',
    reduceOnly: order.reduceOnly,
    closeOnTrigger: false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(order.created),
    updatedTime: String(order.updated),
  };
}

export function linearExecutionView(order: LinearOrder | undefined, e: LinearExecution): Record<string, unknown> {
  return {
    symbol: e.symbol,
    orderId: e.orderId,
    orderLinkId: order?.orderLinkId ?? '',
    side: e.side,
    orderPrice: order ? plain(order.price) : '0',
    orderQty: order ? plain(order.qty) : plain(e.qty),
    leavesQty: order ? plain(order.qty - order.filled) : '0',
    createType: order?.reduceOnly ? 'CreateByClosing' : 'CreateByUser',
    orderType: order?.orderType ?? 'Market',
    stopOrderType: '',
    execFee: plain(e.fee),
    execId: e.execId,
    execPrice: plain(e.price),
    execQty: plain(e.qty),
    execType: 'Trade',
    execValue: plain(mul(e.price, e.qty)),
    execTime: String(e.time),
    feeCurrency: '',
    isMaker: e.isMaker,
    feeRate: e.feeRate,
    tradeIv: '',
    markIv: '',
    markPrice: plain(e.price),
    indexPrice: '',
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: plain(e.closedSize),
    seq: e.seq,
    extraFees: '',
  };
}

/** `positionIdx` 1 or 2: an (empty) hedge-mode leg; the fake trades one-way positions only. */
export function linearPositionView(
  book: LinearBook,
  contract: Contract,
  p: LinearPosition,
  positionIdx: 0 | 1 | 2 = 0,
): Record<string, unknown> {
  const size = p.size < ZERO ? -p.size : p.size;
  const im = book.positionIM(p);
  return {
    positionIdx,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: contract.symbol,
    side: positionIdx === 1 ? 'Buy' : positionIdx === 2 ? 'Sell' : p.size > ZERO ? 'Buy' : p.size < ZERO ? 'Sell' : '',
    size: plain(size),
    avgPrice: plain(p.avgPrice),
    positionValue: plain(mul(size, p.avgPrice)),
    tradeMode: 0,
    autoAddMargin: 0,
    positionStatus: 'Normal',
    leverage: p.leverage,
    markPrice: plain(book.markPrice(contract)),
    // No liquidation is modelled by the fake: Bybit answers empty where no price applies.
    liqPrice: '',
    bustPrice: '',
    positionIM: plain(im),
    positionMM: plain(mul(mul(size, p.avgPrice), dec('0.005'))),
    positionBalance: plain(im),
    takeProfit: '0.00',
    stopLoss: '0.00',
    trailingStop: '0.00',
    sessionAvgPrice: '',
    delta: '',
    gamma: '',
    vega: '',
    theta: '',
    unrealisedPnl: plain(book.unrealised(contract, p)),
    curRealisedPnl: plain(p.realised),
    cumRealisedPnl: plain(p.realised),
    adlRankIndicator: size > ZERO ? 2 : 0,
    createdTime: String(p.created),
    updatedTime: String(p.updated),
    seq: p.seq,
    isReduceOnly: false,
    mmrSysUpdatedTime: '',
    leverageSysUpdatedTime: '',
  };
}
