import { describe, expect, it } from 'vitest';
import type { Market, Ticker } from '../../../shared/ipc/contract';
import { BasketSchema } from '../../../shared/ipc/schemas/rebalance';
import { checkBasketOnVenue, parseBasketFile, topNByVolume } from './basket';

const file = (assets: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ quote: 'USDT', assets, ...extra });

describe('basket JSON import', () => {
  it('reads a good file, upper-casing the asset codes', () => {
    const parsed = parseBasketFile(
      file(
        [
          { asset: 'btc', weight: 60 },
          { asset: 'ETH', weight: 40 },
        ],
        { name: 'Majors' },
      ),
    );
    expect(parsed).toEqual({
      name: 'Majors',
      quote: 'USDT',
      assets: [
        { asset: 'BTC', weight: 60 },
        { asset: 'ETH', weight: 40 },
      ],
    });
  });

  it('refuses weights that do not add up to 100 %, naming the sum', () => {
    expect(() =>
      parseBasketFile(
        file([
          { asset: 'BTC', weight: 60 },
          { asset: 'ETH', weight: 30 },
        ]),
      ),
    ).toThrow('The basket file cannot be used: assets: the weights add up to 90 %; they must add up to 100 %.');
    // Thirds written to two decimals are 100.
    expect(
      BasketSchema.safeParse([
        { asset: 'A', weight: 33.33 },
        { asset: 'B', weight: 33.33 },
        { asset: 'C', weight: 33.34 },
      ]).success,
    ).toBe(true);
  });

  it('refuses a negative weight, naming the asset and where it is', () => {
    expect(() =>
      parseBasketFile(
        file([
          { asset: 'BTC', weight: 110 },
          { asset: 'ETH', weight: -10 },
        ]),
      ),
    ).toThrow('The basket file cannot be used: assets.1.weight: ETH has a negative weight (-10 %); weights are percentages from 0 to 100.');
  });

  it('refuses an asset listed twice', () => {
    expect(() =>
      parseBasketFile(
        file([
          { asset: 'BTC', weight: 50 },
          { asset: 'btc', weight: 50 },
        ]),
      ),
    ).toThrow('assets.1.asset: BTC is listed twice; list each asset once');
  });

  it('refuses text that is not JSON, a wrong shape and an oversized file', () => {
    expect(() => parseBasketFile('{"assets": [')).toThrow(/^The basket file is not JSON \(.+\)\. Expected \{"quote"/);
    expect(() => parseBasketFile(file([{ asset: 'BTC', weight: 100, extra: 1 }]))).toThrow(/assets\.0: Unrecognized key: "extra"/);
    expect(() => parseBasketFile(' '.repeat(70_000))).toThrow('The basket file is 69 KB; a basket file is at most 64 KB.');
  });

  it('refuses an asset the venue has no market for, naming the market', () => {
    const basket = parseBasketFile(
      file([
        { asset: 'BTC', weight: 50 },
        { asset: 'NOPE', weight: 25 },
        { asset: 'USDT', weight: 25 },
      ]),
    ).assets;
    const has = (s: string) => s === 'BTC/USDT';
    expect(() => checkBasketOnVenue(basket, 'USDT', has, 'Binance')).toThrow(
      'Binance has no NOPE/USDT market: NOPE cannot be in a basket traded in USDT there. Remove it or pick another quote.',
    );
    expect(() =>
      checkBasketOnVenue(
        basket.filter((e) => e.asset !== 'NOPE'),
        'USDT',
        has,
        'Binance',
      ),
    ).not.toThrow();
  });
});

describe('top N preset', () => {
  const market = (base: string, quote = 'USDT', active = true): Market => ({
    symbol: `${base}/${quote}`,
    base,
    quote,
    active,
    amountStep: 0.001,
    priceStep: 0.01,
    minAmount: null,
    minCost: null,
  });
  const ticker = (symbol: string, quoteVolume24h: number | null): Ticker => ({
    symbol,
    last: 1,
    bid: null,
    ask: null,
    changePct24h: null,
    quoteVolume24h,
    timestamp: 0,
  });

  it('ranks the quote markets by 24 h quote volume, leaves stablecoins and inactive markets out, and splits 100 % equally', () => {
    const markets = [
      market('BTC'),
      market('ETH'),
      market('SOL'),
      market('USDC'),
      market('XRP', 'USDT', false),
      market('ETH', 'BTC'),
      market('ADA'),
    ];
    const tickers = [
      ticker('BTC/USDT', 900),
      ticker('ETH/USDT', 500),
      ticker('SOL/USDT', 300),
      ticker('USDC/USDT', 5000),
      ticker('XRP/USDT', 800),
      ticker('ETH/BTC', 10_000),
      ticker('ADA/USDT', null),
    ];
    const preset = topNByVolume(markets, tickers, 'USDT', 3);
    expect(preset.ranking).toBe('quote_volume_24h');
    expect(preset.assets).toEqual([
      { asset: 'BTC', symbol: 'BTC/USDT', quoteVolume: 900, weight: 33.33 },
      { asset: 'ETH', symbol: 'ETH/USDT', quoteVolume: 500, weight: 33.33 },
      { asset: 'SOL', symbol: 'SOL/USDT', quoteVolume: 300, weight: 33.34 },
    ]);
    expect(BasketSchema.safeParse(preset.assets.map(({ asset, weight }) => ({ asset, weight }))).success).toBe(true);
  });

  it('says so when no market has a volume', () => {
    expect(() => topNByVolume([market('BTC')], [], 'USDT', 5)).toThrow('No USDT market on this venue reports a 24 h volume yet');
  });
});
