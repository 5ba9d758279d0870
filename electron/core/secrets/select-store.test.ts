import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { EncryptedFileSecretStore } from './encrypted-file-store';
import { KeytarSecretStore, type KeytarApi } from './keytar-store';
import { openSecretStore, type OpenSecretStoreOptions } from './select-store';

const PASS = 'a long enough passphrase';

/** An in-memory keytar, or one failing the way a real keychain does (see keychain-sessions.test.ts). */
function fakeKeychain(state: 'ok' | 'unavailable' | 'locked'): { store: KeytarSecretStore; calls: () => number } {
  const entries = new Map<string, string>();
  let calls = 0;
  const fail = () => {
    calls += 1;
    if (state === 'unavailable') throw new Error('Could not connect: No such file or directory');
    if (state === 'locked') throw new Error('Cannot create an item in a locked collection');
  };
  const api: KeytarApi = {
    setPassword: async (s, a, p) => void (fail(), entries.set(`${s}|${a}`, p)),
    getPassword: async (s, a) => (fail(), entries.get(`${s}|${a}`) ?? null),
    deletePassword: async (s, a) => (fail(), entries.delete(`${s}|${a}`)),
    findCredentials: async () => (fail(), []),
  };
  return { store: new KeytarSecretStore({ platform: 'linux', load: async () => api }), calls: () => calls };
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('tradewind-select-');
});
afterEach(() => temp.cleanup());

const open = (state: 'ok' | 'unavailable' | 'locked', extra: Partial<OpenSecretStoreOptions> = {}) =>
  openSecretStore({ dataDir: temp.dir, env: {}, keychain: fakeKeychain(state).store, scryptN: 2 ** 10, ...extra });

describe('openSecretStore', () => {
  it('uses the keychain when it probes fine', async () => {
    const store = await open('ok', { optInEncryptedFile: true, passphrase: PASS });
    expect(store.kind).toBe('keychain');
    expect(await EncryptedFileSecretStore.exists(temp.dir)).toBe(false);
  });

  it('with no keychain and no opt-in: an error naming the opt-in, not a store, and no file', async () => {
    const err = await open('unavailable', { passphrase: PASS }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'keychain_unavailable' });
    expect((err as Error).message).toMatch(/Could not connect.*TRADEWIND_SECRET_STORE=encrypted-file/s);
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });

  it('with no keychain and the settings opt-in: the encrypted file store', async () => {
    const store = await open('unavailable', { optInEncryptedFile: true, passphrase: PASS });
    expect(store.kind).toBe('encrypted-file');
  });

  it('with the env opt-in: the encrypted file store, without probing the keychain', async () => {
    const keychain = fakeKeychain('ok');
    const env = { TRADEWIND_SECRET_STORE: 'encrypted-file', TRADEWIND_SECRET_PASSPHRASE: PASS };
    const store = await openSecretStore({ dataDir: temp.dir, env, keychain: keychain.store, scryptN: 2 ** 10 });
    expect(store.kind).toBe('encrypted-file');
    expect(keychain.calls()).toBe(0);
  });

  it('does not switch to the file when the keychain is merely locked', async () => {
    const err = await open('locked', { optInEncryptedFile: true, passphrase: PASS }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'keychain_locked' });
    expect((err as Error).message).toMatch(/Unlock the default keyring.*TRADEWIND_SECRET_STORE=encrypted-file/s);
  });

  it('refuses prefer=encrypted-file without the opt-in', async () => {
    await expect(open('ok', { prefer: 'encrypted-file', passphrase: PASS })).rejects.toMatchObject({ code: 'not_opted_in' });
  });

  it('needs a passphrase with the opt-in, and never echoes it', async () => {
    await expect(
      open('unavailable', { env: { TRADEWIND_SECRET_STORE: 'encrypted-file' } }),
    ).rejects.toMatchObject({ code: 'bad_passphrase' });
    const err = await open('unavailable', { optInEncryptedFile: true, passphrase: 'tooshort1' }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'bad_passphrase' });
    expect((err as Error).message).not.toContain('tooshort1');
  });

  it('lets TRADEWIND_SECRET_STORE=keychain override the settings opt-in, and rejects unknown values', async () => {
    const env = { TRADEWIND_SECRET_STORE: 'keychain' };
    await expect(open('unavailable', { env, optInEncryptedFile: true, passphrase: PASS })).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
    await expect(open('ok', { env: { TRADEWIND_SECRET_STORE: 'plaintext' } })).rejects.toThrow(/keychain.*encrypted-file/);
  });
});
