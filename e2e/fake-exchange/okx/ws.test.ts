import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rejectionOf } from '../test-support';
import { createCcxtOkx } from './ccxt-setup';
import { startFakeOkx, type FakeOkx } from './server';

const KEY = { apiKey: 'okx-ws', secret: 'okx-ws-secret', password: 'ws-pass' };

/** The next text frame a raw socket receives after `send`. */
function reply(socket: WebSocket, send: string): Promise<string> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(data.toString()));
    socket.send(send);
  });
}

describe('fake OKX websockets through ccxt.pro', () => {
  let fake: FakeOkx;

  beforeAll(async () => {
    fake = await startFakeOkx({ keys: [{ apiKey: KEY.apiKey, secret: KEY.secret, passphrase: KEY.password, rights: { trade: true } }] });
    fake.setPrice('BTC-USDT', '30000');
  });
  afterAll(() => fake.close());

  it('streams the live 1m candle on /business, the book (snapshot then updates) and trades on /public', async () => {
    const exchange = createCcxtOkx(fake.url);
    await exchange.loadMarkets();
    const first = await exchange.watchOHLCV('BTC/USDT', '1m');
    expect(first.at(-1)?.[4]).toBe(30_000);
    const book = await exchange.watchOrderBook('BTC/USDT');
    expect(book.bids[0]?.[0]).toBeLessThan(30_000);
    const trades = exchange.watchTrades('BTC/USDT');
    // OKX sends no trade snapshot: wait until the subscription is in place before printing one.
    await expect.poll(() => fake.streams.subscriptions()).toContain('trades:BTC-USDT');
    const nextBar = exchange.watchOHLCV('BTC/USDT', '1m');
    const nextBook = exchange.watchOrderBook('BTC/USDT');
    fake.setPrice('BTC-USDT', '30500');
    expect((await trades).at(-1)?.price).toBe(30_500);
    expect((await nextBar).at(-1)?.[2]).toBe(30_500); // the bar's high followed the print
    expect((await nextBook).asks[0]?.[0]).toBeGreaterThan(30_500); // the update moved the whole book
    expect(fake.streams.subscriptions()).toEqual(expect.arrayContaining(['books:BTC-USDT', 'candle1m:BTC-USDT', 'trades:BTC-USDT']));
    await exchange.close();
  });

  it('answers the text ping with pong, and a channel on the wrong URL with 60018', async () => {
    const socket = new WebSocket(`${fake.url.replace('http', 'ws')}/ws/v5/public`);
    await new Promise((resolve) => socket.once('open', resolve));
    expect(await reply(socket, 'ping')).toBe('pong');
    const wrong = JSON.parse(await reply(socket, JSON.stringify({ op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USDT' }] })));
    expect(wrong).toMatchObject({ event: 'error', code: '60018' });
    socket.close();
  });

  it('refuses a login with the wrong passphrase (60024) and a private channel before login (60011)', async () => {
    const exchange = createCcxtOkx(fake.url, KEY);
    await exchange.loadMarkets();
    exchange.password = 'not-it'; // only the websocket login sees the wrong passphrase
    const error = await rejectionOf(exchange.watchBalance());
    // OKX's websocket code for it; ccxt 4.5.84 has no class for 60024, so it is a plain ExchangeError.
    expect(error).toBeInstanceOf(ccxt.ExchangeError);
    expect(String(error)).toContain('"code":"60024"');
    expect(fake.streams.loggedIn()).toEqual([]);
    await exchange.close();

    const socket = new WebSocket(`${fake.url.replace('http', 'ws')}/ws/v5/private`);
    await new Promise((resolve) => socket.once('open', resolve));
    const early = JSON.parse(await reply(socket, JSON.stringify({ op: 'subscribe', args: [{ channel: 'orders', instType: 'ANY' }] })));
    expect(early).toMatchObject({ event: 'error', code: '60011', msg: 'Please log in' });
    socket.close();
  });
});
