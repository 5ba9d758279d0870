import { implicitMethod, yesNo, type VenuePermissionProbe } from './types';

interface BinanceRestrictions {
  enableReading?: boolean;
  enableSpotAndMarginTrading?: boolean;
  enableWithdrawals?: boolean;
  ipRestrict?: boolean;
}

/** Binance `GET /sapi/v1/account/apiRestrictions`. */
export const probeBinance: VenuePermissionProbe = async (ccxt) => {
  const r = (await implicitMethod<BinanceRestrictions | undefined>(ccxt, 'sapiGetAccountApiRestrictions')()) ?? {};
  return {
    read: yesNo(r.enableReading),
    trade: yesNo(r.enableSpotAndMarginTrading),
    withdraw: yesNo(r.enableWithdrawals),
    ipRestricted: yesNo(r.ipRestrict),
  };
};
