/**
 * Hostile-peer fuzz of the headless host: the real HTTP server + WebSocket transport in front of
 * the real core (offline, fresh data dir). Every frame has an oracle computed here, independently
 * of the server's code, and the host must still answer correctly afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../core/index';
import type { Core } from '../core/types';
import { events as eventSchemas, isTopicName, methods, TOPIC_NAMES } from '../../shared/ipc/contract';
import { ERROR_CODES } from '../../shared/ipc/errors';
import { MAX_FRAME_BYTES } from '../../shared/ipc/wire';
import { startTestHost, WsProbe, type Frame, type TestHost } from './test-support';

type Expectation =
  | { kind: 'none' }
  | { kind: 'invalid-frame'; includes: string }
  | { kind: 'ok'; id: number | string }
  | { kind: 'error'; id: number | string; code: 'invalid_input' | 'unknown_method'; includes: string }
  | { kind: 'answered'; id: number | string }
  | { kind: 'close'; code: number };

interface Case {
  label: string;
  /** Which generator produced it, to prove every kind of frame was exercised. */
  gen?: number;
  data: string | Buffer;
  binary?: boolean;
  expect: Expectation;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x7ade_0001;
const CASES = 640;

function makeGenerator(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const randomText = (max: number) => {
    const alphabet = 'abcXYZ019{}[]":,.\\/ \t\n_-$€😀\u0000\u001f';
    let s = '';
    const n = int(max);
    for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
    return s;
  };
  let nextId = 1;
  const id = () => (rand() < 0.7 ? nextId++ : `s-${nextId++}`);
  const call = (callId: number | string, method: string, input?: unknown) => JSON.stringify({ t: 'call', id: callId, method, input });
  const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const candles = { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '5m' };

  // Each generator returns one case with its expected answer.
  const generators: Array<() => Case> = [
    () => ({ label: 'garbage', data: `x${randomText(200)}`, expect: { kind: 'invalid-frame', includes: 'not valid JSON' } }),
    () => {
      const full = call(id(), 'app.info');
      return {
        label: 'truncated',
        data: full.slice(0, 1 + int(full.length - 1)),
        expect: { kind: 'invalid-frame', includes: 'not valid JSON' },
      };
    },
    () => ({
      label: 'json non-object',
      data: pick(['1', '-0.5e10', 'true', 'null', '"call"', '[]', '[{"t":"call","id":1,"method":"app.info"}]', deepArray(10_000)]),
      expect: { kind: 'invalid-frame', includes: 'JSON object' },
    }),
    () => ({
      label: 'bad t',
      data: pick([
        '{}',
        '{"t":"CALL","id":1,"method":"app.info"}',
        '{"t":1}',
        '{"t":null}',
        '{"t":["call"]}',
        `{"t":"${'x'.repeat(int(3000))}"}`,
        '{"__proto__":{"t":"call"},"id":1,"method":"app.info"}',
        '{"constructor":{"prototype":{"t":"call"}}}',
      ]),
      expect: { kind: 'invalid-frame', includes: 't:' },
    }),
    () => ({
      label: 'bad id',
      data: pick([
        '{"t":"call","method":"app.info"}',
        '{"t":"call","id":1.5,"method":"app.info"}',
        '{"t":"call","id":null,"method":"app.info"}',
        '{"t":"call","id":true,"method":"app.info"}',
        '{"t":"call","id":{},"method":"app.info"}',
        `{"t":"call","id":"${'i'.repeat(65 + int(200_000))}","method":"app.info"}`,
        `{"t":"call","id":${deepArray(10_000)},"method":"app.info"}`,
      ]),
      expect: { kind: 'invalid-frame', includes: 'id' },
    }),
    () => ({
      label: 'bad method type',
      data: pick([
        `{"t":"call","id":1,"method":5}`,
        `{"t":"call","id":1,"method":null}`,
        `{"t":"call","id":1,"method":{"__proto__":"app.info"}}`,
        `{"t":"call","id":1}`,
        `{"t":"call","id":1,"method":"${'m'.repeat(129 + int(200_000))}"}`,
      ]),
      expect: { kind: 'invalid-frame', includes: 'method' },
    }),
    () => ({
      label: 'bad topic type',
      data: pick(['{"t":"sub"}', '{"t":"sub","topic":5}', '{"t":"unsub","topic":null}', `{"t":"sub","topic":"${'x'.repeat(129)}"}`]),
      expect: { kind: 'invalid-frame', includes: 'topic' },
    }),
    () => {
      const topic = pick([
        '__proto__',
        'constructor',
        'toString',
        'ticker',
        'TICKERS',
        'tickers ',
        [...randomText(60)].filter((ch) => ch >= ' ' && ch !== '"' && ch !== '\\').join(''),
      ]);
      if (isTopicName(topic)) return { label: 'sub', data: JSON.stringify({ t: 'sub', topic }), expect: { kind: 'none' } };
      return {
        label: 'unknown topic',
        data: JSON.stringify({ t: pick(['sub', 'unsub']), topic }),
        expect: { kind: 'invalid-frame', includes: 'unknown topic' },
      };
    },
    () => ({
      label: 'valid sub/unsub',
      data: JSON.stringify({ t: pick(['sub', 'unsub']), topic: pick(TOPIC_NAMES) }),
      expect: { kind: 'none' },
    }),
    () => {
      const callId = id();
      const method = pick([
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'APP.INFO',
        ' app.info',
        'app.info\u0000',
        'app',
        'accounts.list.x',
        randomText(128),
      ]);
      if (method in methods)
        return { label: 'random method that exists', data: call(callId, method), expect: { kind: 'answered', id: callId } };
      return {
        label: 'unknown method',
        data: call(callId, method),
        expect: { kind: 'error', id: callId, code: 'unknown_method', includes: 'Unknown method' },
      };
    },
    () => {
      const callId = id();
      const [method, input, field] = pick<[string, unknown, string]>([
        ['app.info', 5, 'input'],
        ['app.info', 'x', 'input'],
        ['app.info', null, 'input'],
        ['app.info', [], 'input'],
        ['app.info', { x: 1 }, '"x"'],
        ['accounts.list', { limit: 10 }, '"limit"'],
        ['portfolio.snapshot', { quote: 'DOGE' }, 'quote'],
        ['markets.list', undefined, 'input'],
        ['markets.list', {}, 'accountId'],
        ['markets.list', { accountId: 5 }, 'accountId'],
        ['markets.list', { accountId: '' }, 'accountId'],
        ['markets.list', { accountId: 'a'.repeat(65) }, 'accountId'],
        ['markets.list', { accountId: 'paper', extra: true }, '"extra"'],
        ['candles.get', { ...candles, symbol: 'BTCUSDT' }, 'symbol'],
        ['candles.get', { ...candles, symbol: 'BTC/USDT/ETH' }, 'symbol'],
        ['candles.get', { ...candles, timeframe: '7m' }, 'timeframe'],
        ['candles.get', { ...candles, limit: 0 }, 'limit'],
        ['candles.get', { ...candles, limit: 5001 }, 'limit'],
        ['candles.get', { ...candles, limit: 1.5 }, 'limit'],
        ['candles.get', { ...candles, limit: '10' }, 'limit'],
        ['candles.get', { ...candles, since: -1 }, 'since'],
        ['market.watch', { accountId: 'paper', symbols: 'BTC/USDT' }, 'symbols'],
        ['market.watch', { accountId: 'paper', symbols: Array(201).fill('BTC/USDT') }, 'symbols'],
        ['market.watch', { accountId: 'paper', symbols: ['nope'] }, 'symbols.0'],
        ['market.watch', { accountId: 'paper', symbols: [], candles: { symbol: 'BTC/USDT', timeframe: '9m' } }, 'candles.timeframe'],
      ]);
      return {
        label: `bad input ${method}`,
        data: call(callId, method, input),
        expect: { kind: 'error', id: callId, code: 'invalid_input', includes: field },
      };
    },
    () => {
      // Raw text: an object literal with __proto__ would set the prototype instead of a key.
      const callId = id();
      const [data, includes] = pick<[string, string]>([
        [`{"t":"call","id":${JSON.stringify(callId)},"method":"app.info","input":{"__proto__":{"polluted":true}}}`, '__proto__'],
        [
          `{"t":"call","id":${JSON.stringify(callId)},"method":"markets.list","input":{"accountId":"paper","__proto__":{"polluted":true}}}`,
          '__proto__',
        ],
        [
          `{"t":"call","id":${JSON.stringify(callId)},"method":"candles.get","input":{"accountId":"paper","symbol":"BTC/USDT","timeframe":"5m","constructor":{"prototype":{"polluted":true}}}}`,
          'constructor',
        ],
      ]);
      return { label: 'prototype keys in input', data, expect: { kind: 'error', id: callId, code: 'invalid_input', includes } };
    },
    () => {
      const callId = id();
      return {
        label: 'prototype keys in frame',
        data: `{"t":"call","id":${JSON.stringify(callId)},"method":"app.info","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
        expect: { kind: 'ok', id: callId },
      };
    },
    () => {
      const callId = id();
      const [method, input] = pick<[string, unknown]>([
        ['app.info', undefined],
        ['app.info', {}],
        ['accounts.list', undefined],
        ['portfolio.snapshot', {}],
        ['portfolio.snapshot', { quote: 'USDT' }],
      ]);
      return { label: `valid ${method}`, data: call(callId, method, input), expect: { kind: 'ok', id: callId } };
    },
    () => {
      const callId = id();
      const [method, input] = pick<[string, unknown]>([
        ['markets.list', { accountId: pick(['paper', 'nope', '__proto__']) }],
        ['candles.get', { ...candles, accountId: pick(['paper', 'missing']), limit: 1 + int(300) }],
        ['market.watch', { accountId: 'paper', symbols: ['BTC/USDT', 'ETH/BTC'], candles: { symbol: 'BTC/USDT', timeframe: '5m' } }],
        ['market.watch', { accountId: 'ghost', symbols: [] }],
      ]);
      return { label: `well-formed ${method}`, data: call(callId, method, input), expect: { kind: 'answered', id: callId } };
    },
    () => {
      const callId = id();
      const input = pick([deepArray(10_000), deepObject(10_000)]);
      const method = pick(['app.info', 'markets.list', 'candles.get']);
      return {
        label: 'deep input',
        data: `{"t":"call","id":${JSON.stringify(callId)},"method":"${method}","input":${input}}`,
        expect: { kind: 'error', id: callId, code: 'invalid_input', includes: 'input' },
      };
    },
    () => {
      const callId = id();
      return {
        label: 'deep symbols',
        data: `{"t":"call","id":${JSON.stringify(callId)},"method":"market.watch","input":{"accountId":"paper","symbols":[${deepArray(10_000)}]}}`,
        expect: { kind: 'error', id: callId, code: 'invalid_input', includes: 'symbols' },
      };
    },
    () => {
      const callId = id();
      const head = `{"t":"call","id":${JSON.stringify(callId)},"method":"markets.list","input":{"accountId":"`;
      const tail = '"}}';
      const size = 1000 + int(MAX_FRAME_BYTES - head.length - tail.length - 1000);
      return {
        label: 'huge string under the limit',
        data: head + 'a'.repeat(size) + tail,
        expect: { kind: 'error', id: callId, code: 'invalid_input', includes: 'accountId' },
      };
    },
    () => {
      const callId = id();
      const frame = call(callId, 'app.info');
      // Whitespace padding keeps it valid JSON at exactly the limit: the limit is inclusive.
      return {
        label: 'frame at the limit',
        data: frame + ' '.repeat(MAX_FRAME_BYTES - Buffer.byteLength(frame)),
        expect: { kind: 'ok', id: callId },
      };
    },
    () => {
      const over = MAX_FRAME_BYTES + 1 + int(3 * MAX_FRAME_BYTES);
      const frame = call(id(), 'app.info');
      return { label: 'oversize frame', data: frame + ' '.repeat(over - frame.length), expect: { kind: 'close', code: 1009 } };
    },
    () => {
      const bytes = Buffer.alloc(1 + int(512));
      for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
      const data = rand() < 0.5 ? bytes : Buffer.from(call(id(), 'app.info'));
      return { label: 'binary frame', data, binary: true, expect: { kind: 'invalid-frame', includes: 'binary' } };
    },
    () => ({
      label: 'invalid utf-8 text',
      data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      binary: false,
      expect: { kind: 'close', code: 1007 },
    }),
  ];

  // Closing cases are rarer: each costs a reconnect.
  const weights = generators.map((_, i) => (i >= generators.length - 4 && i !== generators.length - 2 ? 1 : 4));
  const total = weights.reduce((a, b) => a + b, 0);
  const next = (): Case => {
    let r = rand() * total;
    let i = 0;
    while (i < generators.length - 1 && (r -= weights[i] as number) >= 0) i++;
    return { ...(generators[i] as () => Case)(), gen: i };
  };
  return { next, kinds: generators.length };
}

function checkAnswer(c: Case, frame: Frame): void {
  const where = `${c.label}: ${JSON.stringify(frame).slice(0, 300)}`;
  expect(frame.t, where).toBe('result');
  const error = frame.error as { code: string; message: string } | undefined;
  switch (c.expect.kind) {
    case 'invalid-frame':
      expect(frame.id, where).toBeNull();
      expect(frame.ok, where).toBe(false);
      expect(error?.code, where).toBe('invalid_input');
      expect(error?.message, where).toContain(c.expect.includes);
      break;
    case 'error':
      expect(frame.id, where).toBe(c.expect.id);
      expect(frame.ok, where).toBe(false);
      expect(error?.code, where).toBe(c.expect.code);
      expect(error?.message, where).toContain(c.expect.includes);
      break;
    case 'ok':
      expect(frame.id, where).toBe(c.expect.id);
      expect(frame.ok, where).toBe(true);
      break;
    case 'answered':
      expect(frame.id, where).toBe(c.expect.id);
      if (frame.ok === false) {
        expect(ERROR_CODES, where).toContain(error?.code);
        // Input that passed the schema may be refused, but never by crashing a handler.
        expect(error?.code, where).not.toBe('internal');
      }
      break;
    default:
      throw new Error(`unexpected frame for ${where}`);
  }
  // Whatever we sent, an answer stays small: errors never echo hostile payloads back.
  if (frame.ok === false) expect(JSON.stringify(frame).length, where).toBeLessThan(2000);
}

describe('WebSocket transport under hostile input (real core)', () => {
  let dataDir: string;
  let core: Core;
  let host: TestHost;
  const coreLog: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tw-fuzz-'));
    core = await createCore({ host: 'test', offline: true, dataDir, log: (line) => coreLog.push(line) });
    host = await startTestHost(core, path.join(dataDir, 'no-renderer'));
  });

  afterAll(async () => {
    await host?.close();
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`answers ${CASES} random and malformed frames with the right envelope, and survives`, async () => {
    const { next, kinds } = makeGenerator(prng(SEED));
    const seen = new Set<number>();
    let probe = await WsProbe.open(host.wsUrl(), host.auth());
    let reconnects = 0;
    for (let i = 0; i < CASES; i++) {
      const c = next();
      seen.add(c.gen ?? -1);
      probe.send(c.data, c.binary ?? false);
      if (c.expect.kind === 'none') continue;
      const answer = await probe.next();
      if (c.expect.kind === 'close') {
        expect(answer, c.label).toEqual({ kind: 'close', code: c.expect.code });
        for (const event of probe.events) checkEvent(event);
        probe = await WsProbe.open(host.wsUrl(), host.auth());
        reconnects++;
        continue;
      }
      expect(answer.kind, `${c.label} (#${i}) closed the socket`).toBe('frame');
      if (answer.kind === 'frame') checkAnswer(c, answer.frame);
    }
    for (const event of probe.events) checkEvent(event);
    probe.close();

    expect(reconnects).toBeGreaterThan(3);
    expect(seen.size).toBe(kinds);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still answers app.info and accounts.list correctly on a fresh connection', async () => {
    const probe = await WsProbe.open(host.wsUrl(), { ...host.auth(), Origin: host.origin });
    const info = await probe.call(1, 'app.info');
    expect(info).toMatchObject({ t: 'result', id: 1, ok: true });
    const parsedInfo = methods['app.info'].output.parse(info.value);
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(parsedInfo).toMatchObject({ name: 'Tradewind', version: pkg.version, host: 'test', dataDir: path.resolve(dataDir) });

    const list = await probe.call('two', 'accounts.list', {});
    expect(list).toMatchObject({ t: 'result', id: 'two', ok: true });
    const accounts = methods['accounts.list'].output.parse(list.value);
    expect(accounts.some((a) => a.kind === 'paper')).toBe(true);
    probe.close();
    expect(coreLog.filter((line) => /internal error/i.test(line))).toEqual([]);
  });
});

function checkEvent(event: Frame): void {
  expect(isTopicName(event.topic), String(event.topic)).toBe(true);
  const schema = eventSchemas[event.topic as keyof typeof eventSchemas];
  expect(schema.safeParse(event.payload).success, `event ${String(event.topic)}`).toBe(true);
}
