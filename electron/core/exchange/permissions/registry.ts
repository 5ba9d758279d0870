import { probeBinance } from './binance';
import { probeBitget } from './bitget';
import { probeBybit } from './bybit';
import { probeCoinbase } from './coinbase';
import { probeKucoin } from './kucoin';
import { probeOkx } from './okx';
import type { VenuePermissionProbe } from './types';

/**
 * The venues whose key rights Tradewind can read, by ccxt exchange id. Adding a venue is one
 * file in this folder and one line here; every other venue gets "unknown" rights, which the
 * key flow refuses unless the person confirms they checked.
 */
export const VENUE_PERMISSION_PROBES: Readonly<Record<string, VenuePermissionProbe>> = {
  binance: probeBinance,
  // Binance's futures clients sign with the same keys and read the same restrictions endpoint.
  binanceusdm: probeBinance,
  binancecoinm: probeBinance,
  okx: probeOkx,
  bybit: probeBybit,
  kucoin: probeKucoin,
  // Coinbase Advanced Trade is ccxt's `coinbase` (v3 brokerage API).
  coinbase: probeCoinbase,
  bitget: probeBitget,
};

export function venuePermissionProbe(exchangeId: string): VenuePermissionProbe | undefined {
  return Object.hasOwn(VENUE_PERMISSION_PROBES, exchangeId) ? VENUE_PERMISSION_PROBES[exchangeId] : undefined;
}
