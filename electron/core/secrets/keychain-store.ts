import { randomBytes, randomUUID } from 'node:crypto';
import { parseStoredCredentials, serialiseCredentials, type ExchangeCredentials } from './credentials';
import { describeError, isSecretStoreError, type SecretStoreError } from './errors';
import { keychainError, keychainErrorOf, keyringLoadError } from './keychain-errors';
import { assertValidAccountId, compareRefs, entryName, parseEntryName, type SecretRef } from './secret-ref';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'Tradewind';

/**
 * Every entry is pinned to the Secret Service on Linux. Unpinned, @napi-rs/keyring silently falls
 * back to the kernel keyring (keyutils) when no Secret Service answers: that keyring lives in
 * kernel memory and is gone after a reboot, so keys would vanish without a word. Pinned, a missing
 * Secret Service is an error we can explain (DESIGN.md: never a silent fallback). Other OSes
 * ignore the option.
 */
export const KEYRING_ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const;

/** One keychain entry (service + account); the calls mirror @napi-rs/keyring's AsyncEntry. */
export interface KeychainEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  /** true when an entry was removed, false when there was none. */
  deletePassword(): Promise<boolean>;
}

/** The part of the keychain library we use; tests can hand in a fake. */
export interface KeychainApi {
  /** May throw at once, e.g. when the pinned store (the Secret Service) cannot be reached. */
  entry(service: string, account: string): KeychainEntry;
  /** Every entry of the service, with its secret (on Linux: a Secret Service search only). */
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/** The native module's shape, as far as `keyringApi` needs it. */
export interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: typeof KEYRING_ENTRY_OPTIONS) => KeychainEntry;
  findCredentialsAsync(service: string): Promise<{ account: string; password: string }[]>;
}

/** Adapts @napi-rs/keyring to KeychainApi, pinning every entry (see KEYRING_ENTRY_OPTIONS). */
export function keyringApi(mod: KeyringModule): KeychainApi {
  return {
    entry: (service, account) => new mod.AsyncEntry(service, account, KEYRING_ENTRY_OPTIONS),
    // On Linux the library searches the Secret Service directly (never keyutils), so listing
    // sees exactly the store the pinned entries write to; without a Secret Service it throws.
    findCredentials: (service) => mod.findCredentialsAsync(service),
  };
}

/**
 * @napi-rs/keyring is a native module: loading it eagerly would make all of core fail on a
 * machine where its prebuilt binary is missing. A dynamic import keeps that failure inside the
 * store, and bundlers turn it into a lazy require when they emit CommonJS.
 */
async function importKeyring(): Promise<KeychainApi> {
  const mod: KeyringModule & { default?: KeyringModule } = await import('@napi-rs/keyring');
  return keyringApi(mod.default ?? mod);
}

export interface KeychainStoreOptions {
  load?: () => Promise<KeychainApi>;
  platform?: NodeJS.Platform;
  /** How long `probe` waits for the keychain (an unlock prompt may be on screen). */
  probeTimeoutMs?: number;
}

export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private keyring: Promise<KeychainApi> | undefined;
  private readonly load: () => Promise<KeychainApi>;
  readonly platform: NodeJS.Platform;
  private readonly probeTimeoutMs: number;

  constructor(options: KeychainStoreOptions = {}) {
    this.load = options.load ?? importKeyring;
    this.platform = options.platform ?? process.platform;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 60_000;
  }

  private api(): Promise<KeychainApi> {
    this.keyring ??= this.load().catch((err: unknown) => {
      this.keyring = undefined; // let a later call retry, e.g. after the library was installed
      throw keyringLoadError(err, this.platform);
    });
    return this.keyring;
  }

  /**
   * Runs keychain calls on one entry (or the whole service), mapping their failures, including
   * the entry constructor's own; `secrets` are redacted from any error text.
   */
  private async call<T>(op: (k: KeychainApi) => Promise<T>, secrets?: ExchangeCredentials): Promise<T> {
    const k = await this.api();
    try {
      return await op(k);
    } catch (err) {
      throw keychainError(err, this.platform, secrets);
    }
  }

  /**
   * Proves the keychain is reachable AND unlocked by writing, reading and deleting a throwaway
   * entry. Reads alone prove nothing: on a locked Secret Service collection a lookup of an entry
   * that is not there answers "not found" without asking for an unlock. Throws
   * 'keychain_unavailable' or 'keychain_locked'.
   */
  async probe(): Promise<void> {
    // '.' is not allowed in account ids, so a probe entry never collides with a real one.
    const account = `.probe/${randomUUID()}`;
    const value = randomBytes(16).toString('hex');
    const run = this.call(async (k) => {
      const entry = k.entry(KEYCHAIN_SERVICE, account);
      await entry.setPassword(value);
      try {
        if ((await entry.getPassword()) !== value) {
          throw new Error('the keychain did not return the entry just written (it may be locked)');
        }
      } finally {
        await entry.deletePassword();
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const detail = `no answer within ${this.probeTimeoutMs} ms; an unlock prompt may be waiting unanswered`;
        reject(keychainErrorOf('keychain_locked', detail, this.platform));
      }, this.probeTimeoutMs);
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
    await this.call((k) => k.entry(KEYCHAIN_SERVICE, account).setPassword(json), secret);
  }

  async get(ref: SecretRef): Promise<ExchangeCredentials | null> {
    const account = entryName(ref);
    const text = await this.call((k) => k.entry(KEYCHAIN_SERVICE, account).getPassword());
    if (text === null) {
      // A locked collection answers a lookup of an absent entry with "not found" (an existing one
      // fails as locked), so only a probe tells "not there" from "not there because locked".
      await this.probe();
      return null;
    }
    return parseStoredCredentials(text, `${account} in the keychain`);
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const account = entryName(ref);
    const removed = await this.call((k) => k.entry(KEYCHAIN_SERVICE, account).deletePassword());
    if (!removed) await this.probe(); // as in get: a locked collection also answers "nothing removed"
    return removed;
  }

  async list(accountId?: string): Promise<SecretRef[]> {
    if (accountId !== undefined) assertValidAccountId(accountId);
    // Probe first, so a locked keychain is reported as locked (with the unlock advice) before a
    // search could open an unlock prompt per collection, and an empty list always means "none".
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
export async function probeKeychain(store: KeychainSecretStore): Promise<SecretStoreError | null> {
  try {
    await store.probe();
    return null;
  } catch (err) {
    if (isSecretStoreError(err)) return err;
    return keychainErrorOf('keychain_unavailable', `probe failed: ${describeError(err)}`, store.platform);
  }
}
