/**
 * A signed feed event: one leader fill, numbered per feed, signed with the feed's Ed25519 key.
 * The signature covers the canonical bytes of the whole event (feed id and sequence included),
 * so an event cannot be altered, moved to another feed or renumbered without the follower
 * seeing it. Canonical bytes: a domain prefix and the event as JSON with keys sorted by UTF-16
 * code unit at every level and no whitespace (RFC 8785 for the values a feed event holds:
 * strings, finite numbers in ECMAScript's shortest spelling, integers, null).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** Changes to the event's meaning get a new prefix, so an old signature never vouches for a new reading. */
const DOMAIN = 'tradewind-feed/v1\n';
const PUBLIC_KEY_PREFIX = 'ed25519:';

export const FEED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const finite = z.number().finite();
const time = z.number().int().nonnegative();

export const FeedEventSchema = z.strictObject({
  v: z.literal(1),
  feed: z.string().regex(FEED_ID),
  seq: z.number().int().min(1),
  publishedAt: time,
  fill: z.strictObject({
    /** The leader order, opaque (a digest: no account or client id leaves the leader). */
    order: z.string().min(1).max(64),
    symbol: z
      .string()
      .max(48)
      .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/),
    side: z.enum(['buy', 'sell']),
    /** The leader order's filled amount so far (base) and its cost (quote): partial fills copy by difference. */
    cumulative: finite.positive(),
    cost: finite.positive(),
    /** Average price of the leader order so far. */
    price: finite.positive(),
    filledAt: time,
    /** When the leader order was created (null: unknown). */
    openedAt: time.nullable(),
  }),
});
export type FeedEvent = z.infer<typeof FeedEventSchema>;

/** What travels: the event and its signature (base64url of the 64-byte Ed25519 signature). */
export interface SignedFeedEvent {
  event: FeedEvent;
  sig: string;
}

/** The canonical JSON text of a value; throws on what a feed event cannot hold (NaN, ±Infinity, undefined in arrays, functions). */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON holds finite numbers only, not ${String(value)}`);
      return JSON.stringify(value); // shortest round-trip spelling; -0 → "0"
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/** The exact bytes a signature covers. */
export function signedBytes(event: unknown): Buffer {
  return Buffer.from(DOMAIN + canonicalJson(event), 'utf8');
}

export interface FeedKeyPair {
  publicKey: string;
  /** PKCS#8 DER, base64: what the keychain holds. */
  privateKeyDer: string;
}

export function generateFeedKeyPair(): FeedKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKeyText(publicKey),
    privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function privateKeyFromDer(der: string): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the stored feed key is not an Ed25519 key');
  return key;
}

/** `ed25519:` and the raw 32-byte public key in base64url (what a follower pins). */
export function publicKeyText(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return `${PUBLIC_KEY_PREFIX}${String(jwk.x)}`;
}

/** The pinned key from its text, or a sentence saying what is wrong with it. */
export function parsePublicKey(text: string): KeyObject | { error: string } {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PUBLIC_KEY_PREFIX))
    return { error: `must start with "${PUBLIC_KEY_PREFIX}" followed by the key the leader's feed shows` };
  const x = trimmed.slice(PUBLIC_KEY_PREFIX.length);
  if (!/^[A-Za-z0-9_-]{43}$/.test(x) || Buffer.from(x, 'base64url').length !== 32)
    return { error: `is not an Ed25519 public key (expected ${PUBLIC_KEY_PREFIX} and 43 base64url characters)` };
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    return { error: 'is not a valid Ed25519 public key' };
  }
}

export function signFeedEvent(event: FeedEvent, privateKey: KeyObject): SignedFeedEvent {
  return { event, sig: sign(null, signedBytes(event), privateKey).toString('base64url') };
}

export type VerifyResult =
  | { ok: true; event: FeedEvent }
  | { ok: false; kind: 'malformed' | 'unsigned' | 'bad_signature' | 'invalid'; reason: string; claimed: Partial<ClaimedFields> };

interface ClaimedFields {
  seq: number;
  symbol: string;
  side: 'buy' | 'sell';
  cumulative: number;
}

/** What an unverified event says about itself (for the log only: never trusted). */
function claimedOf(event: unknown): Partial<ClaimedFields> {
  const claimed: Partial<ClaimedFields> = {};
  if (typeof event !== 'object' || event === null) return claimed;
  const record = event as Record<string, unknown>;
  if (Number.isSafeInteger(record.seq)) claimed.seq = record.seq as number;
  const fill = record.fill;
  if (typeof fill === 'object' && fill !== null) {
    const f = fill as Record<string, unknown>;
    if (typeof f.symbol === 'string' && /^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/.test(f.symbol)) claimed.symbol = f.symbol;
    if (f.side === 'buy' || f.side === 'sell') claimed.side = f.side;
    if (typeof f.cumulative === 'number' && Number.isFinite(f.cumulative)) claimed.cumulative = f.cumulative;
  }
  return claimed;
}

/**
 * Checks one event as received (parsed JSON of unknown shape) against the pinned key: it must be
 * signed, the signature must cover exactly these bytes, and only then is its shape read.
 */
export function verifyFeedEvent(received: unknown, publicKey: KeyObject): VerifyResult {
  if (typeof received !== 'object' || received === null || Array.isArray(received))
    return { ok: false, kind: 'malformed', reason: 'it is not a feed event (expected {"event": …, "sig": …})', claimed: {} };
  const { event, sig } = received as Record<string, unknown>;
  const claimed = claimedOf(event);
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return { ok: false, kind: 'malformed', reason: 'it holds no event object', claimed };
  if (sig === undefined || sig === null || sig === '') return { ok: false, kind: 'unsigned', reason: 'it carries no signature', claimed };
  if (typeof sig !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(sig))
    return { ok: false, kind: 'bad_signature', reason: 'its signature is not an Ed25519 signature', claimed };
  let bytes: Buffer;
  try {
    bytes = signedBytes(event);
  } catch (error) {
    return { ok: false, kind: 'malformed', reason: `it cannot be read: ${(error as Error).message}`, claimed };
  }
  if (!verify(null, bytes, publicKey, Buffer.from(sig, 'base64url')))
    return {
      ok: false,
      kind: 'bad_signature',
      reason: 'its signature does not match the pinned public key (the event was altered, or signed by another key)',
      claimed,
    };
  const parsed = FeedEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      kind: 'invalid',
      reason: `it is signed but not a fill this version reads (${issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'unknown shape'})`,
      claimed,
    };
  }
  return { ok: true, event: parsed.data };
}
