/**
 * On-disk format and crypto of the encrypted file store (`secrets.enc.json`):
 *   header: scrypt parameters + random 16-byte salt, and a check value (a known constant sealed
 *           under the derived key) so a wrong passphrase is told apart from a damaged entry;
 *   entries: name -> AES-256-GCM box (random 12-byte IV, 16-byte tag, ciphertext) whose AAD binds
 *           the entry name, so a box moved under another account's name fails authentication.
 * Only ciphertext and public parameters are ever written; the key lives in memory only.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

export const FILE_NAME = 'secrets.enc.json';
/** scrypt cost of new files: N=2^17, r=8 (128 MiB, ~0.5 s), OWASP's recommendation for scrypt. */
export const DEFAULT_SCRYPT_N = 2 ** 17;
/** Tests may go this low via an explicit option, never lower; production keeps the default. */
export const MIN_SCRYPT_N = 2 ** 10;
export const MIN_PASSPHRASE_LENGTH = 12;

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_PLAINTEXT = 'tradewind-secrets-check-v1';
const AAD_PREFIX = 'tradewind-secrets/v1';

const base64Of = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((s) => bytes === undefined || Buffer.from(s, 'base64').length === bytes);

const boxSchema = z.strictObject({ iv: base64Of(IV_BYTES), tag: base64Of(TAG_BYTES), data: base64Of() });
export type SealedBox = z.infer<typeof boxSchema>;

const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));

// Bounds matter: the header is read before anything is authenticated, and a crafted N or r
// would otherwise make us allocate gigabytes.
const kdfSchema = z
  .strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(MIN_SCRYPT_N)
      .max(2 ** 20)
      .refine(isPowerOfTwo),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64Of(SALT_BYTES),
  })
  .refine((k) => 128 * k.N * k.r <= 2 ** 30, 'scrypt memory above 1 GiB');
export type KdfParams = z.infer<typeof kdfSchema>;

const entryNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}\/v[1-9][0-9]{0,15}$/);

export const fileSchema = z.strictObject({
  format: z.literal('tradewind-secrets'),
  version: z.literal(1),
  kdf: kdfSchema,
  check: boxSchema,
  entries: z.record(entryNameSchema, boxSchema),
});
export type SecretsFile = z.infer<typeof fileSchema>;

export function newKdfParams(N: number): KdfParams {
  return kdfSchema.parse({ name: 'scrypt', N, r: 8, p: 1, salt: randomBytes(SALT_BYTES).toString('base64') });
}

/** Async scrypt: it runs on the libuv pool, so a 0.5 s derivation never blocks the event loop. */
export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  const maxmem = 256 * kdf.N * kdf.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

const entryAad = (name: string) => Buffer.from(`${AAD_PREFIX}/entry/${name}`, 'utf8');
const checkAad = () => Buffer.from(`${AAD_PREFIX}/check`, 'utf8');

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext, or null when authentication fails (wrong key, altered box, or wrong AAD). */
function unseal(key: Buffer, box: SealedBox, aad: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export const sealCheck = (key: Buffer): SealedBox => seal(key, Buffer.from(CHECK_PLAINTEXT, 'utf8'), checkAad());

export function checkMatches(key: Buffer, box: SealedBox): boolean {
  const plain = unseal(key, box, checkAad());
  return plain !== null && plain.toString('utf8') === CHECK_PLAINTEXT;
}

export function sealEntry(key: Buffer, name: string, json: string): SealedBox {
  const plain = Buffer.from(json, 'utf8');
  try {
    return seal(key, plain, entryAad(name));
  } finally {
    plain.fill(0);
  }
}

/** Decrypted entry text, or null if it fails authentication. The plaintext buffer is wiped. */
export function unsealEntry(key: Buffer, name: string, box: SealedBox): string | null {
  const plain = unseal(key, box, entryAad(name));
  if (plain === null) return null;
  try {
    return plain.toString('utf8');
  } finally {
    plain.fill(0);
  }
}

/** Same salt, cost and check value: the file on disk is still the one this key was derived for. */
export function sameHeader(a: SecretsFile, b: SecretsFile): boolean {
  const ka = a.kdf;
  const kb = b.kdf;
  return (
    ka.salt === kb.salt &&
    ka.N === kb.N &&
    ka.r === kb.r &&
    ka.p === kb.p &&
    a.check.iv === b.check.iv &&
    a.check.tag === b.check.tag &&
    a.check.data === b.check.data
  );
}
