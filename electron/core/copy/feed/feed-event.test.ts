import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  generateFeedKeyPair,
  parsePublicKey,
  privateKeyFromDer,
  signedBytes,
  signFeedEvent,
  verifyFeedEvent,
  type FillFeedEvent as FeedEvent,
  type ProtectionFeedEvent,
} from './feed-event';

const FEED = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const event = (over: Partial<FeedEvent> = {}): FeedEvent => ({
  v: 1,
  feed: FEED,
  seq: 7,
  publishedAt: 1_765_000_000_000,
  fill: {
    order: 'k2J9xQ',
    symbol: 'BTC/USDT',
    side: 'buy',
    cumulative: 0.0123,
    cost: 369.0,
    price: 30000,
    filledAt: 1_765_000_000_000,
    openedAt: 1_764_999_999_000,
  },
  ...over,
});

function keyOf(text: string) {
  const key = parsePublicKey(text);
  if ('error' in key) throw new Error(key.error);
  return key;
}

describe('canonical JSON', () => {
  it('sorts keys at every level by UTF-16 code unit, drops undefined members, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { z: [3, 1, { y: null, x: 'é' }], B: true }, c: undefined })).toBe(
      '{"a":{"B":true,"z":[3,1,{"x":"é","y":null}]},"b":1}',
    );
    // Code-unit order: "\u00e9" (é) sorts after "z"; an emoji's surrogates sort after both.
    expect(canonicalJson({ z: 1, é: 2, '😀': 3, Z: 4 })).toBe('{"Z":4,"z":1,"é":2,"😀":3}');
  });

  it('spells numbers the shortest ECMAScript way (RFC 8785), -0 as 0, and refuses what JSON cannot hold', () => {
    expect(canonicalJson([0.1 + 0.2, 1e21, 1e-7, -0, 30000, 0.0123])).toBe('[0.30000000000000004,1e+21,1e-7,0,30000,0.0123]');
    expect(canonicalJson('line\n"quoted"\u2028')).toBe('"line\\n\\"quoted\\"\u2028"');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite numbers only/);
    expect(() => canonicalJson({ a: Infinity })).toThrow(/finite numbers only/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/cannot hold a function/);
  });

  it('gives the same bytes whatever order the members were written in', () => {
    const reordered = JSON.parse(
      '{"seq":7,"fill":{"side":"buy","openedAt":1764999999000,"symbol":"BTC/USDT","order":"k2J9xQ","price":30000,"cost":369,"cumulative":0.0123,"filledAt":1765000000000},"v":1,"publishedAt":1765000000000,"feed":"3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"}',
    ) as unknown;
    expect(signedBytes(reordered).equals(signedBytes(event()))).toBe(true);
    expect(signedBytes(event()).toString('utf8').startsWith('tradewind-feed/v1\n{"feed":')).toBe(true);
  });
});

describe('feed signatures (Ed25519)', () => {
  const pair = generateFeedKeyPair();
  const privateKey = privateKeyFromDer(pair.privateKeyDer);
  const publicKey = keyOf(pair.publicKey);

  it('signs the canonical bytes with the private key from its stored form; node:crypto verifies them with the shown public key', () => {
    expect(pair.publicKey).toMatch(/^ed25519:[A-Za-z0-9_-]{43}$/);
    const signed = signFeedEvent(event(), privateKey);
    expect(signed.sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verify(null, signedBytes(signed.event), createPublicKey(privateKey), Buffer.from(signed.sig, 'base64url'))).toBe(true);
    expect(verifyFeedEvent(JSON.parse(JSON.stringify(signed)), publicKey)).toEqual({ ok: true, event: event() });
  });

  it('refuses an event altered anywhere — a fill field, the sequence, the feed id, an added member', () => {
    const signed = signFeedEvent(event(), privateKey);
    const altered = [
      { ...signed.event, fill: { ...signed.event.fill, cumulative: 1.23 } },
      { ...signed.event, fill: { ...signed.event.fill, side: 'sell' } },
      { ...signed.event, seq: 8 },
      { ...signed.event, feed: '00000000-0000-4000-8000-000000000000' },
      { ...signed.event, extra: 1 },
    ];
    for (const tampered of altered) {
      const result = verifyFeedEvent({ event: tampered, sig: signed.sig }, publicKey);
      expect(result).toMatchObject({ ok: false, kind: 'bad_signature' });
      if (!result.ok) expect(result.reason).toMatch(/does not match the pinned public key/);
    }
  });

  it('refuses an event signed by another key, an unsigned one, a signature of the wrong form, and what is no event at all', () => {
    const other = privateKeyFromDer(generateFeedKeyPair().privateKeyDer);
    expect(verifyFeedEvent(signFeedEvent(event(), other), publicKey)).toMatchObject({ ok: false, kind: 'bad_signature' });
    const unsigned = verifyFeedEvent({ event: event() }, publicKey);
    expect(unsigned).toMatchObject({ ok: false, kind: 'unsigned', claimed: { seq: 7, symbol: 'BTC/USDT', side: 'buy' } });
    expect(verifyFeedEvent({ event: event(), sig: 'abc' }, publicKey)).toMatchObject({ ok: false, kind: 'bad_signature' });
    expect(verifyFeedEvent([1, 2], publicKey)).toMatchObject({ ok: false, kind: 'malformed' });
    expect(verifyFeedEvent({ event: 'x', sig: 'y' }, publicKey)).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('reads the shape only after the signature holds: a signed event of an unknown shape is refused as such', () => {
    const strange = { ...event(), v: 2 } as unknown as FeedEvent;
    const result = verifyFeedEvent(signFeedEvent(strange, privateKey), publicKey);
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    if (!result.ok) expect(result.reason).toMatch(/^it is signed but not an event this version reads \(v:/);
  });

  it("signs and verifies the leader's take-profit/stop as its own kind, and refuses it altered", () => {
    const protection: ProtectionFeedEvent = {
      v: 1,
      feed: FEED,
      seq: 8,
      publishedAt: 1_765_000_000_000,
      protection: {
        key: 'pk1',
        entryOrder: 'k2J9xQ',
        entryAmount: 0.0123,
        symbol: 'BTC/USDT',
        revision: 'ab12',
        targets: [{ key: 1, price: 33_000, share: 100, done: false }],
        stopPrice: 28_500,
        trailingPct: null,
        state: 'active',
      },
    };
    const signed = signFeedEvent(protection, privateKey);
    expect(verifyFeedEvent(JSON.parse(JSON.stringify(signed)), publicKey)).toEqual({ ok: true, event: protection });
    const moved = { ...signed.event, protection: { ...signed.event.protection, stopPrice: 20_000 } };
    expect(verifyFeedEvent({ event: moved, sig: signed.sig }, publicKey)).toMatchObject({
      ok: false,
      kind: 'bad_signature',
      claimed: { seq: 8, symbol: 'BTC/USDT' },
    });
    // A fill carrying its bracket exit verifies; an exit role the follower cannot read is refused by name.
    const exit = { ...event(), fill: { ...event().fill, side: 'sell' as const, exitOf: { key: 'pk1', role: 'target:1' } } };
    expect(verifyFeedEvent(signFeedEvent(exit, privateKey), publicKey)).toEqual({ ok: true, event: exit });
    const odd = { ...exit, fill: { ...exit.fill, exitOf: { key: 'pk1', role: 'anything' } } };
    const refused = verifyFeedEvent(signFeedEvent(odd, privateKey), publicKey);
    expect(refused).toMatchObject({ ok: false, kind: 'invalid' });
    if (!refused.ok) expect(refused.reason).toMatch(/fill\.exitOf\.role/);
  });

  it('says what is wrong with a pinned key that is not one', () => {
    expect(parsePublicKey('abc')).toEqual({ error: expect.stringMatching(/must start with "ed25519:"/) });
    expect(parsePublicKey('ed25519:short')).toEqual({ error: expect.stringMatching(/not an Ed25519 public key/) });
    expect('error' in parsePublicKey(` ${pair.publicKey} `)).toBe(false);
  });
});
