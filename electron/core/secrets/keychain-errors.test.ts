/** KeychainSecretStore's error handling over a fake keychain library: runs on every machine. */
import { describe, expect, it } from 'vitest';
import { classifyKeychainFailure, keychainAdvice } from './keychain-errors';
import { KeychainSecretStore, type KeychainApi, type KeychainEntry } from './keychain-store';

const CREDS = { apiKey: 'AKIA-visible-key-0001', secret: 's3cr3t-value-that-must-not-leak' };
const REF = { accountId: 'acct', version: 1 };

/**
 * A keychain whose collection is locked, answering the way @napi-rs/keyring does against a
 * locked gnome-keyring with no one to answer the unlock prompt (see keychain-sessions.test.ts):
 * absent entries read as null / nothing deleted, anything that needs the collection fails.
 */
const DISMISSED = "Couldn't access platform storage: Secret Service: unlock prompt was dismissed";
function lockedKeychain(overrides: Partial<KeychainEntry> = {}): KeychainApi {
  return {
    entry: () => ({
      getPassword: async () => null,
      deletePassword: async () => false,
      setPassword: async () => {
        throw new Error(DISMISSED);
      },
      ...overrides,
    }),
    findCredentials: async () => {
      throw new Error('zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object');
    },
  };
}

describe('keychain library failures', () => {
  it('a missing native binary is keychain_unavailable with reinstall advice, and core still loads', async () => {
    const store = new KeychainSecretStore({
      platform: 'linux',
      load: async () => {
        // What @napi-rs/keyring's loader throws when no platform package is installed.
        throw new Error('Cannot find native binding. npm has a bug related to optional dependencies');
      },
    });
    await expect(store.probe()).rejects.toMatchObject({ code: 'keychain_unavailable' });
    await expect(store.get(REF)).rejects.toThrow(/@napi-rs\/keyring.*optional dependenc.*npm ci/s);
    await expect(store.get(REF)).rejects.not.toThrow(/libsecret|rebuild/);
  });

  it('a Secret Service that cannot be reached fails in the entry constructor: keychain_unavailable', async () => {
    const unreachable: KeychainApi = {
      entry: () => {
        throw new Error('Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files');
      },
      findCredentials: async () => [],
    };
    const store = new KeychainSecretStore({ platform: 'linux', load: async () => unreachable });
    for (const op of [() => store.get(REF), () => store.set(REF, CREDS), () => store.delete(REF), () => store.list()]) {
      await expect(op()).rejects.toMatchObject({ code: 'keychain_unavailable' });
    }
  });

  it('a locked collection is keychain_locked on get/delete/list, never null/false/empty', async () => {
    const store = new KeychainSecretStore({ platform: 'linux', load: async () => lockedKeychain() });
    await expect(store.get(REF)).rejects.toMatchObject({ code: 'keychain_locked' });
    await expect(store.delete(REF)).rejects.toMatchObject({ code: 'keychain_locked' });
    await expect(store.list()).rejects.toMatchObject({ code: 'keychain_locked' });
    await expect(store.set(REF, CREDS)).rejects.toThrow(/locked.*Unlock the default keyring/s);
  });

  it("never lets the secret through the library's error text", async () => {
    const leaky = lockedKeychain({
      setPassword: async (password) => {
        throw new Error(`D-Bus refused item with secret ${password}`);
      },
    });
    const store = new KeychainSecretStore({ platform: 'linux', load: async () => leaky });
    const err = await store.set(REF, CREDS).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'keychain_unavailable' });
    expect(String((err as Error).message)).not.toContain(CREDS.secret);
    expect(String((err as Error).message)).not.toContain(CREDS.apiKey);
    expect(String((err as Error).stack)).not.toContain(CREDS.secret);
    expect(JSON.stringify(err)).not.toContain(CREDS.secret);
  });

  it('a probe nobody answers (unlock prompt left open) ends as keychain_locked', async () => {
    const hanging = lockedKeychain({ setPassword: () => new Promise<void>(() => undefined) });
    const store = new KeychainSecretStore({ platform: 'darwin', probeTimeoutMs: 50, load: async () => hanging });
    await expect(store.probe()).rejects.toThrow(/no answer within 50 ms.*Keychain Access/s);
  });

  // The Linux messages are @napi-rs/keyring 2.1's own against gnome-keyring 42 (keychain-sessions
  // pins them end to end); macOS ones are Security.framework's.
  it.each([
    [DISMISSED, 'keychain_locked'],
    ['zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object', 'keychain_locked'],
    ['Cannot create an item in a locked collection', 'keychain_locked'],
    ['User interaction is not allowed.', 'keychain_locked'],
    ['The user name or passphrase you entered is not correct.', 'keychain_locked'],
    ['Platform failure: DBus error: Failed to connect to socket /run/user/1000/bus: No such file or directory', 'keychain_unavailable'],
    [
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      'keychain_unavailable',
    ],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable'],
    [
      'zbus error: Failed to connect to address `unix:path=/run/user/1000/bus`: No such file or directory (os error 2)',
      'keychain_unavailable',
    ],
    ["Couldn't access platform storage: Secret Service: no result found", 'keychain_unavailable'],
    ['The specified keychain could not be found.', 'keychain_unavailable'],
  ])('classifies %j as %s', (message, code) => {
    expect(classifyKeychainFailure(message)).toBe(code);
  });

  it('gives advice for each OS', () => {
    expect(keychainAdvice('keychain_unavailable', 'linux')).toMatch(/gnome-keyring.*KWallet.*default keyring/s);
    // @napi-rs/keyring speaks D-Bus itself: no libsecret to install.
    expect(keychainAdvice('keychain_unavailable', 'linux')).not.toMatch(/libsecret/);
    expect(keychainAdvice('keychain_locked', 'darwin')).toMatch(/unlock-keychain/);
    expect(keychainAdvice('keychain_unavailable', 'win32')).toMatch(/Credential Manager/);
    expect(keychainAdvice('keychain_locked', 'freebsd')).toMatch(/Unlock the default keyring/);
  });
});
