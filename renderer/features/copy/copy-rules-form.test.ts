import { describe, expect, it } from 'vitest';
import { amountsUnit, currencyOptions, EMPTY_RULES_FIELDS, readRulesFields, rulesToFields } from './copy-rules-form';

describe('copy rules form', () => {
  it('reads numbers by the chosen decimal mark and turns seconds into ms, lists into markets', () => {
    const { rules, errors } = readRulesFields(
      {
        ...EMPTY_RULES_FIELDS,
        size: '0,5',
        maxPerTrade: '250,75',
        maxSignalAgeS: '2,5',
        symbolMap: 'btc/usdt=btc/usdc, ETH/USDT = ETH/USDC',
        deny: 'doge/usdt',
      },
      'comma',
    );
    expect(errors).toEqual({});
    expect(rules).toEqual({
      allocation: { mode: 'ratio', ratio: 0.5 },
      maxPerTrade: 250.75,
      maxTotal: null,
      symbolMap: [
        { leader: 'BTC/USDT', follower: 'BTC/USDC' },
        { leader: 'ETH/USDT', follower: 'ETH/USDC' },
      ],
      allow: [],
      deny: ['DOGE/USDT'],
      maxSlippagePct: 1,
      maxSignalAgeMs: 2_500,
      protection: 'own',
      takeProfitPct: null,
      stopLossPct: null,
      maxLoss: null,
    });
    expect(rulesToFields(rules!, 'comma')).toMatchObject({ size: '0,5', maxPerTrade: '250,75', maxSignalAgeS: '2,5' });
  });

  it('names each field that is wrong instead of guessing', () => {
    const { rules, errors } = readRulesFields(
      {
        ...EMPTY_RULES_FIELDS,
        mode: 'quote',
        size: '',
        maxPerTrade: '1.000,5',
        maxSlippagePct: '0',
        symbolMap: 'BTC/USDT',
        allow: 'BTCUSDT',
      },
      'comma',
    );
    expect(rules).toBeNull();
    expect(errors.size).toBe('Enter an amount per trade.');
    expect(errors.maxPerTrade).toMatch(/is ambiguous/);
    expect(errors.maxSlippagePct).toBe('A max slippage must be above 0.');
    expect(errors.symbolMap).toMatch(/write LEADER=FOLLOWER/);
    expect(errors.allow).toMatch(/"BTCUSDT" is not a market/);
  });

  it('refuses a market map onto another coin', () => {
    const { rules, errors } = readRulesFields({ ...EMPTY_RULES_FIELDS, size: '1', symbolMap: 'BTC/USDT=ETH/USDT' }, 'point');
    expect(rules).toBeNull();
    expect(errors.symbolMap).toBe(
      'BTC/USDT=ETH/USDT copies BTC as ETH, another coin: map a market only to the same coin (e.g. BTC/USDT=BTC/USDC).',
    );
  });

  it("reads the own take-profit and stop, and sends none of them while the leader's are copied", () => {
    const own = readRulesFields({ ...EMPTY_RULES_FIELDS, takeProfitPct: '12,5', stopLossPct: '4' }, 'comma');
    expect(own.rules).toMatchObject({ protection: 'own', takeProfitPct: 12.5, stopLossPct: 4 });
    expect(rulesToFields(own.rules!, 'comma')).toMatchObject({ protection: 'own', takeProfitPct: '12,5', stopLossPct: '4' });
    const bad = readRulesFields({ ...EMPTY_RULES_FIELDS, takeProfitPct: '0' }, 'point');
    expect(bad.errors.takeProfitPct).toBe('A take-profit must be above 0.');
    // Hidden own fields are neither checked nor sent when the leader's exits are copied.
    const leader = readRulesFields({ ...EMPTY_RULES_FIELDS, protection: 'leader', takeProfitPct: '0', stopLossPct: '5' }, 'point');
    expect(leader.errors).toEqual({});
    expect(leader.rules).toMatchObject({ protection: 'leader', takeProfitPct: null, stopLossPct: null });
  });

  it('keeps a currency set through the API when the link is edited, and offers it in the form', () => {
    const rules = readRulesFields({ ...EMPTY_RULES_FIELDS, currency: 'GBP', mode: 'quote', size: '100' }, 'point').rules!;
    const fields = rulesToFields(rules, 'point');
    expect(fields.currency).toBe('GBP');
    expect(currencyOptions(fields.currency)).toEqual(['USD', 'USDT', 'USDC', 'EUR', 'BTC', 'GBP']);
    expect(readRulesFields(fields, 'point').rules).toMatchObject({ currency: 'GBP' });
    expect(amountsUnit(fields)).toBe('GBP');
    expect(currencyOptions('')).toEqual(['USD', 'USDT', 'USDC', 'EUR', 'BTC']);
  });

  it('says which currency the amounts are in, and asks for one when the allowed markets copy into several quotes', () => {
    // Any market: each in its own quote; one quote after the map: that one; a chosen currency wins.
    expect(amountsUnit(EMPTY_RULES_FIELDS)).toBe('market quote');
    const toEur = { ...EMPTY_RULES_FIELDS, allow: 'BTC/USDT, ETH/USDT', symbolMap: 'BTC/USDT=BTC/EUR, ETH/USDT=ETH/EUR' };
    expect(amountsUnit(toEur)).toBe('EUR');
    expect(amountsUnit({ ...toEur, currency: 'USD' })).toBe('USD');
    const mixed = {
      ...EMPTY_RULES_FIELDS,
      mode: 'quote' as const,
      size: '100',
      allow: 'BTC/USDT, ETH/USDT',
      symbolMap: 'BTC/USDT=BTC/EUR',
    };
    const refused = readRulesFields(mixed, 'point');
    expect(refused.rules).toBeNull();
    expect(refused.errors.currency).toBe(
      "The allowed markets are copied into EUR and USDT markets: pick the currency the amounts are in (they are converted per order at the portfolio's rates).",
    );
    const chosen = readRulesFields({ ...mixed, currency: 'USD' }, 'point');
    expect(chosen.rules).toMatchObject({ allocation: { mode: 'quote', amount: 100 }, currency: 'USD' });
    expect(rulesToFields(chosen.rules!, 'point').currency).toBe('USD');
    // Unset, the rules carry no currency at all (a live link's unchanged rules stay equal).
    expect(readRulesFields(toEur, 'point').rules).not.toHaveProperty('currency');
  });
});
