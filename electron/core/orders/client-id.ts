import { createHash } from 'node:crypto';

/**
 * Client order ids: `tw-` + a short hash of the account id + `-` + the account's order sequence
 * in base 36, e.g. `tw-k3j9x0-1b`. The sequence is persisted and allocated in the same
 * transaction that records the intent, so an id is never reused, even across restarts, and the
 * prefix tells our orders apart from ones placed elsewhere. Binance accepts `^[.A-Z:/a-z0-9_-]{1,36}$`.
 */
export const CLIENT_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export function accountTag(accountId: string): string {
  const digest = createHash('sha256').update(accountId).digest();
  return digest.readUIntBE(0, 6).toString(36).padStart(6, '0').slice(-6);
}

export function clientIdPrefix(accountId: string): string {
  return `tw-${accountTag(accountId)}-`;
}

export function makeClientOrderId(accountId: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Error(`order sequence must be a positive integer, got ${sequence}`);
  return `${clientIdPrefix(accountId)}${sequence.toString(36)}`;
}

export function isOurClientId(accountId: string, clientOrderId: string): boolean {
  return clientOrderId.startsWith(clientIdPrefix(accountId));
}

/**
 * A client id derived from what asked for the order rather than the account's sequence: the same
 * `key` (a copy: leader id + leader event id + follower link id) always gives the same id, so a
 * repeated request, or the same request after a restart, can never become a second order (the
 * ledger's primary key refuses it). `tw-<tag>-c<16 base36>`: 27 characters, letters, digits and
 * dashes only, within Binance's 36, Bybit's 36 and OKX's 32 (dashes travel as `Z` there).
 */
export function derivedClientOrderId(accountId: string, key: string): string {
  const digest = createHash('sha256').update(`${accountId}\n${key}`).digest();
  const hash = (digest.readBigUInt64BE(0) % 36n ** 16n).toString(36).padStart(16, '0');
  return `${clientIdPrefix(accountId)}c${hash}`;
}
