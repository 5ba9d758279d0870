import { implicitMethod, type Right, type VenuePermissionProbe } from './types';

interface OkxAccountConfig {
  /** Comma-separated rights, e.g. "read_only,withdraw,trade"; absent when OKX does not say. */
  perm?: unknown;
  /** The key's IP whitelist, comma-separated; "" when the key is not IP-bound. */
  ip?: unknown;
}

/**
 * OKX `GET /api/v5/account/config`: `perm` lists the key's rights ("read_only", "trade",
 * "withdraw"). A key that reached this endpoint can read; without `perm` the other rights are
 * unknown, which the key flow refuses unless the person confirms.
 */
export const probeOkx: VenuePermissionProbe = async (ccxt) => {
  const response = await implicitMethod<{ data?: OkxAccountConfig[] } | undefined>(ccxt, 'privateGetAccountConfig')();
  const config = response?.data?.[0] ?? {};
  const perm = typeof config.perm === 'string' ? config.perm.split(',').map((p) => p.trim()) : undefined;
  const has = (right: string): Right => (perm === undefined ? 'unknown' : perm.includes(right) ? 'yes' : 'no');
  return {
    read: 'yes',
    trade: has('trade'),
    withdraw: has('withdraw'),
    ipRestricted: typeof config.ip === 'string' ? (config.ip.trim() === '' ? 'no' : 'yes') : 'unknown',
  };
};
