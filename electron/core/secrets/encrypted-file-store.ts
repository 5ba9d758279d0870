/**
 * Secret store for servers without an OS keychain: one passphrase-encrypted file in the data
 * folder. It exists only after an explicit opt-in, because its safety rests on the passphrase
 * alone; see encrypted-file-format.ts for the format.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseStoredCredentials, serialiseCredentials, type ExchangeCredentials } from './credentials';
import {
  DEFAULT_SCRYPT_N,
  FILE_NAME,
  MIN_PASSPHRASE_LENGTH,
  MIN_SCRYPT_N,
  checkMatches,
  deriveKey,
  fileSchema,
  newKdfParams,
  sameHeader,
  sealCheck,
  sealEntry,
  unsealEntry,
  type SecretsFile,
} from './encrypted-file-format';
import { writeFileAtomic } from './atomic-write';
import { SecretStoreError, describeError } from './errors';
import { assertValidAccountId, compareRefs, entryName, parseEntryName, type SecretRef } from './secret-ref';
import type { SecretStore } from './secret-store';

export interface EncryptedFileStoreOptions {
  dataDir: string;
  passphrase?: string;
  /** Required to CREATE the file; an existing file needs only its passphrase. */
  optIn?: boolean;
  /** scrypt cost for a new file. Only tests lower it; existing files keep the cost they were made with. */
  scryptN?: number;
}

/** Names a file holding the passphrase (its first line); passphrase-source.ts reads it. */
export const PASSPHRASE_FILE_ENV = 'TRADEWIND_SECRET_PASSPHRASE_FILE';
/** Where a passphrase may come from (passphrase-source.ts); never a variable left in the environment. */
export const PASSPHRASE_HOW = `${PASSPHRASE_FILE_ENV} (a file only you can read), \`tradewind serve --passphrase-stdin\`, or the prompt on a terminal`;

const OPT_IN_HOW =
  `To opt in, set TRADEWIND_SECRET_STORE=encrypted-file and give a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters ` +
  `through ${PASSPHRASE_HOW}.`;

export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'encrypted-file' as const;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly filePath: string,
    private key: Buffer | null,
    private readonly header: SecretsFile,
  ) {}

  static filePathIn(dataDir: string): string {
    return path.join(path.resolve(dataDir), FILE_NAME);
  }

  static async exists(dataDir: string): Promise<boolean> {
    return (await statOrNull(EncryptedFileSecretStore.filePathIn(dataDir))) !== null;
  }

  static async open(options: EncryptedFileStoreOptions): Promise<EncryptedFileSecretStore> {
    const file = EncryptedFileSecretStore.filePathIn(options.dataDir);
    const stat = await statOrNull(file);
    const { key, doc } = stat ? await openExisting(file, stat.mode, options.passphrase) : await create(file, options);
    return new EncryptedFileSecretStore(file, key, doc);
  }

  get locked(): boolean {
    return this.key === null;
  }

  /** Wipes the derived key from memory; every later call fails with 'store_locked'. */
  lock(): void {
    this.key?.fill(0);
    this.key = null;
  }

  async set(ref: SecretRef, secret: ExchangeCredentials): Promise<void> {
    const name = entryName(ref);
    const json = serialiseCredentials(secret);
    await this.exclusive(async () => {
      const doc = await this.read();
      doc.entries[name] = sealEntry(this.requireKey(), name, json);
      await this.write(doc);
    });
  }

  async get(ref: SecretRef): Promise<ExchangeCredentials | null> {
    const name = entryName(ref);
    return this.exclusive(async () => {
      const doc = await this.read();
      const box = Object.hasOwn(doc.entries, name) ? doc.entries[name] : undefined;
      if (!box) return null;
      const json = unsealEntry(this.requireKey(), name, box);
      if (json === null) {
        throw new SecretStoreError(
          'corrupt',
          `The entry ${name} in ${this.filePath} failed authentication: it was altered or moved from ` +
            'another account. Delete this key version and enter the API key again (or restore the file from a backup).',
        );
      }
      return parseStoredCredentials(json, `${name} in ${this.filePath}`);
    });
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const name = entryName(ref);
    return this.exclusive(async () => {
      const doc = await this.read();
      if (!Object.hasOwn(doc.entries, name)) return false;
      delete doc.entries[name];
      await this.write(doc);
      return true;
    });
  }

  async list(accountId?: string): Promise<SecretRef[]> {
    if (accountId !== undefined) assertValidAccountId(accountId);
    return this.exclusive(async () => {
      const doc = await this.read();
      const refs = Object.keys(doc.entries)
        .map(parseEntryName)
        .filter((ref): ref is SecretRef => ref !== null && (accountId === undefined || ref.accountId === accountId));
      return refs.sort(compareRefs);
    });
  }

  /**
   * One operation at a time, so two concurrent `set`s cannot each read the old file and lose
   * the other's entry. The file is re-read every time: it is small, and nothing stale is kept.
   */
  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      this.requireKey();
      return op();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The key, fetched right where it is used (synchronously before each seal/unseal), so a
   * `lock()` during an awaited file read can never leave an operation using a wiped key.
   */
  private requireKey(): Buffer {
    if (!this.key) {
      throw new SecretStoreError(
        'store_locked',
        `The encrypted secret store ${this.filePath} is locked. Open it again with its passphrase.`,
      );
    }
    return this.key;
  }

  private async read(): Promise<SecretsFile> {
    const doc = await readSecretsFile(this.filePath);
    if (!sameHeader(doc, this.header)) {
      throw new SecretStoreError(
        'corrupt',
        `${this.filePath} was replaced while it was open (its salt or check value changed). ` +
          'Restart Tradewind so it opens the current file with its passphrase.',
      );
    }
    return doc;
  }

  private write(doc: SecretsFile): Promise<void> {
    return writeFileAtomic(this.filePath, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

async function statOrNull(file: string): Promise<{ mode: number } | null> {
  try {
    return await fs.stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function readSecretsFile(file: string): Promise<SecretsFile> {
  const text = await fs.readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SecretStoreError(
      'corrupt',
      `${file} is not a valid Tradewind secret store (damaged or edited by hand). Restore it from a backup, ` +
        'or move it away and enter the API keys again.',
    );
  }
  return parsed.data;
}

interface Opened {
  key: Buffer;
  doc: SecretsFile;
}

async function openExisting(file: string, mode: number, passphrase: string | undefined): Promise<Opened> {
  if (!passphrase) {
    throw new SecretStoreError(
      'store_locked',
      `The encrypted secret store ${file} needs its passphrase: give it through ${PASSPHRASE_HOW}.`,
    );
  }
  const doc = await readSecretsFile(file);
  const key = await derive(passphrase, doc);
  if (!checkMatches(key, doc.check)) {
    key.fill(0);
    throw new SecretStoreError(
      'bad_passphrase',
      `The passphrase does not open ${file}. Check it (it is case-sensitive). If it is lost, the keys in ` +
        'this file cannot be recovered: move the file away and enter the API keys again.',
      [passphrase],
    );
  }
  // A restored backup may have lost its permissions; this file is for its owner only.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) await fs.chmod(file, 0o600);
  return { key, doc };
}

async function create(file: string, options: EncryptedFileStoreOptions): Promise<Opened> {
  if (options.optIn !== true) {
    throw new SecretStoreError(
      'not_opted_in',
      `No OS keychain store is in use and no encrypted secret store exists in ${path.dirname(file)}; ` +
        'one is only created on explicit opt-in. The trade-off: an encrypted file is as safe as its passphrase ' +
        '(anyone with the file and the passphrase has your API keys, and a lost passphrase means entering every ' +
        `key again), whereas the OS keychain ties secrets to your login. ${OPT_IN_HOW}`,
    );
  }
  const { passphrase } = options;
  if (!passphrase) {
    throw new SecretStoreError(
      'bad_passphrase',
      `The encrypted secret store needs a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters: give it through ${PASSPHRASE_HOW}.`,
    );
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new SecretStoreError(
      'passphrase_too_short',
      `The passphrase has ${passphrase.length} characters; the encrypted secret store needs at least ${MIN_PASSPHRASE_LENGTH} ` +
        '(a few random words work well). Nothing was created: give a longer one.',
      [passphrase],
    );
  }
  const N = options.scryptN ?? DEFAULT_SCRYPT_N;
  if (!Number.isInteger(Math.log2(N)) || N < MIN_SCRYPT_N) {
    throw new RangeError(`scryptN must be a power of two >= ${MIN_SCRYPT_N}`);
  }
  const kdf = newKdfParams(N);
  const key = await derive(passphrase, { kdf });
  const doc: SecretsFile = { format: 'tradewind-secrets', version: 1, kdf, check: sealCheck(key), entries: {} };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { key, doc };
}

async function derive(passphrase: string, doc: Pick<SecretsFile, 'kdf'>): Promise<Buffer> {
  try {
    return await deriveKey(passphrase, doc.kdf);
  } catch (err) {
    throw new SecretStoreError('corrupt', `Could not derive the key (${describeError(err, [passphrase])}).`, [passphrase]);
  }
}
