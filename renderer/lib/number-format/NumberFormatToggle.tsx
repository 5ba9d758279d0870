import { setDecimalSeparator } from './number-format';
import { useDecimalSeparator } from './use-decimal-separator';

/** A two-button switch between "1.5" and "1,5" for typed numbers; the settings screen can host it later. */
export function NumberFormatToggle() {
  const separator = useDecimalSeparator();
  return (
    <div className="ticket-modes" role="group" aria-label="Decimal mark for typed numbers">
      <button
        type="button"
        className="ticket-mode"
        aria-pressed={separator === 'point'}
        title="Type decimals with a point: 100.5"
        onClick={() => setDecimalSeparator('point')}
      >
        1.5
      </button>
      <button
        type="button"
        className="ticket-mode"
        aria-pressed={separator === 'comma'}
        title="Type decimals with a comma: 100,5"
        onClick={() => setDecimalSeparator('comma')}
      >
        1,5
      </button>
    </div>
  );
}
