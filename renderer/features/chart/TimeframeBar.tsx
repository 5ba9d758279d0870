import type { Timeframe } from '../../../shared/domain/types';

export function TimeframeBar({
  timeframes,
  value,
  onChange,
}: {
  timeframes: readonly Timeframe[];
  value: Timeframe;
  onChange: (timeframe: Timeframe) => void;
}) {
  return (
    <div className="timeframe-bar" role="group" aria-label="Timeframes">
      {timeframes.map((timeframe) => (
        <button
          key={timeframe}
          type="button"
          className="timeframe-button"
          aria-label={`Timeframe ${timeframe}`}
          aria-pressed={timeframe === value}
          onClick={() => onChange(timeframe)}
        >
          {timeframe}
        </button>
      ))}
    </div>
  );
}
