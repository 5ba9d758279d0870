import { implicitMethod, yesNo, type VenuePermissionProbe } from './types';

interface CoinbaseKeyPermissions {
  can_view?: unknown;
  can_trade?: unknown;
  /** "Transfer": send and receive funds, on and off the platform — the withdrawal right. */
  can_transfer?: unknown;
}

/**
 * Coinbase Advanced `GET /api/v3/brokerage/key_permissions` (ccxt
 * `v3PrivateGetBrokerageKeyPermissions`): the key's view / trade / transfer scopes. Coinbase keys
 * carry no IP restriction in this answer (CDP keys set an allow-list elsewhere): unknown.
 */
export const probeCoinbase: VenuePermissionProbe = async (ccxt) => {
  const answer = (await implicitMethod<CoinbaseKeyPermissions | undefined>(ccxt, 'v3PrivateGetBrokerageKeyPermissions')()) ?? {};
  return {
    read: answer.can_view === undefined ? 'yes' : yesNo(answer.can_view),
    trade: yesNo(answer.can_trade),
    withdraw: yesNo(answer.can_transfer),
    ipRestricted: 'unknown',
  };
};
