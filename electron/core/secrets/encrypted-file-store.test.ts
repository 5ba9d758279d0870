import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { DEFAULT_SCRYPT_N, FILE_NAME } from './encrypted-file-format';
import { EncryptedFileSecretStore } from './encrypted-file-store';

// Low scrypt cost keeps the suite fast; one test below checks the production default.
const FAST = { scryptN: 2 ** 10 };
const PASS = 'correct horse battery staple';
const CREDS = { apiKey: 'APIKEY-plain-7f3a9c', secret: 'SECRET-plain-b81e22d4', uid: 'user-42' };
const REF = { accountId: 'binance-main', version: 1 };

let temp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  temp = makeTempDir('tradewind-secrets-');
  file = path.join(temp.dir, FILE_NAME);
});
afterEach(() => temp.cleanup());

const create = (dataDir = temp.dir) => EncryptedFileSecretStore.open({ dataDir, passphrase: PASS, optIn: true, ...FAST });
const reopen = (passphrase = PASS) => EncryptedFileSecretStore.open({ dataDir: temp.dir, passphrase });
const readDoc = () => JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, Record<string, string>> };
const writeDoc = (doc: unknown) => fs.writeFileSync(file, JSON.stringify(doc));

describe('EncryptedFileSecretStore', () => {
  it('round-trips, keeps versions apart, lists and deletes, across a reopen', async () => {
    const store = await create();
    expect(store.kind).toBe('encrypted-file');
    await store.set(REF, CREDS);
    await store.set({ ...REF, version: 2 }, { apiKey: 'k2', secret: 's2' });
    await store.set({ accountId: 'okx', version: 1 }, { apiKey: 'k3', secret: 's3', password: 'p3' });

    const again = await reopen();
    expect(await again.get(REF)).toEqual(CREDS);
    expect(await again.get({ ...REF, version: 2 })).toEqual({ apiKey: 'k2', secret: 's2' });
    expect(await again.get({ ...REF, version: 3 })).toBeNull();
    expect(await again.list(REF.accountId)).toEqual([REF, { ...REF, version: 2 }]);
    expect(await again.list()).toHaveLength(3);
    expect(await again.delete(REF)).toBe(true);
    expect(await again.delete(REF)).toBe(false);
    expect(await again.get(REF)).toBeNull();
    expect(await again.get({ ...REF, version: 2 })).toEqual({ apiKey: 'k2', secret: 's2' });
  });

  it('serialises concurrent writes without losing any', async () => {
    const store = await create();
    await Promise.all([1, 2, 3, 4, 5].map((version) => store.set({ ...REF, version }, CREDS)));
    expect(await store.list()).toHaveLength(5);
  });

  it('writes a 0600 file that never holds the plaintext, and no temp files', async () => {
    const store = await create();
    await store.set(REF, CREDS);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const bytes = fs.readFileSync(file);
    for (const needle of [CREDS.apiKey, CREDS.secret, CREDS.uid, PASS]) {
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(needle).toString('base64')))).toBe(false);
    }
    expect(fs.readdirSync(temp.dir)).toEqual([FILE_NAME]);
  });

  it('refuses a wrong passphrase with bad_passphrase', async () => {
    await (await create()).set(REF, CREDS);
    const err = await reopen('correct horse battery stapler').catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'bad_passphrase' });
    expect((err as Error).message).not.toContain('stapler');
  });

  it('detects tampered ciphertext and tags as corrupt', async () => {
    await (await create()).set(REF, CREDS);
    const doc = readDoc();
    const box = doc.entries['binance-main/v1']!;
    const data = Buffer.from(box.data!, 'base64');
    data[0]! ^= 0x01;
    box.data = data.toString('base64');
    writeDoc(doc);
    await expect((await reopen()).get(REF)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('binds each entry to its ref: an entry moved to another account fails as corrupt', async () => {
    const store = await create();
    await store.set(REF, CREDS);
    await store.set({ accountId: 'victim', version: 1 }, { apiKey: 'v', secret: 'v' });
    const doc = readDoc();
    doc.entries['victim/v1'] = doc.entries['binance-main/v1']!;
    doc.entries['binance-main/v2'] = doc.entries['binance-main/v1']!;
    writeDoc(doc);
    const again = await reopen();
    await expect(again.get({ accountId: 'victim', version: 1 })).rejects.toMatchObject({ code: 'corrupt' });
    await expect(again.get({ ...REF, version: 2 })).rejects.toMatchObject({ code: 'corrupt' });
    expect(await again.get(REF)).toEqual(CREDS);
  });

  it('treats a damaged file or a hostile header as corrupt, never as an allocation of gigabytes', async () => {
    await create();
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { kdf: { N: number } };
    doc.kdf.N = 2 ** 30;
    writeDoc(doc);
    await expect(reopen()).rejects.toMatchObject({ code: 'corrupt' });
    fs.writeFileSync(file, '{"format":"tradewind-secrets", "version": 1, "entr');
    await expect(reopen()).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('notices a file swapped under an open store', async () => {
    const store = await create();
    const other = makeTempDir('tradewind-secrets-other-');
    try {
      await create(other.dir);
      fs.copyFileSync(path.join(other.dir, FILE_NAME), file);
      await expect(store.get(REF)).rejects.toMatchObject({ code: 'corrupt' });
    } finally {
      other.cleanup();
    }
  });

  it('lock() wipes the key: later calls fail with store_locked', async () => {
    const store = await create();
    await store.set(REF, CREDS);
    const key = (store as unknown as { key: Buffer }).key;
    store.lock();
    expect(key.equals(Buffer.alloc(key.length))).toBe(true);
    expect(store.locked).toBe(true);
    await expect(store.get(REF)).rejects.toMatchObject({ code: 'store_locked' });
    await expect(store.set(REF, CREDS)).rejects.toMatchObject({ code: 'store_locked' });
  });

  it('needs the passphrase to open an existing file', async () => {
    await create();
    await expect(EncryptedFileSecretStore.open({ dataDir: temp.dir })).rejects.toMatchObject({ code: 'store_locked' });
  });

  it('creates nothing without the explicit opt-in, and explains the trade-off', async () => {
    const err = await EncryptedFileSecretStore.open({ dataDir: temp.dir, passphrase: PASS, ...FAST }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'not_opted_in' });
    expect((err as Error).message).toMatch(/as safe as its passphrase.*TRADEWIND_SECRET_STORE=encrypted-file/s);
    // No settings screen offers this opt-in: the advice names only what exists.
    expect((err as Error).message).not.toMatch(/settings/i);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('requires a passphrase of at least 12 characters to create', async () => {
    const open = (passphrase?: string) => EncryptedFileSecretStore.open({ dataDir: temp.dir, passphrase, optIn: true, ...FAST });
    const short = await open('short-pass1').catch((e: Error) => e);
    expect(short).toMatchObject({ code: 'passphrase_too_short', message: expect.stringMatching(/has 11 characters.*at least 12/) });
    expect((short as Error).message).not.toContain('short-pass1');
    await expect(open(undefined)).rejects.toMatchObject({ code: 'bad_passphrase' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('rejects invalid refs and credentials without echoing secrets', async () => {
    const store = await create();
    await expect(store.set({ accountId: '../x', version: 1 }, CREDS)).rejects.toMatchObject({ code: 'invalid_ref' });
    await expect(store.get({ accountId: 'a/v1', version: 1 })).rejects.toMatchObject({ code: 'invalid_ref' });
    const bad = { apiKey: CREDS.apiKey, secret: '', extra: 'x' };
    const err = await store.set(REF, bad as never).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'invalid_credentials' });
    expect((err as Error).message).toMatch(/secret, extra \(unknown\)/);
    expect((err as Error).message).not.toContain(CREDS.apiKey);
  });

  it('uses a strong scrypt cost by default (N >= 2^15, r=8, p=1)', async () => {
    await EncryptedFileSecretStore.open({ dataDir: temp.dir, passphrase: PASS, optIn: true });
    const { kdf } = JSON.parse(fs.readFileSync(file, 'utf8')) as { kdf: { N: number; r: number; p: number; salt: string } };
    expect(kdf.N).toBe(DEFAULT_SCRYPT_N);
    expect(kdf.N).toBeGreaterThanOrEqual(2 ** 15);
    expect([kdf.r, kdf.p]).toEqual([8, 1]);
    expect(Buffer.from(kdf.salt, 'base64')).toHaveLength(16);
  });
});
