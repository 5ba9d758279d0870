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

const SYMBOL = z
  .string()
  .max(48)
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/);
/** A leader position or order as followers see it: a digest (no account, bracket or client id leaves the leader). */
const opaque = z.string().min(1).max(64);

const header = {
  v: z.literal(1),
  feed: z.string().regex(FEED_ID),
  seq: z.number().int().min(1),
  publishedAt: time,
};

/** Kind `fill`: one leader fill state. */
const FillEventSchema = z.strictObject({
  ...header,
  fill: z.strictObject({
    /** The leader order, opaque (a digest: no account or client id leaves the leader). */
    order: opaque,
    symbol: SYMBOL,
    side: z.enum(['buy', 'sell']),
    /** The leader order's filled amount so far (base) and its cost (quote): partial fills copy by difference. */
    cumulative: finite.positive(),
    cost: finite.positive(),
    /** Average price of the leader order so far. */
    price: finite.positive(),
    filledAt: time,
    /** When the leader order was created (null: unknown). */
    openedAt: time.nullable(),
    /** The order is an exit of a protected leader position (`protection.key`, its role): a mirror is cancelled before it is copied. */
    exitOf: z.strictObject({ key: opaque, role: z.string().regex(/^(target:\d{1,3}|close|oco-stop)$/) }).optional(),
  }),
});

/**
 * Kind `protection`: the whole current take-profit/stop of one leader position (a bracket),
 * what `protection: leader` links mirror. A follower compares revisions, so a repeat is harmless.
 * A follower of a version without this kind refuses it by its schema ("signed but not a fill this
 * version reads", a row on each link) and goes on after the gap row: it never mirrors blindly.
 */
const ProtectionEventSchema = z.strictObject({
  ...header,
  protection: z.strictObject({
    key: opaque,
    /** The leader order that opened the position (as `fill.order`): the follower's copies of it are what the mirror sells. */
    entryOrder: opaque,
    entryAmount: finite.positive(),
    symbol: SYMBOL,
    revision: z.string().min(1).max(64),
    targets: z
      .array(
        z.strictObject({ key: z.number().int().min(0), price: finite.positive(), share: finite.positive().max(100), done: z.boolean() }),
      )
      .max(20),
    stopPrice: finite.positive().nullable(),
    trailingPct: finite.positive().max(100).nullable(),
    state: z.enum(['active', 'cancelled']),
  }),
});

export const FeedEventSchema = z.union([FillEventSchema, ProtectionEventSchema]);
export type FillFeedEvent = z.infer<typeof FillEventSchema>;
export type ProtectionFeedEvent = z.infer<typeof ProtectionEventSchema>;
export type FeedEvent = z.infer<typeof FeedEventSchema>;

/** What travels: the event and its signature (base64url of the 64-byte Ed25519 signature). */
export interface SignedFeedEvent<E extends FeedEvent = FeedEvent> {
  event: E;
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

export function signFeedEvent<E extends FeedEvent>(event: E, privateKey: KeyObject): SignedFeedEvent<E> {
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
  const protection = record.protection;
  if (typeof protection === 'object' && protection !== null) {
    const symbol = (protection as Record<string, unknown>).symbol;
    if (typeof symbol === 'string' && /^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/.test(symbol)) claimed.symbol = symbol;
  }
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
  // The kind is read from the key the event holds, so a malformed event's message names the field at fault.
  const schema: z.ZodType<FeedEvent> = 'protection' in event ? ProtectionEventSchema : FillEventSchema;
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      kind: 'invalid',
      reason: `it is signed but not an event this version reads (${issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'unknown shape'})`,
      claimed,
    };
  }
  return { ok: true, event: parsed.data };
}
