// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import {
  EMPTY_BRACKET,
  EMPTY_TICKET,
  bracketProblems,
  buildBracketInput,
  buildTicket,
  evenShares,
  farFromMarket,
  missingField,
  type BracketForm,
} from './ticket-input';

describe('buildTicket', () => {
  beforeEach(() => setDecimalSeparator('point'));

  it('builds base, quote and percent sizes', () => {
    expect(buildTicket({ ...EMPTY_TICKET, price: '30000', amount: '0.01' }, 'a', 'BTC/USDT')).toEqual({
      accountId: 'a',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: 30_000,
    });
    expect(buildTicket({ ...EMPTY_TICKET, type: 'market', amount: '1500', unit: 'quote', side: 'sell' }, 'a', 'BTC/USDT')).toEqual({
      accountId: 'a',
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      size: { unit: 'quote', amount: 1500 },
    });
    expect(
      buildTicket({ ...EMPTY_TICKET, type: 'stop_limit', price: '29000', stopPrice: '29500', percent: 50 }, 'a', 'BTC/USDT'),
    ).toMatchObject({
      size: { unit: 'percent', percent: 50 },
      price: 29_000,
      stopPrice: 29_500,
    });
  });

  it('returns null with the reason while a field is missing', () => {
    expect(buildTicket({ ...EMPTY_TICKET, price: '1' }, 'a', 'X/Y')).toBeNull();
    expect(missingField({ ...EMPTY_TICKET, price: '1' })).toBe('Enter an amount.');
    expect(missingField({ ...EMPTY_TICKET, amount: '-1' })).toBe('The amount must be a positive number.');
    expect(missingField({ ...EMPTY_TICKET, amount: '1' })).toBe('Enter a positive price.');
    expect(missingField({ ...EMPTY_TICKET, type: 'stop_market', amount: '1' })).toBe('Enter a positive stop price.');
    expect(missingField({ ...EMPTY_TICKET, type: 'market', amount: '1' })).toBeNull();
  });

  it('reads a decimal comma by the number format and refuses ambiguous or hex input', () => {
    setDecimalSeparator('comma');
    expect(buildTicket({ ...EMPTY_TICKET, type: 'market', amount: '100,5', unit: 'quote' }, 'a', 'BTC/USDT')?.size).toEqual({
      unit: 'quote',
      amount: 100.5,
    });
    expect(buildTicket({ ...EMPTY_TICKET, price: '30000,5', amount: '1' }, 'a', 'BTC/USDT')?.price).toBe(30000.5);
    setDecimalSeparator('point');
    expect(buildTicket({ ...EMPTY_TICKET, type: 'market', amount: '100,5', unit: 'quote' }, 'a', 'BTC/USDT')).toBeNull();
    expect(missingField({ ...EMPTY_TICKET, type: 'market', amount: '1,005' })).toMatch(/^Amount: .*ambiguous/);
    expect(missingField({ ...EMPTY_TICKET, amount: '1', price: '0x10' })).toMatch(/^Price: .*not a number/);
  });
});

describe('buildBracketInput', () => {
  const bracket: BracketForm = {
    entryType: 'limit',
    targets: [
      { value: '2', mode: 'percent', share: '60' },
      { value: '35000', mode: 'price', share: '40' },
    ],
    stopLoss: '1.5',
    stopLossMode: 'percent',
    trailing: '0.8',
  };

  it('maps targets (price or %) with their shares, the stop and the trailing callback', () => {
    expect(buildBracketInput({ ...EMPTY_TICKET, price: '30000', amount: '0.02' }, bracket, 'a', 'BTC/USDT', true)).toEqual({
      accountId: 'a',
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'base', amount: 0.02 },
      entry: { type: 'limit', price: 30_000 },
      targets: [
        { percent: 2, share: 60 },
        { price: 35_000, share: 40 },
      ],
      stopLoss: { percent: 1.5 },
      trailing: { callbackPct: 0.8 },
      confirmed: true,
    });
  });

  it('sends a market entry without a price and skips blank target rows', () => {
    const input = buildBracketInput(
      { ...EMPTY_TICKET, percent: 25, price: '1' },
      {
        ...EMPTY_BRACKET,
        targets: [
          { value: '31000', mode: 'price', share: '100' },
          { value: '', mode: 'percent', share: '' },
        ],
        stopLoss: '29000',
        stopLossMode: 'price',
      },
      'a',
      'BTC/USDT',
    );
    expect(input).toEqual({
      accountId: 'a',
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'percent', percent: 25 },
      entry: { type: 'market' },
      targets: [{ price: 31_000, share: 100 }],
      stopLoss: { price: 29_000 },
    });
  });

  it('refuses shares that do not add up to 100 % and exits that are missing', () => {
    const uneven = {
      ...bracket,
      targets: [
        { value: '1', mode: 'percent' as const, share: '50' },
        { value: '2', mode: 'percent' as const, share: '30' },
      ],
    };
    expect(bracketProblems(uneven)).toEqual([
      { field: 'targets', rule: 'shares', message: 'Target shares add up to 80 %; they must add up to 100 %.' },
    ]);
    expect(buildBracketInput({ ...EMPTY_TICKET, price: '1', amount: '1' }, uneven, 'a', 'X/Y')).toBeNull();
    expect(bracketProblems({ ...EMPTY_BRACKET, targets: [] }).map((p) => p.rule)).toEqual(['no_exit']);
    expect(bracketProblems({ ...bracket, trailing: '60' }).map((p) => p.rule)).toEqual(['callback']);
  });

  it('splits shares evenly to exactly 100', () => {
    expect(evenShares(3)).toEqual(['33.34', '33.33', '33.33']);
    expect(evenShares(2)).toEqual(['50', '50']);
  });
});

describe('farFromMarket', () => {
  it('warns beyond 10 % from the last price, with the distance', () => {
    expect(farFromMarket(30_500, 30_000)).toBeNull();
    expect(farFromMarket(300_005, 30_000)).toMatch(/900\.0 % above the last price \(30,000\.00\)/);
    expect(farFromMarket(20_000, 30_000)).toMatch(/33\.3 % below/);
    expect(farFromMarket(20_000, null)).toBeNull();
  });
});
