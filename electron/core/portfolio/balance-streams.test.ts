import { describe, expect, it } from 'vitest';
import { createExchangeClient, ExchangeClient } from '../exchange/exchange-client';
import { BalanceStreams, classifyBalanceMessage } from './balance-streams';

// A plain client: only its currency-code mapping is used, no request is made.
const binance = createExchangeClient({ exchangeId: 'binance', sandbox: false });

describe('which balance stream messages can be taken as they are', () => {
  it('takes the assets of a position message as ccxt currency codes', () => {
    const info = {
      e: 'outboundAccountPosition',
      E: 1,
      u: 1,
      B: [
        { a: 'BTC', f: '1', l: '0' },
        { a: 'BCHSV', f: '2', l: '0' },
      ],
    };
    expect(classifyBalanceMessage(binance, info)).toEqual({ kind: 'position', assets: ['BTC', 'BSV'] });
  });

  it('skips deltas, which a position message always follows', () => {
    expect(classifyBalanceMessage(binance, { e: 'balanceUpdate', a: 'BTC', d: '0.5', T: 1 })).toEqual({ kind: 'delta' });
  });

  it('asks for a REST read for anything it cannot vouch for', () => {
    for (const info of [
      undefined,
      null,
      'text',
      { e: 'outboundAccountPosition' },
      { e: 'outboundAccountPosition', B: [{ f: '1' }] },
      { e: 'ACCOUNT_UPDATE', a: {} },
    ]) {
      expect(classifyBalanceMessage(binance, info)).toEqual({ kind: 'unknown' });
    }
  });
});

describe('a balance stream stopped while its client is being fetched', () => {
  it('never subscribes on that client', async () => {
    let release: (client: ExchangeClient) => void = () => {};
    const clientReady = new Promise<ExchangeClient>((resolve) => (release = resolve));
    let subscriptions = 0;
    // A library instance that only has a balance stream, behind the real client wrapper.
    const exchange = new ExchangeClient({
      id: 'stub',
      has: { watchBalance: true },
      watchBalance: () => {
        subscriptions += 1;
        return new Promise(() => {});
      },
    } as unknown as ExchangeClient['ccxt']);
    const streams = new BalanceStreams({ client: () => clientReady, onBalances: () => {}, onRefreshNeeded: () => {}, log: () => {} });

    streams.ensure('acct', exchange);
    streams.stop('acct');
    release(exchange);
    await clientReady;
    await new Promise((resolve) => setImmediate(resolve));
    expect(subscriptions).toBe(0);

    // A stream that keeps running does subscribe once its client is there.
    streams.ensure('acct', exchange);
    await new Promise((resolve) => setImmediate(resolve));
    expect(subscriptions).toBe(1);
    streams.close();
  });
});
