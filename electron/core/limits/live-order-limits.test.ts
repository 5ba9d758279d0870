/**
 * Bracket exits on a live account: exempt from the notional limits (they only close a checked
 * entry), but an exit LIMIT still gets the one-sided price band, since a target dragged to a
 * marketable price would fill at once far from the market. Stops and market exits stay exempt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import { openDatabase } from '../db/connection';
import type { MarketRules, OrderVenue } from '../exchange/venue';
import type { NewIntent } from '../orders/orders-repo';
import { CLOSE_ROLE, targetRole } from '../orders/origin-roles';
import { makeTempDir } from '../test-support/temp-dir';
import { LimitsRepo } from './limits-repo';
import { LiveOrderLimits } from './live-order-limits';

const RULES: MarketRules = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  amountStep: null,
  priceStep: null,
  minAmount: null,
  minCost: null,
  maxAmount: null,
  makerFee: 0.001,
  takerFee: 0.001,
  feeSide: 'get',
  stopMarket: true,
  stopLimit: true,
};
// Only what the limits read: the market's rules and its last price (30,000).
const venue = {
  kind: 'live',
  exchangeName: 'Binance',
  rules: async () => RULES,
  quote: async () => ({ last: 30_000, bid: null, ask: null }),
} as unknown as OrderVenue;

const exit = (over: Partial<NewIntent>): NewIntent => ({
  accountId: 'acc-1',
  symbol: 'BTC/USDT',
  side: 'sell',
  type: 'limit',
  amount: 1, // 30,000 USD: far over the default 1,000 USD per order
  price: 31_000,
  stopPrice: null,
  origin: 'bracket',
  originId: 'bracket-1',
  originRole: targetRole(0),
  ...over,
});

let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => temp?.cleanup());

function limits(): { limits: LiveOrderLimits; audit: AuditLog } {
  temp = makeTempDir();
  const db = openDatabase(temp.dir);
  const audit = new AuditLog(db);
  return { limits: new LiveOrderLimits(new LimitsRepo(db), audit), audit };
}

describe('live order limits on bracket exits', () => {
  it('lets a resting take-profit of any size through the notional limits', async () => {
    expect(await limits().limits.check(venue, exit({}), 'Live')).toBeNull();
  });

  it('refuses a take-profit limit that would trade at once far from the market, with the band message', async () => {
    const { limits: l, audit } = limits();
    const refused = await l.check(venue, exit({ price: 27_000 }), 'Live').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'limit_price_band' });
    expect((refused as Error).message).toBe(
      'sell 1 BTC/USDT at 27000 is 10 % below the last price 30000; "Live" allows at most 5 %. Check the price, or change the account\'s price band.',
    );
    expect(audit.list({ kinds: ['order.refused_limit'] })[0]!.summary).toMatch(/^Refused \(bracket exit\): sell 1 BTC\/USDT at 27000/);
  });

  it('keeps stops and market exits exempt: they must protect the position', async () => {
    const { limits: l } = limits();
    expect(await l.check(venue, exit({ type: 'stop_market', price: null, stopPrice: 20_000 }), 'Live')).toBeNull();
    expect(await l.check(venue, exit({ type: 'stop_limit', price: 19_000, stopPrice: 20_000 }), 'Live')).toBeNull();
    expect(await l.check(venue, exit({ type: 'market', price: null, originRole: CLOSE_ROLE }), 'Live')).toBeNull();
  });
});
