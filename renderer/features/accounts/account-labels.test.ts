import { describe, expect, it } from 'vitest';
import { describeAccountState } from './account-state-label';
import { credentialsFor, missingCredentials } from './credentials';
import { capabilityBadges, filterExchanges } from './exchange-search';
import { catalogEntry } from '../../test-utils/fixtures';

const SINCE = Date.UTC(2024, 4, 1, 14, 5);

describe('account state text', () => {
  it('names each state, with since when the balances are old', () => {
    expect(describeAccountState({ status: 'ok', since: null, message: '' })).toEqual({ text: 'OK', tone: 'ok' });
    expect(describeAccountState({ status: 'connecting', since: null, message: '' })).toEqual({ text: 'Connecting…', tone: 'pending' });
    expect(describeAccountState({ status: 'stale', since: SINCE, message: '' })).toEqual({ text: 'Stale since 14:05 UTC', tone: 'warn' });
    expect(describeAccountState({ status: 'offline', since: SINCE, message: '' }).text).toBe('Offline · stale since 14:05 UTC');
    expect(describeAccountState({ status: 'auth_error', since: null, message: '' })).toEqual({ text: 'Auth error', tone: 'error' });
    expect(describeAccountState({ status: 'rate_limited', since: null, message: '' }).text).toBe('Rate limited');
    expect(describeAccountState({ status: 'exchange_down', since: null, message: '' }).text).toBe('Exchange down');
    expect(describeAccountState({ status: 'keychain_error', since: null, message: '' }).tone).toBe('error');
  });
});

describe('credentials', () => {
  it('sends only the exchange’s own non-blank fields and names the missing ones', () => {
    const values = { apiKey: 'key', secret: '  ', password: 'from another exchange' };
    expect(credentialsFor(['apiKey', 'secret'], values)).toEqual({ apiKey: 'key' });
    expect(missingCredentials(['apiKey', 'secret', 'uid'], values)).toEqual(['Secret', 'UID']);
  });
});

describe('exchange search', () => {
  const catalog = [catalogEntry('binanceus', 'Binance US'), catalogEntry('kraken', 'Kraken')];

  it('matches name or id, every term, case-insensitively', () => {
    expect(filterExchanges(catalog, 'BINANCE us').map((entry) => entry.id)).toEqual(['binanceus']);
    expect(filterExchanges(catalog, 'krak').map((entry) => entry.id)).toEqual(['kraken']);
    expect(filterExchanges(catalog, ' ')).toHaveLength(2);
  });

  it('lists capability chips in a fixed order', () => {
    const none = catalogEntry('x', 'X', {
      capabilities: { websocket: false, oco: false, stopOrders: false, sandbox: false, balance: true, perpetuals: false },
    });
    expect(capabilityBadges(none)).toEqual([]);
    expect(capabilityBadges(catalogEntry('y', 'Y')).map((badge) => badge.text)).toEqual(['WS', 'Stops', 'Testnet']);
  });
});
