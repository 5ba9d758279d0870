import { SecretStoreError } from './errors';

/** Which secret: one key version of one account. Versions are independent entries (rotation). */
export interface SecretRef {
  accountId: string;
  version: number;
}

/**
 * No '/', '.', whitespace or control characters: the keychain account name is built as
 * `<accountId>/v<version>`, so a crafted id like `a/v1` or `../x` could otherwise address
 * another entry (or, in a file store keyed by name, another record).
 */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ENTRY_NAME = /^([A-Za-z0-9_-]{1,64})\/v([1-9][0-9]{0,15})$/;

/** A short, quoted rendering of a rejected value for messages (it is an id, never a secret). */
function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function assertValidAccountId(accountId: unknown): asserts accountId is string {
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
    throw new SecretStoreError('invalid_ref', `Invalid account id ${show(accountId)}: use 1-64 letters, digits, '_' or '-'.`);
  }
}

export function assertValidRef(ref: unknown): asserts ref is SecretRef {
  if (typeof ref !== 'object' || ref === null) {
    throw new SecretStoreError('invalid_ref', 'A secret reference must be { accountId, version }.');
  }
  const { accountId, version } = ref as Record<string, unknown>;
  assertValidAccountId(accountId);
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new SecretStoreError(
      'invalid_ref',
      `Invalid key version ${show(version)} for account ${show(accountId)}: use a positive integer.`,
    );
  }
}

/** The single name of an entry: keychain account name and file-store key. Validates first. */
export function entryName(ref: SecretRef): string {
  assertValidRef(ref);
  return `${ref.accountId}/v${ref.version}`;
}

/** Inverse of entryName; null for anything that is not one of our entries (e.g. probe entries). */
export function parseEntryName(name: string): SecretRef | null {
  const match = ENTRY_NAME.exec(name);
  if (!match) return null;
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version)) return null;
  return { accountId: match[1]!, version };
}

export function compareRefs(a: SecretRef, b: SecretRef): number {
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  return a.version - b.version;
}
