import { setDecimalSeparator, type DecimalSeparator } from '../../lib/number-format/number-format';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { useSaveSettings } from './use-save-settings';

/**
 * The ticket footer's "1.5 | 1,5" switch: a shortcut to Settings → Number format (saved in core,
 * so every window and the next start read numbers the same way). Applied at once; a failed save
 * says so and the settings keep core's value.
 */
export function NumberFormatSwitch() {
  const separator = useDecimalSeparator();
  const { save, state } = useSaveSettings();
  const pick = (next: DecimalSeparator) => {
    setDecimalSeparator(next);
    void save({ numberFormat: next });
  };
  return (
    <div className="ticket-modes" role="group" aria-label="Decimal mark for typed numbers">
      <button
        type="button"
        className="ticket-mode"
        aria-pressed={separator === 'point'}
        title="Type decimals with a point: 100.5"
        onClick={() => pick('point')}
      >
        1.5
      </button>
      <button
        type="button"
        className="ticket-mode"
        aria-pressed={separator === 'comma'}
        title="Type decimals with a comma: 100,5"
        onClick={() => pick('comma')}
      >
        1,5
      </button>
      {state.error ? (
        <span className="settings-field-error" role="alert">
          Not saved: {state.error}
        </span>
      ) : null}
    </div>
  );
}
