import { implicitMethod, type Right, type VenuePermissionProbe } from './types';

interface BitgetAccountInfo {
  /** The key's permission codes, e.g. ["stor", "stow"]; absent when Bitget does not say. */
  authorities?: unknown;
  /** The key's IP whitelist, comma-separated; "" when the key is not IP-bound. */
  ips?: unknown;
}

/** Bitget's write codes that trade but cannot move funds out (spot and contract orders). */
const BITGET_TRADE_CODES = new Set(['stow', 'coow', 'trade']);

/**
 * Bitget `GET /api/v2/spot/account/info` (ccxt `privateSpotGetV2SpotAccountInfo`): `authorities`
 * holds the key's permission codes. "stow" is spot trade read-write and "wwow" wallet withdrawal
 * (Bitget's docs); their older spelled-out forms "trade" and "withdraw" are read the same way.
 * Without `authorities` the rights are unknown.
 */
export const probeBitget: VenuePermissionProbe = async (ccxt) => {
  const answer = await implicitMethod<{ data?: BitgetAccountInfo } | undefined>(ccxt, 'privateSpotGetV2SpotAccountInfo')();
  const info = answer?.data ?? {};
  const codes = Array.isArray(info.authorities) ? info.authorities.filter((c): c is string => typeof c === 'string') : undefined;
  const has = (...names: string[]): Right => (codes === undefined ? 'unknown' : names.some((n) => codes.includes(n)) ? 'yes' : 'no');
  // "No withdrawal" only when every code is a read code (Bitget's read codes end in "r") or a trade
  // code: any other write code leaves the answer unknown (the person confirms), never a silent "no".
  const withdraw = has('wwow', 'withdraw');
  const unknownCode = codes?.some((code) => !code.endsWith('r') && !BITGET_TRADE_CODES.has(code) && code !== 'read') ?? false;
  return {
    read: 'yes',
    trade: has('stow', 'trade'),
    withdraw: withdraw === 'no' && unknownCode ? 'unknown' : withdraw,
    ipRestricted: typeof info.ips === 'string' ? (info.ips.trim() === '' ? 'no' : 'yes') : 'unknown',
  };
};
