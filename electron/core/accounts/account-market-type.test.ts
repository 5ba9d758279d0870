import { describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import { AccountMarketTypeSchema, accountMethods } from '../../../shared/ipc/schemas/accounts';
import { catalogEntry } from '../exchange/exchange-catalog';
import { checkAccountMarketType } from './account-market-type';

const entry = (perpetuals: boolean) => ({
  name: 'Venue',
  capabilities: { websocket: true, oco: false, stopOrders: true, sandbox: true, balance: true, perpetuals },
});

describe('account market type', () => {
  it('is spot when not given, and perpetuals only where the catalogue says ccxt trades them', () => {
    expect(checkAccountMarketType(entry(false), undefined)).toBe('spot');
    expect(checkAccountMarketType(entry(false), 'spot')).toBe('spot');
    expect(checkAccountMarketType(entry(true), 'swap')).toBe('swap');
    let refusal: unknown;
    try {
      checkAccountMarketType(entry(false), 'swap');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(TradewindError);
    expect((refusal as TradewindError).code).toBe('invalid_input');
    expect((refusal as TradewindError).message).toBe(
      'Venue cannot be added for USDT perpetuals: ccxt does not list its perpetual swaps with leverage and position reads. Add the account as spot.',
    );
  });

  it('the catalogue offers perpetuals on Bybit, Binance and OKX, not on spot-only venues', () => {
    expect(catalogEntry('bybit')?.capabilities.perpetuals).toBe(true);
    expect(catalogEntry('binance')?.capabilities.perpetuals).toBe(true);
    expect(catalogEntry('okx')?.capabilities.perpetuals).toBe(true);
    expect(catalogEntry('coinbase')?.capabilities.perpetuals).toBe(false);
  });

  it('the add-account input takes spot or swap, optional, and names anything else', () => {
    const input = accountMethods['accounts.add'].input;
    const base = { exchangeId: 'bybit', label: 'Perps', sandbox: false, credentials: { apiKey: 'k', secret: 's' } };
    expect(input.parse(base).marketType).toBeUndefined();
    expect(input.parse({ ...base, marketType: 'swap' }).marketType).toBe('swap');
    const wrong = input.safeParse({ ...base, marketType: 'futures' });
    expect(wrong.success).toBe(false);
    expect(JSON.stringify(wrong.error?.issues[0]?.path)).toBe('["marketType"]');
    expect(AccountMarketTypeSchema.options).toEqual(['spot', 'swap']);
  });
});
