import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { EncryptedFileSecretStore } from './encrypted-file-store';
import { KeychainSecretStore, type KeychainApi } from './keychain-store';
import { openSecretStore, type OpenSecretStoreOptions } from './select-store';

const PASS = 'a long enough passphrase';

/**
 * An in-memory keychain library, or one failing the way @napi-rs/keyring does against a real
 * keyring (see keychain-sessions.test.ts): an unreachable Secret Service fails in the entry
 * constructor, a locked one when the collection is needed.
 */
function fakeKeychain(state: 'ok' | 'unavailable' | 'locked'): { store: KeychainSecretStore; calls: () => number } {
  const entries = new Map<string, string>();
  let calls = 0;
  const fail = () => {
    calls += 1;
    if (state === 'locked') throw new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed");
  };
  const api: KeychainApi = {
    entry: (service, account) => {
      calls += 1;
      if (state === 'unavailable') {
        throw new Error('Platform failure: DBus error: Failed to connect to socket /run/user/1000/bus: No such file or directory');
      }
      const key = `${service}|${account}`;
      return {
        setPassword: async (password) => void (fail(), entries.set(key, password)),
        getPassword: async () => (fail(), entries.get(key) ?? null),
        deletePassword: async () => (fail(), entries.delete(key)),
      };
    },
    findCredentials: async () => (fail(), []),
  };
  return { store: new KeychainSecretStore({ platform: 'linux', load: async () => api }), calls: () => calls };
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
    expect((err as Error).message).toMatch(/Failed to connect to socket.*TRADEWIND_SECRET_STORE=encrypted-file/s);
    // There is no settings screen for this: the advice names only what exists.
    expect((err as Error).message).not.toMatch(/settings/i);
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
    const err = await open('ok', { prefer: 'encrypted-file', passphrase: PASS }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'not_opted_in' });
    expect((err as Error).message).toMatch(/TRADEWIND_SECRET_STORE=encrypted-file/);
    expect((err as Error).message).not.toMatch(/settings/i);
  });

  it('needs a passphrase with the opt-in, and never echoes it', async () => {
    await expect(open('unavailable', { env: { TRADEWIND_SECRET_STORE: 'encrypted-file' } })).rejects.toMatchObject({
      code: 'bad_passphrase',
    });
    const err = await open('unavailable', { optInEncryptedFile: true, passphrase: 'tooshort1' }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'passphrase_too_short' });
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
