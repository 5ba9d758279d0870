/**
 * Turns @napi-rs/keyring's raw failures (keyring-rs errors wrapping D-Bus / Secret Service
 * errors on Linux, Security.framework strings on macOS, Win32 errors on Windows) into our two
 * keychain codes with advice for the OS at hand. The Linux patterns come from what
 * @napi-rs/keyring 2.1 really reports against gnome-keyring; keychain-sessions.test.ts pins them.
 */
import { SecretStoreError, describeError, type SecretValues } from './errors';

export type KeychainErrorCode = 'keychain_unavailable' | 'keychain_locked';

const LOCKED_PATTERNS: readonly RegExp[] = [
  // Secret Service: "org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object"
  // (a search over a locked collection), "Cannot create an item in a locked collection".
  /\blocked\b/i,
  /\bIsLocked\b/,
  // Any access to an existing entry of a locked collection asks for an unlock first; with no one
  // to answer (no display) or a person saying no: "Secret Service: unlock prompt was dismissed".
  /\bdismissed\b/i,
  /\bcancel(l)?ed\b/i,
  // macOS: keychain locked and no UI to ask (errSecInteractionNotAllowed), wrong unlock password.
  /interaction is not allowed/i,
  /passphrase you entered is not correct/i,
];

export function classifyKeychainFailure(message: string): KeychainErrorCode {
  return LOCKED_PATTERNS.some((re) => re.test(message)) ? 'keychain_locked' : 'keychain_unavailable';
}

const ADVICE: Record<string, Record<KeychainErrorCode, string>> = {
  linux: {
    keychain_unavailable:
      'Tradewind keeps API secrets in a Secret Service on the session D-Bus, in its default keyring. In a ' +
      'desktop session install and start one (GNOME: gnome-keyring; KDE: KWallet with its Secret Service ' +
      'enabled; or KeePassXC with Secret Service integration) and make sure a default keyring exists ' +
      '(create one in "Passwords and Keys"/Seahorse). Without a desktop, start `dbus-run-session` and ' +
      '`gnome-keyring-daemon --unlock` with the keyring password on stdin.',
    keychain_locked:
      'The keyring is locked or its unlock prompt was dismissed. Unlock the default keyring ("Passwords and ' +
      'Keys"/Seahorse or KWallet Manager; without a desktop: `gnome-keyring-daemon --unlock` with the keyring ' +
      'password on stdin), then try again.',
  },
  darwin: {
    keychain_unavailable:
      'The macOS Keychain is not reachable. Run Tradewind in a logged-in user session (not a bare SSH ' +
      'session) and make sure a default login keychain exists (Keychain Access > Settings > Reset Default Keychains).',
    keychain_locked:
      'The login keychain is locked or access was denied. Unlock it in Keychain Access (or run ' +
      '`security unlock-keychain login.keychain`) and choose "Allow" when asked, then try again.',
  },
  win32: {
    keychain_unavailable:
      'Windows Credential Manager refused the request. Make sure the Credential Manager service (VaultSvc) ' +
      'is running and that you are signed in with a user profile that has a credential vault.',
    keychain_locked:
      'Windows Credential Manager is not accessible in this session. Sign in interactively as this user, ' + 'then try again.',
  },
};

export function keychainAdvice(code: KeychainErrorCode, platform: NodeJS.Platform = process.platform): string {
  return (ADVICE[platform] ?? ADVICE.linux!)[code];
}

const WHAT: Record<KeychainErrorCode, string> = {
  keychain_unavailable: 'The OS keychain is unavailable',
  keychain_locked: 'The OS keychain is locked',
};

export function keychainErrorOf(
  code: KeychainErrorCode,
  detail: string,
  platform: NodeJS.Platform = process.platform,
  secrets?: SecretValues,
): SecretStoreError {
  return new SecretStoreError(code, `${WHAT[code]} (${detail}). ${keychainAdvice(code, platform)}`, secrets);
}

/** A keychain library failure as a SecretStoreError; the secret being written (if any) is redacted. */
export function keychainError(err: unknown, platform: NodeJS.Platform = process.platform, secrets?: SecretValues): SecretStoreError {
  const detail = describeError(err, secrets);
  return keychainErrorOf(classifyKeychainFailure(detail), detail, platform, secrets);
}

/**
 * @napi-rs/keyring could not be loaded at all. Its N-API binary is one prebuilt package per
 * platform (e.g. @napi-rs/keyring-linux-x64-gnu), installed as an optional dependency, so the
 * usual cause is an install that skipped optional dependencies or was copied from another OS.
 * N-API is ABI-stable, so rebuilding for Node or Electron is never the fix.
 */
export function keyringLoadError(err: unknown, platform: NodeJS.Platform = process.platform): SecretStoreError {
  return new SecretStoreError(
    'keychain_unavailable',
    `The OS keychain module (@napi-rs/keyring) could not be loaded on ${platform}/${process.arch} ` +
      `(${describeError(err)}). Its prebuilt binary for this platform is an optional dependency: reinstall ` +
      'with optional dependencies on this machine (`npm ci`, without --omit=optional or --no-optional; ' +
      'node_modules copied from another OS or CPU do not work). Prebuilt binaries exist for Windows, macOS, ' +
      'Linux (glibc and musl) and FreeBSD on their common CPUs.',
  );
}
