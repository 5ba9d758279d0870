import type { KeyRights } from '../../../../shared/ipc/schemas/accounts';

export type Right = KeyRights['read'];
export type VenueRights = Omit<KeyRights, 'advice'>;

/**
 * Reads a key's rights from one venue's own endpoint through ccxt's implicit API (the
 * client is signed with the key). Throws what ccxt throws; the caller classifies it.
 */
export type VenuePermissionProbe = (ccxt: unknown) => Promise<VenueRights>;

export const yesNo = (value: unknown): Right => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

/** A named implicit-API method of the ccxt client, or a clear error when this ccxt build has none. */
export function implicitMethod<T>(ccxt: unknown, name: string): () => Promise<T> {
  const method = (ccxt as Record<string, unknown>)[name];
  if (typeof method !== 'function') throw new Error(`ccxt has no ${name} endpoint`);
  return () => (method as () => Promise<T>).call(ccxt);
}
