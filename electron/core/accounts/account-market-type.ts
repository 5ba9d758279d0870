/**
 * What an account trades, checked before anything is stored: spot, or USDT-margined linear
 * perpetuals where ccxt lists the exchange's swap markets and can set their leverage and read
 * positions (the strategy bot sets 1× before its first order and reads the position back).
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountMarketType } from '../../../shared/ipc/schemas/accounts';
import type { ExchangeCatalogEntry } from '../exchange/exchange-catalog';

export function checkAccountMarketType(
  entry: Pick<ExchangeCatalogEntry, 'name' | 'capabilities'>,
  requested: AccountMarketType | undefined,
): AccountMarketType {
  const marketType = requested ?? 'spot';
  if (marketType === 'swap' && !entry.capabilities.perpetuals) {
    throw new TradewindError(
      'invalid_input',
      `${entry.name} cannot be added for USDT perpetuals: ccxt does not list its perpetual swaps with leverage and position reads. Add the account as spot.`,
    );
  }
  return marketType;
}
