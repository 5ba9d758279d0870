import { direction, formatValue } from '../../lib/format/numbers';

const TONES = ['is-down', 'is-flat', 'is-up'] as const;

/** A PnL figure in the market's quote currency, coloured by its sign, with an explicit + for gains. */
export function BotPnl({ value, currency }: { value: number | null; currency: string }) {
  const sign = direction(value);
  const text = value === null ? '—' : `${sign > 0 ? '+' : ''}${formatValue(value, currency)}`;
  return <span className={TONES[sign + 1]}>{text}</span>;
}
