import { TradewindError } from '../../../shared/ipc/errors';
import type { KeyRights } from '../../../shared/ipc/schemas/accounts';
import type { ExchangeClient } from '../exchange/exchange-client';
import { classifyKeyFailure } from '../exchange/key-errors';
import { probePermissions } from '../exchange/permission-probe';
import type { ExchangeCredentials, SecretRef, SecretStore } from '../secrets/secret-store';

/** The last 4 characters of the key's public identifier (API key or wallet address), never of a secret. */
export function publicKeyHint(credentials: ExchangeCredentials): string {
  return (credentials.apiKey ?? credentials.walletAddress ?? credentials.accountId ?? credentials.uid ?? '').slice(-4);
}

export interface VerifiedKey {
  rights: KeyRights;
  last4: string;
}

/** Only set fields are kept: ccxt treats an empty password as "given". */
export function cleanCredentials(input: Record<string, string | undefined>): ExchangeCredentials {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out as unknown as ExchangeCredentials;
}

/**
 * The add/rotate path of a key: write it to the secret store first (the only place it may
 * rest), prove it with a private call, read its rights, and refuse withdraw rights unless the
 * person accepted that risk. Any failure removes the entry again before the error surfaces.
 */
export async function storeAndVerifyKey(params: {
  store: SecretStore;
  ref: SecretRef;
  credentials: ExchangeCredentials;
  buildClient: (credentials: ExchangeCredentials) => ExchangeClient;
  /**
   * Decides a withdraw-capable or unverifiable key (rights.withdraw 'yes' / 'unknown'): throws to
   * refuse it. Core asks the host's trusted confirmation there; the renderer's flag is a request.
   */
  approveRisk: (rights: KeyRights, exchangeName: string, last4: string) => Promise<void>;
  /** What else the account must satisfy to be kept (a perpetuals account: one-way position mode); throws to refuse. */
  checkAccount?: (client: ExchangeClient) => Promise<void>;
}): Promise<VerifiedKey> {
  const { store, ref, credentials } = params;
  await store.set(ref, credentials);
  const client = params.buildClient(credentials);
  const name = client.name;
  try {
    try {
      await client.fetchBalance();
    } catch (error) {
      throw classifyKeyFailure(error, name);
    }
    let rights: KeyRights;
    try {
      rights = await probePermissions(client);
    } catch (error) {
      throw classifyKeyFailure(error, name);
    }
    if (params.checkAccount) await params.checkAccount(client);
    if (rights.withdraw !== 'no') await params.approveRisk(rights, name, publicKeyHint(credentials));
    return { rights, last4: publicKeyHint(credentials) };
  } catch (error) {
    await store.delete(ref).catch(() => false);
    throw error;
  } finally {
    await client.close().catch(() => {});
  }
}

/** The refusal of a risky key before anyone asked for the override (the renderer then offers it). */
export function riskyKeyRefusal(rights: KeyRights, exchangeName: string): TradewindError {
  if (rights.withdraw === 'yes') {
    return new TradewindError(
      'withdraw_refused',
      `This ${exchangeName} key can withdraw funds. If it ever leaks, whoever holds it can move your money off the exchange. ` +
        'Create a key without withdrawal permission (recommended), or confirm the override to accept this risk.',
    );
  }
  return new TradewindError(
    'withdraw_refused',
    `Tradewind cannot read whether this ${exchangeName} key can withdraw funds. Make sure withdrawals are disabled for it in ${exchangeName}'s API settings, then confirm the override to use it.`,
  );
}
