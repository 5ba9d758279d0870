/**
 * Turns keytar's raw failures (libsecret GErrors on Linux, Security.framework strings on macOS,
 * Win32 errors on Windows) into our two keychain codes with advice for the OS at hand.
 * The patterns come from what keytar 7.9 really reports; keychain-sessions.test.ts pins the
 * Linux ones against a real gnome-keyring.
 */
import { SecretStoreError, describeError, type SecretValues } from './errors';

export type KeychainErrorCode = 'keychain_unavailable' | 'keychain_locked';

const LOCKED_PATTERNS: readonly RegExp[] = [
  // libsecret / gnome-keyring: "Cannot create an item in a locked collection", "... locked object".
  /\blocked\b/i,
  // A dismissed unlock prompt (libsecret, KWallet).
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
      'No usable Secret Service on the session D-Bus. In a desktop session, install and start a keyring ' +
      '(GNOME: gnome-keyring and libsecret-1-0; KDE: KWallet with its Secret Service enabled) and make sure ' +
      'a default keyring exists (create one in "Passwords and Keys"/Seahorse).',
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
      'Windows Credential Manager is not accessible in this session. Sign in interactively as this user, ' +
      'then try again.',
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

/** A keytar failure as a SecretStoreError; the secret being written (if any) is redacted. */
export function keychainError(
  err: unknown,
  platform: NodeJS.Platform = process.platform,
  secrets?: SecretValues,
): SecretStoreError {
  const detail = describeError(err, secrets);
  return keychainErrorOf(classifyKeychainFailure(detail), detail, platform, secrets);
}

/** keytar's native module could not be loaded at all (not installed, wrong ABI, no libsecret). */
export function keytarLoadError(err: unknown, platform: NodeJS.Platform = process.platform): SecretStoreError {
  const install =
    platform === 'linux'
      ? 'On Linux install libsecret (Debian/Ubuntu: libsecret-1-0; Fedora: libsecret). '
      : '';
  return new SecretStoreError(
    'keychain_unavailable',
    `The OS keychain module (keytar) could not be loaded (${describeError(err)}). ${install}` +
      'When running from source, rebuild it for this runtime (`npm rebuild keytar`, or ' +
      '`electron-builder install-app-deps` for Electron).',
  );
}
