/**
 * Errors of the secret stores. Every message says what happened and what to do, and passes
 * through `redactSecrets` first: error text ends up in logs, crash reports and IPC envelopes,
 * none of which may ever hold an API secret (DESIGN.md "Secrets").
 */

export type SecretStoreErrorCode =
  | 'keychain_unavailable'
  | 'keychain_locked'
  | 'store_locked'
  | 'bad_passphrase'
  /** A new encrypted file store refused a passphrase under the minimum length. */
  | 'passphrase_too_short'
  | 'corrupt'
  | 'invalid_ref'
  | 'invalid_credentials'
  | 'not_opted_in';

/** Values to scrub: a credentials object (its string fields), or a plain list of strings. */
export type SecretValues = object | readonly (string | undefined)[];

const REDACTED = '[redacted]';
/**
 * Values shorter than this are left alone: scrubbing every "1" or "ab" would shred the message
 * while protecting nothing (exchange keys and secrets are long; a passphrase is 12+ characters).
 */
const MIN_REDACTED_LENGTH = 4;

function valuesOf(secrets: SecretValues | undefined): string[] {
  if (!secrets) return [];
  const raw: unknown[] = Array.isArray(secrets) ? secrets : Object.values(secrets);
  return raw.filter((v): v is string => typeof v === 'string' && v.length >= MIN_REDACTED_LENGTH);
}

/**
 * Replaces every occurrence of a known secret value in `text`, also in the JSON-escaped and
 * URL-encoded spellings a library may have quoted it in. Longer values go first so that a value
 * containing a shorter one is removed whole.
 */
export function redactSecrets(text: string, secrets: SecretValues | undefined): string {
  const forms = new Set<string>();
  for (const value of valuesOf(secrets)) {
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join(REDACTED);
  }
  return out;
}

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';

  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
    secrets?: SecretValues,
  ) {
    // Redact before super(): the stack trace captures the message at construction.
    super(redactSecrets(message, secrets));
  }
}

/**
 * The message of an unknown thrown value, redacted. The original error is deliberately not kept
 * as `cause`: its text (a JSON parse error quotes its input, for instance) may hold the secret.
 */
export function describeError(err: unknown, secrets?: SecretValues): string {
  const text = err instanceof Error ? err.message : String(err);
  return redactSecrets(text, secrets);
}

export function isSecretStoreError(err: unknown): err is SecretStoreError {
  return err instanceof SecretStoreError;
}
