/**
 * OKX v5 private REST: account (balance, config with the key's `perm`), asset/currencies (which
 * ccxt's loadMarkets calls when it holds a key), and spot trading on the shared matching engine
 * (place one or a batch, look up, cancel, pending, history, fills).
 */
import type { ExchangeCore } from '../core';
import { dec, isDecimalParam, isMultipleOf, ZERO, type Dec } from '../decimal';
import type { NewOrder } from '../matching';
import type { OrderRecord, OrderType, Side, TimeInForce } from '../state';
import { okxKeyOf, OkxReply, type OkxContext, type OkxRoute } from './context';
import { fromEngineError, okxErrors, okxOrderErrors, OkxOrderError } from './errors';
import type { OkxInstrumentSpec } from './instruments';
import { instrumentOf } from './routes-public';
import { balanceDetail, billIdOf, fillJson, orderJson, okxState } from './views';

/** OKX's clOrdId grammar: case-sensitive letters and digits, 1 to 32 of them. */
export const OKX_CLIENT_ID = /^[A-Za-z0-9]{1,32}$/;

const NETWORKS: Record<string, string> = { BTC: 'Bitcoin', USDT: 'TRC20', ETH: 'ERC20', LTC: 'Litecoin' };

type Body = Record<string, unknown>;

function field(body: Body, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asObject(value: unknown): Body {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
}

const ORD_TYPES: Record<string, { type: OrderType; timeInForce?: TimeInForce }> = {
  market: { type: 'MARKET' },
  limit: { type: 'LIMIT', timeInForce: 'GTC' },
  post_only: { type: 'LIMIT_MAKER' },
  ioc: { type: 'LIMIT', timeInForce: 'IOC' },
  fok: { type: 'LIMIT', timeInForce: 'FOK' },
};

function decimalField(body: Body, name: string): Dec {
  const text = field(body, name);
  if (text === undefined || !isDecimalParam(text) || dec(text) <= ZERO) throw okxOrderErrors.param(name);
  return dec(text);
}

/** Checks one order request the way OKX does, before the engine sees it. */
function toNewOrder(body: Body, instruments: readonly OkxInstrumentSpec[]): { order: NewOrder; spec: OkxInstrumentSpec } {
  const instId = field(body, 'instId');
  const spec = instruments.find((i) => i.instId === instId);
  if (!spec) throw okxOrderErrors.unknownInstrument();
  if (field(body, 'tdMode') !== 'cash') throw okxOrderErrors.param('tdMode');
  const sideText = field(body, 'side');
  if (sideText !== 'buy' && sideText !== 'sell') throw okxOrderErrors.param('side');
  const side: Side = sideText === 'buy' ? 'BUY' : 'SELL';
  const ordType = ORD_TYPES[field(body, 'ordType') ?? ''];
  if (!ordType) throw okxOrderErrors.param('ordType');
  const clOrdId = field(body, 'clOrdId');
  if (clOrdId !== undefined && !OKX_CLIENT_ID.test(clOrdId)) throw okxOrderErrors.param('clOrdId');
  const sz = decimalField(body, 'sz');
  const tgtCcy = field(body, 'tgtCcy') ?? 'base_ccy';
  if (tgtCcy !== 'base_ccy' && tgtCcy !== 'quote_ccy') throw okxOrderErrors.param('tgtCcy');
  const quoteSized = ordType.type === 'MARKET' && side === 'BUY' && tgtCcy === 'quote_ccy';
  if (tgtCcy === 'quote_ccy' && !quoteSized) throw okxOrderErrors.param('tgtCcy');

  const order: NewOrder = {
    symbol: spec.instId,
    side,
    type: ordType.type,
    ...(ordType.timeInForce ? { timeInForce: ordType.timeInForce } : {}),
    ...(clOrdId !== undefined ? { newClientOrderId: clOrdId } : {}),
  };
  if (quoteSized) order.quoteOrderQty = sz;
  else {
    if (sz < dec(spec.minSz)) throw okxOrderErrors.belowMinimum(spec.minSz, spec.baseCcy);
    if (!isMultipleOf(sz, dec(spec.lotSz))) throw okxOrderErrors.lotSize();
    order.quantity = sz;
  }
  if (ordType.type !== 'MARKET') {
    const px = decimalField(body, 'px');
    if (!isMultipleOf(px, dec(spec.tickSz))) throw okxOrderErrors.param('px');
    order.price = px;
  }
  return { order, spec };
}

interface Outcome {
  clOrdId: string;
  ordId: string;
  tag: string;
  ts: string;
  sCode: string;
  sMsg: string;
}

function place(ctx: OkxContext, core: ExchangeCore, instruments: readonly OkxInstrumentSpec[], raw: unknown): Outcome {
  const body = asObject(raw);
  const base = { clOrdId: field(body, 'clOrdId') ?? '', tag: field(body, 'tag') ?? '', ts: String(ctx.now) };
  let payCcy = '';
  try {
    const { order, spec } = toNewOrder(body, instruments);
    payCcy = order.side === 'BUY' ? spec.quoteCcy : spec.baseCcy;
    const placed = core.engine.placeOrder(okxKeyOf(ctx).account, order, ctx.now);
    return { ...base, ordId: String(placed.order.orderId), sCode: '0', sMsg: 'Order placed' };
  } catch (error) {
    const refusal = error instanceof OkxOrderError ? error : fromEngineError(error, payCcy);
    return { ...base, ordId: '', sCode: refusal.sCode, sMsg: refusal.sMsg };
  }
}

/** One reply for a batch: code 0 all placed, 1 none placed, 2 some placed (OKX's convention). */
function batchReply(outcomes: Outcome[]): unknown {
  const failed = outcomes.filter((o) => o.sCode !== '0').length;
  if (failed === 0) return outcomes;
  if (failed === outcomes.length) return new OkxReply('1', 'All operations failed', outcomes);
  return new OkxReply('2', 'Bulk operation partially succeeded', outcomes);
}

function findOrder(ctx: OkxContext, core: ExchangeCore, instId: string, source: Body | URLSearchParams): OrderRecord | undefined {
  const get = (name: string) => (source instanceof URLSearchParams ? source.get(name) || undefined : field(source, name));
  const account = okxKeyOf(ctx).account;
  const ordId = get('ordId');
  const clOrdId = get('clOrdId');
  if (ordId === undefined && clOrdId === undefined) throw new OkxOrderError('51003', 'Either client order ID or order ID is required.');
  if (ordId !== undefined) {
    if (!/^\d+$/.test(ordId)) return undefined;
    return core.state.orderById(account, instId, Number(ordId));
  }
  return core.state.orderByClientId(account, instId, clOrdId as string);
}

function listOrders(ctx: OkxContext, core: ExchangeCore, instruments: readonly OkxInstrumentSpec[], open: boolean): unknown[] {
  const instType = ctx.query.get('instType');
  if (!open && (instType === null || instType === '')) throw okxErrors.emptyParam('instType');
  if (instType && instType !== 'SPOT') return [];
  const instId = ctx.query.get('instId') || undefined;
  if (instId !== undefined && !instruments.some((i) => i.instId === instId)) throw okxErrors.unknownInstrument();
  const state = ctx.query.get('state') || undefined;
  const account = okxKeyOf(ctx).account;
  const limit = Math.min(Number(ctx.query.get('limit') || '100'), 100);
  return core.state.orders
    .filter((o) => o.account === account && (instId === undefined || o.symbol === instId))
    .filter((o) => (open ? o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' : o.status !== 'NEW' && o.status !== 'PARTIALLY_FILLED'))
    .filter((o) => state === undefined || okxState(o) === state)
    .reverse()
    .slice(0, limit)
    .map((o) => orderJson(core, o));
}

/** How far back each fills endpoint reaches (OKX: `fills` the last 3 days, `fills-history` the last 3 months). */
const FILLS_REACH_MS = { recent: 3 * 86_400_000, history: 92 * 86_400_000 } as const;

function billParam(ctx: OkxContext, name: string): number | undefined {
  const text = ctx.query.get(name) || undefined;
  if (text === undefined) return undefined;
  if (!/^\d{1,20}$/.test(text)) throw okxErrors.paramError(name);
  return Number(text);
}

function timeParam(ctx: OkxContext, name: string): number | undefined {
  const text = ctx.query.get(name) || undefined;
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text)) throw okxErrors.paramError(name);
  return Number(text);
}

/**
 * The account's fills, newest first, 100 at most a page: `begin`/`end` bound their time, `after`
 * reads those older than a bill id (the next page down), `before` those newer than one.
 */
function fills(ctx: OkxContext, core: ExchangeCore, reach: keyof typeof FILLS_REACH_MS): unknown[] {
  const instType = ctx.query.get('instType') || undefined;
  if (reach === 'history' && instType === undefined) throw okxErrors.emptyParam('instType');
  if (instType !== undefined && instType !== 'SPOT') return [];
  const account = okxKeyOf(ctx).account;
  const instId = ctx.query.get('instId') || undefined;
  const ordId = ctx.query.get('ordId') || undefined;
  const limitText = ctx.query.get('limit') || '100';
  if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100) throw okxErrors.paramError('limit');
  const limit = Number(limitText);
  const begin = Math.max(timeParam(ctx, 'begin') ?? 0, ctx.now - FILLS_REACH_MS[reach]);
  const end = timeParam(ctx, 'end');
  const after = billParam(ctx, 'after');
  const before = billParam(ctx, 'before');
  const matching = core.state.trades.filter(
    (t) =>
      t.account === account &&
      (instId === undefined || t.symbol === instId) &&
      (ordId === undefined || String(t.orderId) === ordId) &&
      t.time >= begin &&
      (end === undefined || t.time <= end) &&
      (after === undefined || billIdOf(t) < after) &&
      (before === undefined || billIdOf(t) > before),
  );
  // `before` pages upward: the page nearest the bill id, still listed newest first.
  const page = before !== undefined && after === undefined ? matching.slice(0, limit) : matching.slice(-limit);
  return page.reverse().map((t) => fillJson(core, t));
}

export function privateRoutes(instruments: readonly OkxInstrumentSpec[]): OkxRoute[] {
  const currencies = [...new Set(instruments.flatMap((i) => [i.baseCcy, i.quoteCcy]))];
  return [
    {
      method: 'GET',
      path: '/api/v5/account/balance',
      security: 'USER_DATA',
      handle(ctx, core) {
        const account = core.state.accounts.get(okxKeyOf(ctx).account);
        const wanted = ctx.query.get('ccy')?.split(',').filter(Boolean);
        const details = Object.entries(account?.balances ?? {})
          .filter(([ccy]) => !wanted || wanted.includes(ccy))
          .map(([ccy, b]) => ({ ccy, free: dec(b.free), locked: dec(b.locked) }))
          .filter((b) => b.free + b.locked > ZERO)
          .map((b) => balanceDetail(b.ccy, b.free, b.locked, account?.updateTime ?? ctx.now));
        return [
          {
            adjEq: '',
            borrowFroz: '',
            details,
            imr: '',
            isoEq: '0',
            mgnRatio: '',
            mmr: '',
            notionalUsd: '',
            ordFroz: '',
            totalEq: '',
            uTime: String(account?.updateTime ?? ctx.now),
            upl: '',
          },
        ];
      },
    },
    {
      method: 'GET',
      path: '/api/v5/account/config',
      security: 'USER_DATA',
      handle(ctx, core) {
        const key = okxKeyOf(ctx);
        const uid = String(core.state.account(key.account, ctx.now).uid);
        const perm = ['read_only', ...(key.rights.withdraw ? ['withdraw'] : []), ...(key.rights.trade ? ['trade'] : [])].join(',');
        return [
          {
            acctLv: '1',
            acctStpMode: 'cancel_maker',
            autoLoan: false,
            ctIsoMode: 'automatic',
            enableSpotBorrow: false,
            greeksType: 'PA',
            feeType: '0',
            ip: key.ipWhitelist.join(','),
            type: '0',
            kycLv: '2',
            label: 'tradewind-test',
            level: 'Lv1',
            levelTmp: '',
            liquidationGear: '-1',
            mainUid: uid,
            mgnIsoMode: 'automatic',
            opAuth: '0',
            ...(key.rightsUnreadable ? {} : { perm }),
            posMode: 'net_mode',
            roleType: '0',
            spotBorrowAutoRepay: false,
            spotOffsetType: '',
            spotRoleType: '0',
            spotTraderInsts: [],
            traderInsts: [],
            uid,
            settleCcy: 'USDT',
            settleCcyList: ['USD', 'USDC', 'USDG'],
          },
        ];
      },
    },
    {
      method: 'GET',
      path: '/api/v5/asset/currencies',
      security: 'USER_DATA',
      handle(ctx) {
        const wanted = ctx.query.get('ccy')?.split(',').filter(Boolean);
        return currencies
          .filter((ccy) => !wanted || wanted.includes(ccy))
          .map((ccy) => ({
            ccy,
            chain: `${ccy}-${NETWORKS[ccy] ?? ccy}`,
            name: ccy,
            logoLink: '',
            canDep: true,
            canWd: true,
            canInternal: true,
            mainNet: true,
            needTag: false,
            minDep: '0.00000001',
            minWd: '0.001',
            maxWd: '1000000',
            wdTickSz: '8',
            wdQuota: '10000000',
            usedWdQuota: '0',
            minFee: '0.0001',
            maxFee: '0.0002',
            fee: '0.0001',
            minDepArrivalConfirm: '1',
            minWdUnlockConfirm: '2',
            depQuotaFixed: '',
            usedDepQuotaFixed: '',
          }));
      },
    },
    {
      method: 'POST',
      path: '/api/v5/trade/order',
      security: 'TRADE',
      handle: (ctx, core) => batchReply([place(ctx, core, instruments, ctx.body)]),
    },
    {
      method: 'POST',
      path: '/api/v5/trade/batch-orders',
      security: 'TRADE',
      handle(ctx, core) {
        if (!Array.isArray(ctx.body) || ctx.body.length === 0 || ctx.body.length > 20) throw okxErrors.paramError('body');
        return batchReply(ctx.body.map((entry) => place(ctx, core, instruments, entry)));
      },
    },
    {
      method: 'GET',
      path: '/api/v5/trade/order',
      security: 'USER_DATA',
      handle(ctx, core) {
        const spec = instrumentOf(ctx, instruments);
        const order = findOrder(ctx, core, spec.instId, ctx.query);
        if (!order) throw okxErrors.orderNotFound();
        return [orderJson(core, order)];
      },
    },
    {
      method: 'POST',
      path: '/api/v5/trade/cancel-order',
      security: 'TRADE',
      handle(ctx, core) {
        const body = asObject(ctx.body);
        const instId = field(body, 'instId');
        const base = { clOrdId: field(body, 'clOrdId') ?? '', ordId: field(body, 'ordId') ?? '', ts: String(ctx.now) };
        try {
          if (!instruments.some((i) => i.instId === instId)) throw okxOrderErrors.unknownInstrument();
          const order = findOrder(ctx, core, instId as string, body);
          if (!order) throw okxOrderErrors.cancelNotFound();
          try {
            core.engine.cancelOrder(order, ctx.now);
          } catch (error) {
            throw fromEngineError(error, '');
          }
          return [{ ...base, clOrdId: order.clientOrderId, ordId: String(order.orderId), sCode: '0', sMsg: '' }];
        } catch (error) {
          if (!(error instanceof OkxOrderError)) throw error;
          return new OkxReply('1', 'All operations failed', [{ ...base, sCode: error.sCode, sMsg: error.sMsg }]);
        }
      },
    },
    {
      method: 'GET',
      path: '/api/v5/trade/orders-pending',
      security: 'USER_DATA',
      handle: (ctx, core) => listOrders(ctx, core, instruments, true),
    },
    {
      method: 'GET',
      path: '/api/v5/trade/orders-history',
      security: 'USER_DATA',
      handle: (ctx, core) => listOrders(ctx, core, instruments, false),
    },
    {
      method: 'GET',
      path: '/api/v5/trade/orders-history-archive',
      security: 'USER_DATA',
      handle: (ctx, core) => listOrders(ctx, core, instruments, false),
    },
    { method: 'GET', path: '/api/v5/trade/fills', security: 'USER_DATA', handle: (ctx, core) => fills(ctx, core, 'recent') },
    { method: 'GET', path: '/api/v5/trade/fills-history', security: 'USER_DATA', handle: (ctx, core) => fills(ctx, core, 'history') },
  ];
}
