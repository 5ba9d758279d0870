/**
 * The keychain store in every situation a Linux machine can be in, each in its own child process
 * and D-Bus session with throwaway folders (these tests need no wrapper and never touch a real
 * keyring). What @napi-rs/keyring 2.1 + gnome-keyring really report is pinned here; see
 * keychain-store.ts and keychain-errors.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { busWithoutSecretService, hasCommand, isolatedEnv, runChild, unlockedSession } from './testing/keyring-session';

const linux = process.platform === 'linux';
const hasBus = linux && hasCommand('dbus-run-session');
const hasKeyring = hasBus && hasCommand('gnome-keyring-daemon') && hasCommand('dbus-send');
const skipReason = !linux
  ? `D-Bus keychain sessions are Linux-only (this is ${process.platform})`
  : !hasKeyring
    ? 'dbus-run-session, dbus-send or gnome-keyring-daemon missing (Debian: apt-get install dbus gnome-keyring)'
    : null;
if (skipReason) console.warn(`keychain-sessions: some tests skipped: ${skipReason}`);

const OPT_IN_HINT = /TRADEWIND_SECRET_STORE=encrypted-file/;

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('tradewind-keyring-');
});
afterAll(() => temp.cleanup());

describe.skipIf(!linux)('no D-Bus session at all (runs on every Linux machine)', () => {
  it('reports keychain_unavailable with advice, and select refuses instead of falling back', async () => {
    const env = isolatedEnv(temp.dir + '/nobus', { DBUS_SESSION_BUS_ADDRESS: `unix:path=${temp.dir}/no-such-bus` });
    const [probe, get, list, select] = await runChild(['probe', 'get', 'list', 'select'], env);
    expect(probe).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(probe!.message).toMatch(/DBus error: Failed to connect to socket .*no-such-bus/);
    expect(probe!.message).toMatch(/install and start one/);
    expect(get).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    // Not an empty list from some other store (the kernel keyring): no Secret Service, no answer.
    expect(list).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    // Never a silent fallback: no store comes back, and the error names the opt-in.
    expect(select).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(select!.message).toMatch(OPT_IN_HINT);
  });
});

describe.skipIf(!hasBus)('a session bus with no Secret Service', () => {
  it('reports keychain_unavailable', async () => {
    const env = isolatedEnv(temp.dir + '/bare');
    const [probe, list] = await runChild(['probe', 'list'], env, busWithoutSecretService(temp.dir));
    expect(probe).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(probe!.message).toMatch(/DBus error: The name org\.freedesktop\.secrets was not provided/);
    expect(list).toMatchObject({ ok: false, code: 'keychain_unavailable' });
  });
});

describe.skipIf(!hasKeyring)('gnome-keyring without an unlocked keyring', () => {
  it('with no keyring created yet (and no prompt possible): keychain_unavailable', async () => {
    // The daemon is D-Bus-activated; creating the default collection needs a prompt, which fails.
    const env = isolatedEnv(temp.dir + '/absent');
    const [probe, select] = await runChild(['probe', 'select'], env, ['dbus-run-session', '--']);
    expect(probe).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    // The library's words for "there is no default collection to create the entry in".
    expect(probe!.message).toMatch(/Secret Service: no result found/);
    expect(probe!.message).toMatch(/make sure a default keyring exists/);
    expect(select).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(select!.message).toMatch(OPT_IN_HINT);
  });

  it('with a locked keyring holding an entry: keychain_locked everywhere, never a silent "not found"', async () => {
    const env = isolatedEnv(temp.dir + '/locked');
    // Session 1 creates the keyring with a password and stores an entry.
    const [seed, seenUnlocked] = await runChild(['seed', 'get'], env, unlockedSession);
    expect(seed).toMatchObject({ ok: true });
    expect(seenUnlocked).toMatchObject({ ok: true, value: { apiKey: 'child-api-key-1234' } });
    // Session 2: the daemon starts over the same files without the password, so "login" is locked.
    // Raw @napi-rs/keyring answers a read of the existing entry with "unlock prompt was
    // dismissed" (no display, so no prompt), but a read of an absent entry with null: that one
    // needs no unlock. The store must turn every answer into keychain_locked.
    const ops = ['probe', 'get', 'get-absent', 'delete', 'list', 'select'];
    const results = await runChild(ops, env, ['dbus-run-session', '--']);
    for (const result of results) {
      expect(result, result.op).toMatchObject({ ok: false, code: 'keychain_locked' });
      expect(result.message).toMatch(/Unlock the default keyring/);
      expect(result.message).not.toContain('child-secret-abcdef');
    }
    expect(results.find((r) => r.op === 'get')!.message).toMatch(/Secret Service: unlock prompt was dismissed/);
    const select = results.find((r) => r.op === 'select')!;
    expect(select.message).toMatch(OPT_IN_HINT);
  });
});
