/** KeytarSecretStore's error handling with a fake keytar: runs on every machine. */
import { describe, expect, it } from 'vitest';
import { classifyKeychainFailure, keychainAdvice } from './keychain-errors';
import { KeytarSecretStore, type KeytarApi } from './keytar-store';

const CREDS = { apiKey: 'AKIA-visible-key-0001', secret: 's3cr3t-value-that-must-not-leak' };
const REF = { accountId: 'acct', version: 1 };

/** A keytar whose collection is locked, the way libsecret reports it (see keychain-sessions.test.ts). */
function lockedKeytar(): KeytarApi {
  return {
    getPassword: async () => null,
    deletePassword: async () => false,
    setPassword: async () => {
      throw new Error('Cannot create an item in a locked collection');
    },
    findCredentials: async () => {
      throw new Error('must not be called on a locked keychain (keytar segfaults there)');
    },
  };
}

describe('keytar failures', () => {
  it('a missing native module is keychain_unavailable with install/rebuild advice, and core still loads', async () => {
    const store = new KeytarSecretStore({
      platform: 'linux',
      load: async () => {
        throw new Error("Cannot find module '../build/Release/keytar.node'");
      },
    });
    await expect(store.probe()).rejects.toMatchObject({ code: 'keychain_unavailable' });
    await expect(store.get(REF)).rejects.toThrow(/libsecret-1-0.*npm rebuild keytar/s);
  });

  it('a locked collection is keychain_locked on get/delete/list, never null/false/crash', async () => {
    const store = new KeytarSecretStore({ platform: 'linux', load: async () => lockedKeytar() });
    await expect(store.get(REF)).rejects.toMatchObject({ code: 'keychain_locked' });
    await expect(store.delete(REF)).rejects.toMatchObject({ code: 'keychain_locked' });
    await expect(store.list()).rejects.toMatchObject({ code: 'keychain_locked' });
    await expect(store.set(REF, CREDS)).rejects.toThrow(/locked.*Unlock the default keyring/s);
  });

  it('never lets the secret through keytar error text', async () => {
    const leaky: KeytarApi = {
      ...lockedKeytar(),
      setPassword: async (_s, _a, password) => {
        throw new Error(`D-Bus refused item with secret ${password}`);
      },
    };
    const store = new KeytarSecretStore({ platform: 'linux', load: async () => leaky });
    const err = await store.set(REF, CREDS).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'keychain_unavailable' });
    expect(String((err as Error).message)).not.toContain(CREDS.secret);
    expect(String((err as Error).message)).not.toContain(CREDS.apiKey);
    expect(String((err as Error).stack)).not.toContain(CREDS.secret);
    expect(JSON.stringify(err)).not.toContain(CREDS.secret);
  });

  it('a probe nobody answers (unlock prompt left open) ends as keychain_locked', async () => {
    const hanging: KeytarApi = { ...lockedKeytar(), setPassword: () => new Promise<void>(() => undefined) };
    const store = new KeytarSecretStore({ platform: 'darwin', probeTimeoutMs: 50, load: async () => hanging });
    await expect(store.probe()).rejects.toThrow(/no answer within 50 ms.*Keychain Access/s);
  });

  it.each([
    ['Cannot create an item in a locked collection', 'keychain_locked'],
    ['Prompt dismissed', 'keychain_locked'],
    ['User interaction is not allowed.', 'keychain_locked'],
    ['The user name or passphrase you entered is not correct.', 'keychain_locked'],
    ['Could not connect: No such file or directory', 'keychain_unavailable'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain_unavailable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain_unavailable'],
    ['The specified keychain could not be found.', 'keychain_unavailable'],
  ])('classifies %j as %s', (message, code) => {
    expect(classifyKeychainFailure(message)).toBe(code);
  });

  it('gives advice for each OS', () => {
    expect(keychainAdvice('keychain_unavailable', 'linux')).toMatch(/gnome-keyring.*KWallet/s);
    expect(keychainAdvice('keychain_locked', 'darwin')).toMatch(/unlock-keychain/);
    expect(keychainAdvice('keychain_unavailable', 'win32')).toMatch(/Credential Manager/);
    expect(keychainAdvice('keychain_locked', 'freebsd')).toMatch(/Unlock the default keyring/);
  });
});
