import { randomBytes, randomUUID } from 'node:crypto';
import { parseStoredCredentials, serialiseCredentials, type ExchangeCredentials } from './credentials';
import { describeError, isSecretStoreError, type SecretStoreError } from './errors';
import { keychainError, keychainErrorOf, keytarLoadError } from './keychain-errors';
import { assertValidAccountId, compareRefs, entryName, parseEntryName, type SecretRef } from './secret-ref';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'Tradewind';

/** The part of keytar we use; tests can hand in a fake. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/**
 * keytar is a native module: loading it eagerly would make all of core fail on a machine where
 * it is missing or built for another ABI. A dynamic import keeps that failure inside the store,
 * and bundlers turn it into a lazy require when they emit CommonJS.
 */
async function importKeytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return mod.default ?? mod;
}

export interface KeytarStoreOptions {
  load?: () => Promise<KeytarApi>;
  platform?: NodeJS.Platform;
  /** How long `probe` waits for the keychain (an unlock prompt may be on screen). */
  probeTimeoutMs?: number;
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private keytar: Promise<KeytarApi> | undefined;
  private readonly load: () => Promise<KeytarApi>;
  readonly platform: NodeJS.Platform;
  private readonly probeTimeoutMs: number;

  constructor(options: KeytarStoreOptions = {}) {
    this.load = options.load ?? importKeytar;
    this.platform = options.platform ?? process.platform;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 60_000;
  }

  private api(): Promise<KeytarApi> {
    this.keytar ??= this.load().catch((err: unknown) => {
      this.keytar = undefined; // let a later call retry, e.g. after the library was installed
      throw keytarLoadError(err, this.platform);
    });
    return this.keytar;
  }

  /** Runs one keytar call, mapping its failures; `secrets` are redacted from any error text. */
  private async call<T>(op: (k: KeytarApi) => Promise<T>, secrets?: ExchangeCredentials): Promise<T> {
    const k = await this.api();
    try {
      return await op(k);
    } catch (err) {
      throw keychainError(err, this.platform, secrets);
    }
  }

  /**
   * Proves the keychain is reachable AND unlocked by writing, reading and deleting a throwaway
   * entry. Reads alone prove nothing: on a locked libsecret collection a lookup returns "not
   * found" instead of failing. Throws 'keychain_unavailable' or 'keychain_locked'.
   */
  async probe(): Promise<void> {
    // '.' is not allowed in account ids, so a probe entry never collides with a real one.
    const account = `.probe/${randomUUID()}`;
    const value = randomBytes(16).toString('hex');
    const run = this.call(async (k) => {
      await k.setPassword(KEYCHAIN_SERVICE, account, value);
      try {
        if ((await k.getPassword(KEYCHAIN_SERVICE, account)) !== value) {
          throw new Error('the keychain did not return the entry just written (it may be locked)');
        }
      } finally {
        await k.deletePassword(KEYCHAIN_SERVICE, account);
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          const detail = `no answer within ${this.probeTimeoutMs} ms; an unlock prompt may be waiting unanswered`;
          reject(keychainErrorOf('keychain_locked', detail, this.platform));
        },
        this.probeTimeoutMs,
      );
      timer.unref();
    });
    try {
      await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async set(ref: SecretRef, secret: ExchangeCredentials): Promise<void> {
    const account = entryName(ref);
    const json = serialiseCredentials(secret);
    await this.call((k) => k.setPassword(KEYCHAIN_SERVICE, account, json), secret);
  }

  async get(ref: SecretRef): Promise<ExchangeCredentials | null> {
    const account = entryName(ref);
    const text = await this.call((k) => k.getPassword(KEYCHAIN_SERVICE, account));
    if (text === null) {
      // "Not found" and "locked" look the same through libsecret; only a probe tells them apart.
      await this.probe();
      return null;
    }
    return parseStoredCredentials(text, `${account} in the keychain`);
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const account = entryName(ref);
    const removed = await this.call((k) => k.deletePassword(KEYCHAIN_SERVICE, account));
    if (!removed) await this.probe(); // as in get: a locked collection also answers "nothing removed"
    return removed;
  }

  async list(accountId?: string): Promise<SecretRef[]> {
    if (accountId !== undefined) assertValidAccountId(accountId);
    // Probe first: keytar's findCredentials crashes the process (NULL strdup) when a locked
    // libsecret collection holds matching items, so it must only run on an unlocked keychain.
    await this.probe();
    // findCredentials also loads every secret; only the account names are kept.
    const found = await this.call((k) => k.findCredentials(KEYCHAIN_SERVICE));
    const refs: SecretRef[] = [];
    for (const { account } of found) {
      const ref = parseEntryName(account);
      if (ref && (accountId === undefined || ref.accountId === accountId)) refs.push(ref);
    }
    return refs.sort(compareRefs);
  }
}

/** Probe without throwing: null when the keychain works, else the error saying why not. */
export async function probeKeychain(store: KeytarSecretStore): Promise<SecretStoreError | null> {
  try {
    await store.probe();
    return null;
  } catch (err) {
    if (isSecretStoreError(err)) return err;
    return keychainErrorOf('keychain_unavailable', `probe failed: ${describeError(err)}`, store.platform);
  }
}
