import { TIMEFRAMES, type Timeframe } from '../../../shared/domain/types';

/**
 * Every timeframe Tradewind knows. Ones the account's market data cannot serve stay visible but
 * disabled, with the reason in their tooltip and accessible description, so the person learns why
 * instead of wondering where 1m went. `aria-disabled` (not `disabled`) keeps them focusable.
 */
export function TimeframeBar({
  timeframes,
  value,
  onChange,
  unavailableReason,
}: {
  /** What the source serves; empty while the market list loads (then nothing is disabled). */
  timeframes: readonly Timeframe[];
  value: Timeframe;
  onChange: (timeframe: Timeframe) => void;
  unavailableReason: (timeframe: Timeframe) => string;
}) {
  const shown = timeframes.length === 0 ? [] : TIMEFRAMES;
  return (
    <div className="timeframe-bar" role="group" aria-label="Timeframes">
      {shown.map((timeframe) => {
        const available = timeframes.includes(timeframe);
        const reason = available ? undefined : unavailableReason(timeframe);
        return (
          <button
            key={timeframe}
            type="button"
            className="timeframe-button"
            aria-label={`Timeframe ${timeframe}`}
            aria-pressed={timeframe === value}
            aria-disabled={available ? undefined : true}
            aria-description={reason}
            title={reason}
            onClick={() => {
              if (available) onChange(timeframe);
            }}
          >
            {timeframe}
          </button>
        );
      })}
    </div>
  );
}

/** Why a timeframe is missing: the offline replay records 5-minute bars; live exchanges list theirs. */
export function timeframeUnavailableReason(
  timeframe: Timeframe,
  served: readonly Timeframe[],
  source: { replay: boolean; exchangeName: string },
): string {
  if (source.replay) {
    return `The offline replay records 5-minute bars: it can show ${served.join(', ')}, not ${timeframe}. Live market data has ${timeframe} when the exchange is reachable.`;
  }
  return `${source.exchangeName} does not offer ${timeframe} candles; it has ${served.join(', ')}.`;
}
