import { useId } from 'react';
import type { AccountMarketType } from '../../../shared/ipc/schemas/accounts';

interface MarketTypeFieldProps {
  exchangeName: string;
  /** ccxt lists the exchange's perpetual swaps and can set their leverage (catalogue `perpetuals`). */
  hasPerpetuals: boolean;
  marketType: AccountMarketType;
  onChange: (marketType: AccountMarketType) => void;
}

/** How the accounts list and the bot form name what an account trades. */
export function marketTypeLabel(marketType: AccountMarketType): string {
  return marketType === 'swap' ? 'USDT perpetuals' : 'Spot';
}

/**
 * Spot or USDT-margined linear perpetuals. Perpetuals are disabled, with the reason, where ccxt
 * cannot trade them; the hint says how Tradewind trades them (one-way mode, 1× leverage).
 */
export function MarketTypeField({ exchangeName, hasPerpetuals, marketType, onChange }: MarketTypeFieldProps) {
  const id = useId();
  const reason = hasPerpetuals
    ? 'USDT perpetuals: the account trades USDT-margined linear perpetual swaps (BTC/USDT:USDT …) in one-way position mode; Tradewind sets 1× leverage before its first order on a market. Strategy bots can sell short there.'
    : `${exchangeName} has no USDT perpetuals Tradewind can trade through ccxt (swap markets with leverage and positions), so it can only be added for spot.`;
  return (
    <div className="fieldset" role="radiogroup" aria-labelledby={`${id}-legend`}>
      <span className="fieldset-legend" id={`${id}-legend`}>
        Market type
      </span>
      <div className="environment-choices">
        <label className="choice">
          <input type="radio" name={`${id}-market-type`} value="spot" checked={marketType === 'spot'} onChange={() => onChange('spot')} />
          Spot
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-market-type`}
            value="swap"
            checked={marketType === 'swap'}
            disabled={!hasPerpetuals}
            aria-describedby={`${id}-reason`}
            onChange={() => onChange('swap')}
          />
          USDT perpetuals
        </label>
      </div>
      <p className="field-hint" id={`${id}-reason`}>
        {reason}
      </p>
    </div>
  );
}
