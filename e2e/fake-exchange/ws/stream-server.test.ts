import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCcxtBinance } from '../ccxt-setup';
import { startFakeBinance, type FakeBinance } from '../server';
import { hmacHex } from '../signature';

const KEY = { apiKey: 'ws-key-1', secret: 'ws-secret-1', rights: { read: true, trade: true } };

let fake: FakeBinance;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  fake = await startFakeBinance({ keys: [KEY] });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await fake.close();
});

interface Peer {
  socket: WebSocket;
  messages: Array<Record<string, unknown>>;
  send(message: unknown): void;
  /** The first message (from `from` on) that matches, within a bounded wait. */
  next(match: (m: Record<string, unknown>) => boolean, from?: number): Promise<Record<string, unknown>>;
}

async function connect(path: string): Promise<Peer> {
  const socket = new WebSocket(`${fake.url.replace('http:', 'ws:')}${path}`);
  sockets.push(socket);
  const messages: Array<Record<string, unknown>> = [];
  socket.on('message', (raw: Buffer) => messages.push(JSON.parse(raw.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    next(match, from = 0) {
      // Checked on every message as it arrives (after the collector above has stored it).
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find(match);
          if (!found) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching message; got ${JSON.stringify(messages).slice(0, 500)}`));
        }, 5_000);
        const done = () => {
          clearTimeout(timer);
          socket.off('message', check);
        };
        socket.on('message', check);
        check();
      });
    },
  };
}

async function restDepth(limit: number): Promise<{ lastUpdateId: number; bids: string[][]; asks: string[][] }> {
  return (await (await fetch(`${fake.url}/api/v3/depth?symbol=BTCUSDT&limit=${limit}`)).json()) as never;
}

function signed(params: Record<string, string | number>, secret: string): Record<string, string | number> {
  const payload = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return { ...params, signature: hmacHex(secret, payload) };
}

describe('fake Binance websocket streams', () => {
  it('answers SUBSCRIBE, LIST_SUBSCRIPTIONS and UNSUBSCRIBE, and refuses unknown streams', async () => {
    const peer = await connect('/ws/0');
    peer.send({ method: 'SUBSCRIBE', params: ['btcusdt@ticker', 'ethusdt@kline_1m'], id: 1 });
    expect(await peer.next((m) => m['id'] === 1)).toEqual({ result: null, id: 1 });
    peer.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await peer.next((m) => m['id'] === 2)).toEqual({ result: ['btcusdt@ticker', 'ethusdt@kline_1m'], id: 2 });
    expect(fake.streams.subscriptions()).toEqual(['btcusdt@ticker', 'ethusdt@kline_1m']);
    peer.send({ method: 'SUBSCRIBE', params: ['dogeusdt@ticker'], id: 3 });
    expect(await peer.next((m) => m['id'] === 3)).toEqual({
      error: { code: 2, msg: 'Invalid request: invalid stream "dogeusdt@ticker"' },
      id: 3,
    });
    peer.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@ticker'], id: 4 });
    await peer.next((m) => m['id'] === 4);
    expect(fake.streams.subscriptions()).toEqual(['ethusdt@kline_1m']);
  });

  it('turns a price move into ticker, trade and kline events', async () => {
    const peer = await connect('/ws/0');
    peer.send({ method: 'SUBSCRIBE', params: ['btcusdt@ticker', 'btcusdt@trade', 'btcusdt@kline_5m', 'btcusdt@miniTicker'], id: 1 });
    await peer.next((m) => m['id'] === 1);
    fake.setPrice('BTCUSDT', '30250.5', { fillQty: '0.25' });
    const printedAt = fake.state.market('BTCUSDT').tape.at(-1)!.time;
    expect(await peer.next((m) => m['e'] === '24hrTicker')).toMatchObject({
      s: 'BTCUSDT',
      c: '30250.50000000',
      b: '30250.49000000',
      a: '30250.51000000',
      Q: '0.25000000',
    });
    expect(await peer.next((m) => m['e'] === '24hrMiniTicker')).toMatchObject({ s: 'BTCUSDT', c: '30250.50000000' });
    const trade = await peer.next((m) => m['e'] === 'trade');
    expect(trade).toMatchObject({ s: 'BTCUSDT', p: '30250.50000000', q: '0.25000000', m: false });
    expect(trade['t']).toBe(fake.state.market('BTCUSDT').tape.at(-1)?.id);
    const kline = (await peer.next((m) => m['e'] === 'kline'))['k'] as Record<string, unknown>;
    expect(kline).toMatchObject({ s: 'BTCUSDT', i: '5m', c: '30250.50000000', v: '0.25000000', n: 1, x: false });
    expect(kline['t']).toBe(Math.floor(printedAt / 300_000) * 300_000);
    expect(kline['T']).toBe((kline['t'] as number) + 300_000 - 1);
  });

  it('starts a re-subscribed stream from now, with no backlog of what happened in between', async () => {
    const peer = await connect('/ws/0');
    peer.send({ method: 'SUBSCRIBE', params: ['ltcbtc@trade', 'ltcbtc@depth'], id: 1 });
    await peer.next((m) => m['id'] === 1);
    peer.send({ method: 'UNSUBSCRIBE', params: ['ltcbtc@trade', 'ltcbtc@depth'], id: 2 });
    await peer.next((m) => m['id'] === 2);
    // A stream tick runs with nobody subscribed to LTCBTC: another peer sees that tick's BTCUSDT trade.
    const witness = await connect('/ws/1');
    witness.send({ method: 'SUBSCRIBE', params: ['btcusdt@trade'], id: 1 });
    await witness.next((m) => m['id'] === 1);
    fake.setPrice('LTCBTC', '0.0161');
    fake.setPrice('LTCBTC', '0.0162');
    fake.setPrice('BTCUSDT', '65123.45');
    await witness.next((m) => m['e'] === 'trade');
    peer.send({ method: 'SUBSCRIBE', params: ['ltcbtc@trade', 'ltcbtc@depth'], id: 3 });
    await peer.next((m) => m['id'] === 3);
    const { lastUpdateId } = (await (await fetch(`${fake.url}/api/v3/depth?symbol=LTCBTC&limit=5`)).json()) as { lastUpdateId: number };
    const from = peer.messages.length;
    fake.setPrice('LTCBTC', '0.0163');
    expect(await peer.next((m) => m['e'] === 'depthUpdate', from)).toMatchObject({ U: lastUpdateId + 1, u: lastUpdateId + 1 });
    await peer.next((m) => m['e'] === 'trade', from);
    expect(peer.messages.filter((m) => m['e'] === 'trade').map((m) => m['p'])).toEqual(['0.01630000']);
  });

  it('sends depth diffs that continue the REST snapshot and rebuild the new book exactly', async () => {
    const peer = await connect('/ws/1');
    peer.send({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 7 });
    await peer.next((m) => m['id'] === 7);
    const snapshot = await restDepth(1000);
    fake.setPrice('BTCUSDT', '30010');
    fake.setPrice('BTCUSDT', '29990.01');
    const from = peer.messages.length;
    const diffs: Array<Record<string, unknown>> = [];
    let u = snapshot.lastUpdateId;
    while (u < snapshot.lastUpdateId + 2) {
      const diff = await peer.next((m) => m['e'] === 'depthUpdate' && (m['U'] as number) === u + 1, from);
      diffs.push(diff);
      u = diff['u'] as number;
    }
    const book = { bids: new Map(snapshot.bids.map(([p, q]) => [p!, q!])), asks: new Map(snapshot.asks.map(([p, q]) => [p!, q!])) };
    for (const diff of diffs) {
      for (const [side, key] of [
        ['bids', 'b'],
        ['asks', 'a'],
      ] as const) {
        for (const [price, qty] of diff[key] as string[][]) {
          if (Number(qty) === 0) book[side].delete(price!);
          else book[side].set(price!, qty!);
        }
      }
    }
    const after = await restDepth(1000);
    expect(after.lastUpdateId).toBe(u);
    const sorted = (m: Map<string, string>, desc: boolean) =>
      [...m].sort((a, b) => (desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
    expect(sorted(book.bids, true)).toEqual(after.bids);
    expect(sorted(book.asks, false)).toEqual(after.asks);
  });

  it('accepts streams in the URL, raw (/ws/<stream>) and combined (/stream?streams=)', async () => {
    const raw = await connect('/ws/ethusdt@trade');
    const combined = await connect('/stream?streams=ethusdt@trade/btcusdt@ticker');
    fake.setPrice('ETHUSDT', '2100');
    expect(await raw.next((m) => m['e'] === 'trade')).toMatchObject({ s: 'ETHUSDT', p: '2100.00000000' });
    expect(await combined.next((m) => m['stream'] === 'ethusdt@trade')).toMatchObject({ data: { e: 'trade', s: 'ETHUSDT' } });
  });

  it('opens a user data stream only for a correctly signed request, then reports orders and balances', async () => {
    const api = await connect('/ws-api/v3');
    api.send({
      id: 'a',
      method: 'userDataStream.subscribe.signature',
      params: signed({ apiKey: KEY.apiKey, timestamp: Date.now() }, 'wrong secret'),
    });
    expect(await api.next((m) => m['id'] === 'a')).toEqual({
      id: 'a',
      status: 400,
      error: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
    api.send({ id: 'b', method: 'userDataStream.subscribe.signature', params: signed({ apiKey: 'nobody', timestamp: Date.now() }, 'x') });
    expect(await api.next((m) => m['id'] === 'b')).toMatchObject({ status: 401, error: { code: -2015 } });
    api.send({
      id: 'c',
      method: 'userDataStream.subscribe.signature',
      params: signed({ apiKey: KEY.apiKey, timestamp: Date.now() - 60_000 }, KEY.secret),
    });
    expect(await api.next((m) => m['id'] === 'c')).toMatchObject({ status: 400, error: { code: -1021 } });
    expect(fake.streams.userStreams()).toEqual([]);

    api.send({
      id: 'd',
      method: 'userDataStream.subscribe.signature',
      params: signed({ apiKey: KEY.apiKey, timestamp: Date.now() }, KEY.secret),
    });
    const ok = await api.next((m) => m['id'] === 'd');
    expect(ok).toMatchObject({ id: 'd', status: 200, result: { subscriptionId: expect.any(Number) } });
    const subscriptionId = (ok['result'] as { subscriptionId: number }).subscriptionId;
    expect(fake.streams.userStreams()).toEqual([KEY.apiKey]);

    fake.setBalance(KEY.apiKey, 'USDT', '1000');
    const position = await api.next((m) => (m['event'] as Record<string, unknown> | undefined)?.['e'] === 'outboundAccountPosition');
    expect(position).toMatchObject({ subscriptionId, event: { B: [{ a: 'USDT', f: '1000.00000000', l: '0.00000000' }] } });

    const from = api.messages.length;
    const client = createCcxtBinance(fake.url, KEY);
    const order = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30_000);
    const report = (phase: string) => (m: Record<string, unknown>) => {
      const event = m['event'] as Record<string, unknown> | undefined;
      return event?.['e'] === 'executionReport' && event['x'] === phase;
    };
    expect((await api.next(report('NEW'), from))['event']).toMatchObject({
      i: Number(order.id),
      X: 'NEW',
      S: 'BUY',
      o: 'LIMIT',
      p: '30000.00000000',
      q: '0.01000000',
      z: '0.00000000',
    });
    expect(
      (await api.next((m) => (m['event'] as Record<string, unknown>)?.['e'] === 'outboundAccountPosition', from))['event'],
    ).toMatchObject({
      B: [{ a: 'USDT', f: '700.00000000', l: '300.00000000' }],
    });
    fake.setPrice('BTCUSDT', '29999');
    expect((await api.next(report('TRADE'), from))['event']).toMatchObject({
      i: Number(order.id),
      X: 'FILLED',
      l: '0.01000000',
      L: '30000.00000000',
      z: '0.01000000',
      m: true,
      N: 'BTC',
    });
    await client.close();
  });

  it('drops every socket on demand and refuses new ones while asked to', async () => {
    const peer = await connect('/ws/0');
    const closed = new Promise<number>((resolve) => peer.socket.once('close', (code) => resolve(code)));
    fake.streams.dropAll();
    expect(await closed).toBe(1006);

    fake.streams.refuse(true);
    const refused = new WebSocket(`${fake.url.replace('http:', 'ws:')}/ws/0`);
    sockets.push(refused);
    const status = await new Promise<number | undefined>((resolve) => {
      refused.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      refused.once('error', () => resolve(undefined));
    });
    expect(status).toBe(503);
    const restStillWorks = await fetch(`${fake.url}/api/v3/ping`);
    expect(restStillWorks.status).toBe(200);

    fake.streams.refuse(false);
    await connect('/ws/0');
    expect(fake.streams.connectionCount).toBe(1);
  });

  it('close() ends open sockets', async () => {
    const peer = await connect('/ws-api/v3');
    const closed = new Promise<void>((resolve) => peer.socket.once('close', () => resolve()));
    await fake.close();
    await closed;
    fake = await startFakeBinance(); // afterEach closes this one
  });
});
