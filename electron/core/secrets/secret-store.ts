/**
 * Where API secrets live. Per DESIGN.md "Secrets", a secret exists in exactly two places: the
 * OS keychain (or, after an explicit opt-in on a server, the encrypted file store) and the memory
 * of core while an exchange client is built. Callers get credentials from `get`, hand them to
 * the exchange client and drop them; nothing here ever logs, persists elsewhere or echoes them.
 */
import type { ExchangeCredentials } from './credentials';
import type { SecretRef } from './secret-ref';

export type { ExchangeCredentials } from './credentials';
export type { SecretRef } from './secret-ref';
export { SecretStoreError, redactSecrets, isSecretStoreError, type SecretStoreErrorCode } from './errors';
export { assertValidRef, entryName } from './secret-ref';

export type SecretStoreKind = 'keychain' | 'encrypted-file';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Creates or replaces the entry of one key version. */
  set(ref: SecretRef, secret: ExchangeCredentials): Promise<void>;
  /** null when this version has no entry; throws rather than return null when the store is locked. */
  get(ref: SecretRef): Promise<ExchangeCredentials | null>;
  /** true when an entry was removed, false when there was none. */
  delete(ref: SecretRef): Promise<boolean>;
  /** The refs held, sorted by account then version; only one account's when `accountId` is given. */
  list(accountId?: string): Promise<SecretRef[]>;
}
