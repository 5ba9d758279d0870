/**
 * Bybit v5 private endpoints of a unified trading account (UTA), spot here and USDT linear
 * perpetuals through linear-routes.ts: key info
 * (`/v5/user/query-api`), account info, coin info, wallet balance, order create / cancel /
 * realtime / history and the execution list. Orders go through the shared matching engine;
 * Bybit's own validation (quantity and price decimals, minimum quantity and value) runs first so
 * refusals carry Bybit's codes and words.
 */
import type { ExchangeCore } from '../core';
import { dec, decimalsUsed, div, isMultipleOf, mul, plain, ZERO, type Dec } from '../decimal';
import { BinanceError } from '../errors';
import type { NewOrder } from '../matching';
import type { Market } from '../markets';
import type { KeyRecord, OrderRecord } from '../state';
import { BybitError, bybitErrors, fromEngineError } from './errors';
import { category, intParam, keyOf, marketOf, param, requiredParam, type BybitRequest, type BybitRoute } from './route';
import { executionView, isOpenStatus, bybitStatus, orderView } from './views';
import type { LinearBook } from './linear';
import { linearPrivate } from './linear-routes';

/** Bybit's order lists look back at most this many of an account's orders. */
const RECENT_ORDERS = 500;
const QUOTE_PRECISION = dec('0.00000001');

function queryApiResult(key: KeyRecord, uid: number, unreadable: boolean): Record<string, unknown> {
  const base = {
    id: String(uid * 10 + 1),
    note: 'tradewind-fake',
    apiKey: key.apiKey,
    secret: '',
    type: 1,
    deadlineDay: key.ipWhitelist.length > 0 ? -1 : 90,
    expiredAt: key.ipWhitelist.length > 0 ? '' : new Date(key.createTime + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    createdAt: new Date(key.createTime).toISOString().replace(/\.\d+Z$/, 'Z'),
    unified: 0,
    uta: 1,
    userID: uid,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_DEFAULT',
    kycRegion: '',
  };
  if (unreadable) return base;
  const wallet = ['AccountTransfer', 'SubMemberTransfer', ...(key.rights.withdraw ? ['Withdraw'] : [])];
  return {
    ...base,
    readOnly: key.rights.trade ? 0 : 1,
    permissions: {
      ContractTrade: [],
      Spot: key.rights.trade ? ['SpotTrade'] : [],
      Wallet: wallet,
      Options: [],
      Derivatives: [],
      CopyTrading: [],
      BlockTrade: [],
      Exchange: [],
      NFT: [],
      Affiliate: [],
      Earn: [],
    },
    // Bybit lists "*" for a key that any IP may use.
    ips: key.ipWhitelist.length > 0 ? [...key.ipWhitelist] : ['*'],
  };
}

function walletBalance(core: ExchangeCore, linear: LinearBook, accountId: string, coinFilter: string | undefined): Record<string, unknown> {
  const perps = linear.usage(accountId);
  const account = core.state.accounts.get(accountId);
  const coins = Object.entries(account?.balances ?? {})
    .filter(([coin]) => coinFilter === undefined || coinFilter.split(',').includes(coin))
    .map(([coin, b]) => {
      const total = dec(b.free) + dec(b.locked);
      // The perpetuals settle in USDT: their margins and unrealised PnL show on that coin.
      const settles = coin === 'USDT';
      return {
        coin,
        equity: plain(settles ? total + perps.unrealised : total),
        usdValue: '',
        walletBalance: plain(total),
        free: '',
        locked: plain(dec(b.locked)),
        spotHedgingQty: '0',
        borrowAmount: '0',
        // Deprecated by Bybit for UTA 2.0 and answered empty; ccxt then derives free = total - locked.
        availableToWithdraw: '',
        availableToBorrow: '',
        accruedInterest: '0',
        totalOrderIM: settles ? plain(perps.orderIM) : '0',
        totalPositionIM: settles ? plain(perps.positionIM) : '0',
        totalPositionMM: '0',
        unrealisedPnl: settles ? plain(perps.unrealised) : '0',
        cumRealisedPnl: '0',
        bonus: '0',
        marginCollateral: true,
        collateralSwitch: true,
      };
    });
  return {
    list: [
      {
        accountType: 'UNIFIED',
        accountLTV: '0',
        accountIMRate: '0',
        accountMMRate: '0',
        totalEquity: '',
        totalWalletBalance: '',
        totalMarginBalance: '',
        totalAvailableBalance: '',
        totalPerpUPL: plain(perps.unrealised),
        totalInitialMargin: '0',
        totalMaintenanceMargin: '0',
        coin: coins,
      },
    ],
  };
}

function decimalParam(req: BybitRequest, name: string): Dec | undefined {
  const text = param(req, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,20}(\.\d{1,20})?$/.test(text)) throw bybitErrors.invalidParam(name);
  return dec(text);
}

function spot(req: BybitRequest): void {
  if (category(req) !== 'spot') throw bybitErrors.notSupportedSymbols();
}

const isLinear = (req: BybitRequest) => category(req) === 'linear';

/** Bybit's spot order checks, in the order Bybit applies them, before the engine sees the order. */
function toNewOrder(req: BybitRequest, market: Market, lastPrice: Dec): NewOrder {
  const side = requiredParam(req, 'side');
  if (side !== 'Buy' && side !== 'Sell') throw bybitErrors.invalidSide();
  const orderType = requiredParam(req, 'orderType');
  if (orderType !== 'Limit' && orderType !== 'Market') throw bybitErrors.invalidOrderType();
  const orderFilter = param(req, 'orderFilter') ?? 'Order';
  // Conditional (StopOrder) and TP/SL spot orders are not modelled by this fake.
  if (orderFilter !== 'Order') throw bybitErrors.invalidParam('orderFilter');
  const tif = param(req, 'timeInForce') ?? (orderType === 'Market' ? 'IOC' : 'GTC');
  if (!['GTC', 'IOC', 'FOK', 'PostOnly'].includes(tif)) throw bybitErrors.invalidTimeInForce();
  const qty = decimalParam(req, 'qty');
  if (qty === undefined || qty <= ZERO) throw bybitErrors.emptyParam('qty');
  const clientOrderId = param(req, 'orderLinkId');
  if (clientOrderId !== undefined && !/^[A-Za-z0-9_-]{1,36}$/.test(clientOrderId)) throw bybitErrors.invalidParam('orderLinkId');
  const common = {
    symbol: market.symbol,
    side: side === 'Buy' ? ('BUY' as const) : ('SELL' as const),
    // Bybit leaves `orderLinkId` "" on an order placed without one.
    newClientOrderId: clientOrderId ?? '',
  };

  if (orderType === 'Market') {
    // A market buy is sized in quote coin unless marketUnit says baseCoin; a market sell in base coin.
    const unit = param(req, 'marketUnit') ?? (side === 'Buy' ? 'quoteCoin' : 'baseCoin');
    if (unit !== 'quoteCoin' && unit !== 'baseCoin') throw bybitErrors.invalidParam('marketUnit');
    if (unit === 'quoteCoin') {
      if (!isMultipleOf(qty, QUOTE_PRECISION)) throw bybitErrors.marketAmountDecimals();
      if (qty < market.minNotional) throw bybitErrors.valueTooSmall();
      if (div(qty, lastPrice) > market.marketMaxQty) throw bybitErrors.qtyTooLarge();
      return { ...common, type: 'MARKET', quoteOrderQty: qty };
    }
    checkQty(market, qty);
    if (qty > market.marketMaxQty) throw bybitErrors.qtyTooLarge();
    if (mul(qty, lastPrice) < market.minNotional) throw bybitErrors.valueTooSmall();
    return { ...common, type: 'MARKET', quantity: qty };
  }

  const price = decimalParam(req, 'price');
  if (price === undefined || price <= ZERO) throw bybitErrors.emptyParam('price');
  checkQty(market, qty);
  if (decimalsUsed(price) > decimalsUsed(market.tickSize) || !isMultipleOf(price, market.tickSize)) throw bybitErrors.priceDecimals();
  if (price > market.maxPrice) throw bybitErrors.priceTooHigh();
  if (price < market.minPrice) throw bybitErrors.priceTooLow();
  if (side === 'Buy' && price > lastPrice * 5n)
    throw new BybitError(170193, `Buy order price cannot be higher than ${plain(lastPrice * 5n)}.`);
  if (mul(qty, price) < market.minNotional) throw bybitErrors.valueTooSmall();
  const type = tif === 'PostOnly' ? 'LIMIT_MAKER' : 'LIMIT';
  return { ...common, type, price, quantity: qty, ...(type === 'LIMIT' ? { timeInForce: tif as 'GTC' | 'IOC' | 'FOK' } : {}) };
}

function checkQty(market: Market, qty: Dec): void {
  if (!isMultipleOf(qty, market.stepSize)) throw bybitErrors.qtyDecimals();
  if (qty < market.minQty) throw bybitErrors.qtyTooSmall();
  if (qty > market.maxQty) throw bybitErrors.qtyTooLarge();
}

/** The account's orders, newest first, limited to Bybit's look-back. */
function recentOrders(core: ExchangeCore, account: string): OrderRecord[] {
  const mine = core.state.orders.filter((o) => o.account === account);
  return mine.slice(Math.max(0, mine.length - RECENT_ORDERS)).reverse();
}

function findOrder(core: ExchangeCore, req: BybitRequest, account: string): OrderRecord | undefined {
  const orderId = param(req, 'orderId');
  const linkId = param(req, 'orderLinkId');
  const symbol = param(req, 'symbol');
  return recentOrders(core, account).find(
    (o) =>
      (symbol === undefined || o.symbol === symbol) &&
      (orderId !== undefined ? String(o.orderId) === orderId : linkId !== undefined && o.clientOrderId === linkId),
  );
}

function listLimit(req: BybitRequest, fallback: number, ceiling: number): number {
  const limit = intParam(req, 'limit') ?? fallback;
  if (limit < 1 || limit > ceiling) throw bybitErrors.paramError(`limit must be between 1 and ${ceiling}`);
  return limit;
}

function orderFilter(req: BybitRequest): (o: OrderRecord) => boolean {
  const symbol = param(req, 'symbol');
  const orderId = param(req, 'orderId');
  const linkId = param(req, 'orderLinkId');
  const status = param(req, 'orderStatus');
  const start = intParam(req, 'startTime');
  const end = intParam(req, 'endTime');
  return (o) =>
    (symbol === undefined || o.symbol === symbol) &&
    (orderId === undefined || String(o.orderId) === orderId) &&
    (linkId === undefined || o.clientOrderId === linkId) &&
    (status === undefined || bybitStatus(o) === status) &&
    (start === undefined || o.updateTime >= start) &&
    (end === undefined || o.updateTime <= end);
}

function withEngineErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof BinanceError) throw fromEngineError(error);
    throw error;
  }
}

export const privateRoutes: BybitRoute[] = [
  {
    method: 'GET',
    path: '/v5/user/query-api',
    security: 'READ',
    handle(req, core, extras) {
      const key = keyOf(req);
      return queryApiResult(key, core.state.account(key.account, req.now).uid, extras.unreadableKeys.has(key.apiKey));
    },
  },
  {
    method: 'GET',
    path: '/v5/account/info',
    security: 'READ',
    handle: (req) => ({
      marginMode: 'REGULAR_MARGIN',
      updatedTime: String(req.now),
      unifiedMarginStatus: 5,
      dcpStatus: 'OFF',
      timeWindow: 10,
      smpGroup: 0,
      isMasterTrader: false,
      spotHedgingStatus: 'OFF',
    }),
  },
  {
    method: 'GET',
    path: '/v5/asset/coin/query-info',
    security: 'READ',
    handle(req, core) {
      const wanted = param(req, 'coin');
      const coins = [...new Set([...core.markets.values()].flatMap((m) => [m.base, m.quote]))].filter(
        (c) => wanted === undefined || c === wanted,
      );
      return {
        rows: coins.map((coin) => ({
          name: coin,
          coin,
          remainAmount: '1000000',
          chains: [
            {
              chainType: coin,
              confirmation: '12',
              withdrawFee: '0',
              depositMin: '0',
              withdrawMin: '0',
              chain: coin,
              chainDeposit: '1',
              chainWithdraw: '1',
              minAccuracy: '8',
              withdrawPercentageFee: '0',
              contractAddress: '',
            },
          ],
        })),
      };
    },
  },
  {
    method: 'GET',
    path: '/v5/account/wallet-balance',
    security: 'READ',
    handle(req, core, extras) {
      const accountType = requiredParam(req, 'accountType');
      if (accountType !== 'UNIFIED') throw bybitErrors.paramError('accountType only support UNIFIED.');
      return walletBalance(core, extras.linear, keyOf(req).account, param(req, 'coin'));
    },
  },
  {
    method: 'POST',
    path: '/v5/order/create',
    security: 'TRADE',
    handle(req, core, extras) {
      if (isLinear(req)) return linearPrivate.create(req, extras.linear);
      spot(req);
      const key = keyOf(req);
      const market = core.markets.get(requiredParam(req, 'symbol').toUpperCase());
      if (!market) throw bybitErrors.invalidSymbol();
      const order = withEngineErrors(() => toNewOrder(req, market, core.engine.lastPrice(market.symbol)));
      // Bybit refuses any orderLinkId the account already used, open or not.
      if (
        order.newClientOrderId !== undefined &&
        order.newClientOrderId !== '' &&
        core.state.orders.some((o) => o.account === key.account && o.clientOrderId === order.newClientOrderId)
      ) {
        throw bybitErrors.duplicateClientId();
      }
      const placed = withEngineErrors(() => core.engine.placeOrder(key.account, order, req.now));
      return { orderId: String(placed.order.orderId), orderLinkId: placed.order.clientOrderId };
    },
  },
  {
    method: 'POST',
    path: '/v5/order/cancel',
    security: 'TRADE',
    handle(req, core, extras) {
      if (isLinear(req)) return linearPrivate.cancel(req, extras.linear);
      spot(req);
      const key = keyOf(req);
      marketOf(core, requiredParam(req, 'symbol'));
      if (param(req, 'orderId') === undefined && param(req, 'orderLinkId') === undefined) throw bybitErrors.emptyParam('orderId');
      const order = findOrder(core, req, key.account);
      if (!order || !isOpenStatus(bybitStatus(order))) throw bybitErrors.orderNotExists();
      withEngineErrors(() => core.engine.cancelOrder(order, req.now));
      return { orderId: String(order.orderId), orderLinkId: order.clientOrderId };
    },
  },
  {
    method: 'GET',
    path: '/v5/order/realtime',
    security: 'READ',
    handle(req, core, extras) {
      if (isLinear(req)) return linearPrivate.orders(req, extras.linear, 'realtime');
      spot(req);
      const key = keyOf(req);
      const limit = listLimit(req, 20, 50);
      const byId = param(req, 'orderId') !== undefined || param(req, 'orderLinkId') !== undefined;
      const openOnly = param(req, 'openOnly') ?? '0';
      const matches = orderFilter(req);
      // By id: open or recently closed; otherwise open orders (openOnly=0) or recently closed ones (openOnly=1).
      const list = recentOrders(core, key.account)
        .filter((o) => matches(o) && (byId || (openOnly === '1' ? !isOpenStatus(bybitStatus(o)) : isOpenStatus(bybitStatus(o)))))
        .slice(0, limit)
        .map((o) => orderView(core.state, o));
      return { category: 'spot', list, nextPageCursor: '' };
    },
  },
  {
    method: 'GET',
    path: '/v5/order/history',
    security: 'READ',
    handle(req, core, extras) {
      if (isLinear(req)) return linearPrivate.orders(req, extras.linear, 'history');
      spot(req);
      const key = keyOf(req);
      const limit = listLimit(req, 20, 50);
      const matches = orderFilter(req);
      const list = recentOrders(core, key.account)
        .filter((o) => matches(o) && !isOpenStatus(bybitStatus(o)))
        .slice(0, limit)
        .map((o) => orderView(core.state, o));
      return { category: 'spot', list, nextPageCursor: '' };
    },
  },
  {
    method: 'GET',
    path: '/v5/execution/list',
    security: 'READ',
    handle(req, core, extras) {
      if (isLinear(req)) return linearPrivate.executions(req, extras.linear);
      spot(req);
      const key = keyOf(req);
      const limit = listLimit(req, 50, 100);
      const symbol = param(req, 'symbol');
      const orderId = param(req, 'orderId');
      const linkId = param(req, 'orderLinkId');
      const [start, end] = executionWindow(intParam(req, 'startTime'), intParam(req, 'endTime'), req.now);
      const after = cursorOf(param(req, 'cursor'));
      const ordersById = new Map(core.state.orders.filter((o) => o.account === key.account).map((o) => [o.orderId, o]));
      // Newest first; a cursor continues below the last execution of the page before.
      const matching = core.state.trades
        .filter(
          (t) =>
            t.account === key.account &&
            (symbol === undefined || t.symbol === symbol) &&
            (orderId === undefined || String(t.orderId) === orderId) &&
            (linkId === undefined || ordersById.get(t.orderId)?.clientOrderId === linkId) &&
            t.time >= start &&
            t.time <= end &&
            (after === undefined || t.id < after),
        )
        .reverse();
      const page = matching.slice(0, limit);
      const list = page.map((t) => executionView(ordersById.get(t.orderId), t, t.isMaker ? extras.feeRates.maker : extras.feeRates.taker));
      const last = page[page.length - 1];
      return { category: 'spot', list, nextPageCursor: matching.length > limit && last ? pageCursor(last.id) : '' };
    },
  },
];

/** Bybit's execution list spans at most 7 days (docs: "endTime - startTime <= 7 days"). */
const EXECUTION_SPAN_MS = 7 * 86_400_000;

/**
 * The time range Bybit reads executions in: neither bound → the last 7 days; startTime only →
 * 7 days from it; endTime only → the 7 days before it; both → at most 7 days apart.
 */
function executionWindow(start: number | undefined, end: number | undefined, now: number): [number, number] {
  if (start !== undefined && end !== undefined) {
    if (end < start) throw bybitErrors.paramError('endTime must not be earlier than startTime');
    if (end - start > EXECUTION_SPAN_MS) throw bybitErrors.paramError('The time range between startTime and endTime cannot exceed 7 days');
    return [start, end];
  }
  if (start !== undefined) return [start, start + EXECUTION_SPAN_MS];
  if (end !== undefined) return [end - EXECUTION_SPAN_MS, end];
  return [now - EXECUTION_SPAN_MS, now];
}

/** An opaque-looking cursor in Bybit's style (`132766%3A2%2C132766%3A2` once encoded) naming the page's last execution. */
const pageCursor = (tradeId: number) => `${tradeId}:1,${tradeId}:1`;

function cursorOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^(\d+):1,\1:1$/.exec(cursor);
  if (!match) throw bybitErrors.paramError('cursor invalid');
  return Number(match[1]);
}
