import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';

export type CatalogEntry = MethodOutput<'exchanges.catalog'>[number];
export type CredentialsInput = MethodInput<'accounts.add'>['credentials'];
/** ccxt's `requiredCredentials` names (apiKey, secret, password, uid…). */
export type CredentialField = keyof CredentialsInput;
/** What the person typed. Lives only in the form's own state: never in the store, never logged. */
export type CredentialValues = Partial<Record<CredentialField, string>>;

/** Keyed by every contract field, so tsc fails here when ccxt's list grows. */
export const CREDENTIAL_LABELS: Record<CredentialField, string> = {
  apiKey: 'API key',
  secret: 'Secret',
  password: 'Passphrase',
  uid: 'UID',
  login: 'Login',
  accountId: 'Account ID',
  privateKey: 'Private key',
  walletAddress: 'Wallet address',
  token: 'Token',
  twofa: '2FA secret',
};

const filled = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** Labels of the required fields still empty, in form order. */
export function missingCredentials(fields: readonly CredentialField[], values: CredentialValues): string[] {
  return fields.filter((field) => !filled(values[field])).map((field) => CREDENTIAL_LABELS[field]);
}

/** Only the exchange's own fields go out: a value typed for another exchange's form stays behind. */
export function credentialsFor(fields: readonly CredentialField[], values: CredentialValues): CredentialsInput {
  const credentials: CredentialsInput = {};
  for (const field of fields) {
    const value = values[field];
    if (filled(value)) credentials[field] = value;
  }
  return credentials;
}
