import { implicitMethod, type Right, type VenuePermissionProbe } from './types';

interface KucoinApiKeyInfo {
  /** Comma-separated rights, e.g. "General,Spot,Transfer"; absent when KuCoin does not say. */
  permission?: unknown;
  /** The key's IP whitelist, comma-separated; "" when the key is not IP-bound. */
  ipWhitelist?: unknown;
}

/** KuCoin's key rights that cannot send funds off the account ("Transfer" can). */
const KUCOIN_NON_WITHDRAW_RIGHTS = new Set(['General', 'Spot', 'Trade', 'Margin', 'Futures', 'Earn', 'InnerTransfer', 'LeverageToken']);

/**
 * KuCoin `GET /api/v1/user/api-key` (ccxt `privateGetUserApiKey`). `permission` lists the key's
 * rights: "Spot" (older keys: "Trade") trades spot, "Transfer" moves funds off the account
 * (deposits and withdrawals; "InnerTransfer" only between the user's own accounts and is not a
 * withdrawal). Without `permission` the rights are unknown.
 */
export const probeKucoin: VenuePermissionProbe = async (ccxt) => {
  const answer = await implicitMethod<{ data?: KucoinApiKeyInfo } | undefined>(ccxt, 'privateGetUserApiKey')();
  const info = answer?.data ?? {};
  const rights = typeof info.permission === 'string' ? info.permission.split(',').map((p) => p.trim()) : undefined;
  const has = (...names: string[]): Right => (rights === undefined ? 'unknown' : names.some((n) => rights.includes(n)) ? 'yes' : 'no');
  // "No withdrawal" only when every right is one we know cannot move funds out: a right KuCoin adds
  // or renames later leaves the answer unknown (so the person confirms), never a silent "no".
  const withdraw = has('Transfer');
  const unknownRight = rights?.some((right) => right !== '' && !KUCOIN_NON_WITHDRAW_RIGHTS.has(right)) ?? false;
  return {
    read: 'yes', // the answer itself was a signed private call
    trade: has('Spot', 'Trade'),
    withdraw: withdraw === 'no' && unknownRight ? 'unknown' : withdraw,
    ipRestricted: typeof info.ipWhitelist === 'string' ? (info.ipWhitelist.trim() === '' ? 'no' : 'yes') : 'unknown',
  };
};
