import { implicitMethod, yesNo, type Right, type VenuePermissionProbe } from './types';

interface BybitApiKeyInfo {
  /** 0: read and write, 1: read only. */
  readOnly?: number;
  permissions?: { Spot?: unknown; Wallet?: unknown };
  /** `["*"]` when any IP may use the key. */
  ips?: unknown;
}

const listed = (value: unknown, name: string): Right => (Array.isArray(value) ? yesNo(value.includes(name)) : 'unknown');

/**
 * Bybit `GET /v5/user/query-api` (v5, any key may call it). Withdrawal is the Wallet permission
 * "Withdraw"; spot trading needs a read-write key with "SpotTrade"; `ips` lists the bound
 * addresses, or "*" for none. Anything the answer lacks stays unknown.
 */
export const probeBybit: VenuePermissionProbe = async (ccxt) => {
  const answer = await implicitMethod<{ result?: BybitApiKeyInfo } | undefined>(ccxt, 'privateGetV5UserQueryApi')();
  const info = answer?.result ?? {};
  const readOnly = info.readOnly === 0 ? false : info.readOnly === 1 ? true : undefined;
  const spotTrade = listed(info.permissions?.Spot, 'SpotTrade');
  const trade: Right = readOnly === true ? 'no' : readOnly === false ? spotTrade : 'unknown';
  const ips = Array.isArray(info.ips) ? (info.ips as unknown[]).filter((ip) => typeof ip === 'string' && ip !== '') : null;
  return {
    read: 'yes', // the answer itself was a signed private call
    trade,
    withdraw: listed(info.permissions?.Wallet, 'Withdraw'),
    ipRestricted: ips === null || ips.length === 0 ? 'unknown' : yesNo(!ips.includes('*')),
  };
};
