/**
 * Picks the secret store at start-up. The keychain is the default; the encrypted file store is
 * used only when the person opted in (settings flag, or TRADEWIND_SECRET_STORE=encrypted-file).
 * There is no silent fallback: without the opt-in a keychain failure is an error that says how
 * to fix the keychain or how to opt in.
 */
import { MIN_PASSPHRASE_LENGTH } from './encrypted-file-format';
import { EncryptedFileSecretStore, PASSPHRASE_HOW } from './encrypted-file-store';
import { SecretStoreError } from './errors';
import { KeychainSecretStore } from './keychain-store';
import type { SecretStore, SecretStoreKind } from './secret-store';

export interface OpenSecretStoreOptions {
  dataDir: string;
  prefer?: SecretStoreKind;
  /** From passphrase-source.ts (file, stdin, prompt, or the env variable taken out of the environment). */
  passphrase?: string;
  /** The settings' explicit opt-in to the encrypted file store. */
  optInEncryptedFile?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** The keychain store to probe; tests pass one over a fake keychain library. */
  keychain?: KeychainSecretStore;
  /** scrypt cost for a newly created file (tests only). */
  scryptN?: number;
}

const ENV_STORE = 'TRADEWIND_SECRET_STORE';
const ENV_PASSPHRASE = 'TRADEWIND_SECRET_PASSPHRASE';

function envStoreChoice(env: OpenSecretStoreOptions['env']): SecretStoreKind | undefined {
  const value = env[ENV_STORE]?.trim();
  if (!value) return undefined;
  if (value === 'keychain' || value === 'encrypted-file') return value;
  throw new SecretStoreError(
    'not_opted_in',
    `${ENV_STORE}=${JSON.stringify(value.slice(0, 40))} is not understood: use "keychain" or "encrypted-file".`,
  );
}

export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const fromEnv = envStoreChoice(options.env);
  // An explicit env choice wins over the settings, so a server can be configured without a UI.
  const prefer = fromEnv ?? options.prefer ?? 'keychain';
  const optedIn = fromEnv === 'encrypted-file' || (fromEnv === undefined && options.optInEncryptedFile === true);
  const passphrase = options.passphrase ?? options.env[ENV_PASSPHRASE];
  const openFile = () => EncryptedFileSecretStore.open({ dataDir: options.dataDir, passphrase, optIn: true, scryptN: options.scryptN });

  if (prefer === 'encrypted-file') {
    if (!optedIn) {
      throw new SecretStoreError(
        'not_opted_in',
        'The encrypted file store was requested but not opted in to. Set TRADEWIND_SECRET_STORE=encrypted-file ' +
          `in the environment Tradewind starts with, and give the passphrase through ${PASSPHRASE_HOW}.`,
      );
    }
    return openFile();
  }

  const keychain = options.keychain ?? new KeychainSecretStore();
  try {
    await keychain.probe();
    return keychain;
  } catch (err) {
    if (!(err instanceof SecretStoreError)) throw err;
    // Only a missing keychain falls through to the opted-in file. A LOCKED one exists and likely
    // holds keys already; switching stores because of a lock would make those keys vanish.
    if (optedIn && err.code === 'keychain_unavailable') return openFile();
    throw withOptInAdvice(err);
  }
}

function withOptInAdvice(err: SecretStoreError): SecretStoreError {
  const advice =
    err.code === 'keychain_locked'
      ? 'To use the encrypted file store instead (servers without a keychain), set ' +
        `TRADEWIND_SECRET_STORE=encrypted-file and give the passphrase through ${PASSPHRASE_HOW}.`
      : 'On a server without a keychain you can opt in to the encrypted file store instead: start Tradewind ' +
        `with TRADEWIND_SECRET_STORE=encrypted-file and a passphrase of ${MIN_PASSPHRASE_LENGTH}+ characters given through ${PASSPHRASE_HOW}. ` +
        'Tradewind never stores API secrets in plain text.';
  return new SecretStoreError(err.code, `${err.message} ${advice}`);
}
