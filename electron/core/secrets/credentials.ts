import { z } from 'zod';
import { SecretStoreError } from './errors';

/**
 * ccxt's `requiredCredentials` names. Which of the optional ones an exchange needs is the
 * exchange adapter's business; the store keeps whatever was given, as one JSON entry.
 */
export interface ExchangeCredentials {
  apiKey?: string;
  secret?: string;
  password?: string;
  uid?: string;
  login?: string;
  accountId?: string;
  privateKey?: string;
  walletAddress?: string;
  token?: string;
  twofa?: string;
  /** A notification webhook's address: its path or query often carries the receiver's own token. */
  url?: string;
}

// Generous bound (PEM private keys are a few KB) that still stops absurd payloads.
const field = z.string().min(1).max(16_384);

// Which fields an exchange needs is the exchange adapter's business (ccxt requiredCredentials);
// here only the shape is checked, and that at least one credential is present.
const credentialsSchema = z
  .strictObject({
    apiKey: field.optional(),
    secret: field.optional(),
    password: field.optional(),
    uid: field.optional(),
    login: field.optional(),
    accountId: field.optional(),
    privateKey: field.optional(),
    walletAddress: field.optional(),
    token: field.optional(),
    twofa: field.optional(),
    url: field.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'at least one credential is required' });

/** Field names only: a zod issue never gets to carry a value into a message. */
function problemFields(error: z.ZodError): string {
  const names = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') issue.keys.forEach((key) => names.add(`${key} (unknown)`));
    else names.add(issue.path.length > 0 ? issue.path.join('.') : '(not an object)');
  }
  return [...names].join(', ');
}

/** Checks credentials handed to `set` and returns a clean copy (unknown fields are refused). */
export function checkCredentials(value: unknown): ExchangeCredentials {
  const parsed = credentialsSchema.safeParse(value);
  if (!parsed.success) {
    const secrets = typeof value === 'object' && value !== null ? value : undefined;
    throw new SecretStoreError(
      'invalid_credentials',
      `Credentials rejected (fields: ${problemFields(parsed.error)}): each credential is a non-empty string; ` +
        `known fields: apiKey, secret, password, uid, login, accountId, privateKey, walletAddress, token, twofa.`,
      secrets,
    );
  }
  // zod builds the output in schema order, so equal credentials serialise identically.
  return parsed.data;
}

export function serialiseCredentials(credentials: ExchangeCredentials): string {
  return JSON.stringify(checkCredentials(credentials));
}

/**
 * Parses a stored entry. JSON.parse errors quote their input, so none is passed on: the
 * message names the entry, never the text.
 */
export function parseStoredCredentials(text: string, where: string): ExchangeCredentials {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SecretStoreError(
      'corrupt',
      `The stored credentials for ${where} are not valid (not JSON, or fields missing). ` +
        `Delete this key version and enter the API key again.`,
      [text],
    );
  }
  return parsed.data;
}
