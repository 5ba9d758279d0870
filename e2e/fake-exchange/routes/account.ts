/**
 * Account endpoints: balances (GET /api/v3/account), commission rates and the key's own
 * restrictions (GET /sapi/v1/account/apiRestrictions), which the app uses to probe permissions.
 */
import { keyOf, type ExchangeCore, type Route } from '../core';
import { dec, fmt, ZERO } from '../decimal';
import { requireMarket } from '../params';

function rate(core: ExchangeCore, which: 'maker' | 'taker'): string {
  return fmt(core.fees[which]);
}

/** Binance's legacy integer commission fields are in basis points. */
function bps(core: ExchangeCore, which: 'maker' | 'taker'): number {
  return Number(fmt(core.fees[which] * 10000n, 0));
}

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v3/account',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const key = keyOf(ctx);
      const account = core.state.account(key.account, ctx.now);
      const omitZero = ctx.params.get('omitZeroBalances') === 'true';
      const balances = Object.entries(account.balances)
        .map(([asset, b]) => ({ asset, free: fmt(dec(b.free)), locked: fmt(dec(b.locked)) }))
        .filter((b) => !omitZero || dec(b.free) !== ZERO || dec(b.locked) !== ZERO)
        .sort((a, b) => a.asset.localeCompare(b.asset));
      return {
        makerCommission: bps(core, 'maker'),
        takerCommission: bps(core, 'taker'),
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker: rate(core, 'maker'), taker: rate(core, 'taker'), buyer: '0.00000000', seller: '0.00000000' },
        canTrade: key.rights.trade,
        canWithdraw: key.rights.withdraw,
        canDeposit: true,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: account.updateTime,
        accountType: 'SPOT',
        balances,
        permissions: ['SPOT'],
        uid: account.uid,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v3/account/commission',
    security: 'USER_DATA',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const zero = fmt(ZERO);
      return {
        symbol: market.symbol,
        standardCommission: { maker: rate(core, 'maker'), taker: rate(core, 'taker'), buyer: zero, seller: zero },
        specialCommission: { maker: zero, taker: zero, buyer: zero, seller: zero },
        taxCommission: { maker: zero, taker: zero, buyer: zero, seller: zero },
        discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: 'BNB', discount: '0.75000000' },
      };
    },
  },
  {
    method: 'GET',
    path: '/sapi/v1/account/apiRestrictions',
    security: 'USER_DATA',
    handle: (ctx) => {
      const key = keyOf(ctx);
      return {
        ipRestrict: key.ipWhitelist.length > 0,
        createTime: key.createTime,
        enableReading: key.rights.read,
        enableWithdrawals: key.rights.withdraw,
        enableInternalTransfer: false,
        enableMargin: false,
        enableFutures: false,
        permitsUniversalTransfer: false,
        enableVanillaOptions: false,
        enableFixApiTrade: false,
        enableFixReadOnly: false,
        enableSpotAndMarginTrading: key.rights.trade,
        enablePortfolioMarginTrading: false,
        ...(key.tradingAuthorityExpirationTime !== undefined ? { tradingAuthorityExpirationTime: key.tradingAuthorityExpirationTime } : {}),
      };
    },
  },
];
