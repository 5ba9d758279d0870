/**
 * What an account trades, checked before anything is stored: spot, or USDT-margined linear
 * perpetuals where ccxt lists the exchange's swap markets and can set their leverage and read
 * positions (the strategy bot sets 1× before its first order and reads the position back).
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountMarketType } from '../../../shared/ipc/schemas/accounts';
import type { ExchangeClient } from '../exchange/exchange-client';
import type { ExchangeCatalogEntry } from '../exchange/exchange-catalog';
import { translateCcxtError } from '../exchange/ccxt-errors';
import { hedgeModeRefusal } from '../exchange/position-mode';

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

/**
 * A perpetuals account must be in one-way position mode (Tradewind's orders are one-way orders):
 * read on its first USDT perpetual when the key is checked, so a hedge-mode account is refused
 * at set-up with what to change, not at its first order.
 */
export async function checkPerpetualsAccount(client: ExchangeClient, outcome: string): Promise<void> {
  try {
    await client.loadMarkets();
    const [first] = client.tradableMarkets();
    if (!first) return;
    if ((await client.positionMode(first.symbol)) === 'hedge') throw hedgeModeRefusal(client.name, 'invalid_input', outcome);
  } catch (error) {
    throw error instanceof TradewindError ? error : translateCcxtError(error, client.name);
  }
}
