import type { KeyRights } from '../../../shared/ipc/schemas/accounts';
import type { ExchangeClient } from './exchange-client';
import { venuePermissionProbe } from './permissions/registry';

function advise(rights: Omit<KeyRights, 'advice'>, exchangeName: string): string {
  const notes: string[] = [];
  if (rights.withdraw === 'yes')
    notes.push('This key can WITHDRAW funds: anyone who obtains it can empty the account. Disable withdrawals for it on the exchange.');
  if (rights.withdraw === 'unknown')
    notes.push(
      `Tradewind cannot read ${exchangeName}'s withdrawal permission: make sure withdrawals are disabled for this key in the exchange's API settings.`,
    );
  if (rights.trade === 'no') notes.push('Read-only key: balances and orders are shown, but the ticket and bots will not trade with it.');
  if (rights.trade === 'unknown') notes.push(`${exchangeName} does not report trading permission; the first order will tell.`);
  if (rights.ipRestricted === 'no') notes.push('Restricting the key to your IP address on the exchange limits the damage if it leaks.');
  return notes.join(' ');
}

/**
 * Which rights a key has. The venue's own endpoint where one is registered
 * (`permissions/registry.ts`), otherwise only what the successful private call proved (read).
 */
export async function probePermissions(client: ExchangeClient): Promise<KeyRights> {
  const name = client.name;
  const probe = client.capabilities.permissionProbe ? venuePermissionProbe(client.id) : undefined;
  if (probe) {
    const rights = await probe(client.ccxt);
    return { ...rights, advice: advise(rights, name) };
  }
  const rights = { read: 'yes' as const, trade: 'unknown' as const, withdraw: 'unknown' as const, ipRestricted: 'unknown' as const };
  return { ...rights, advice: advise(rights, name) };
}
