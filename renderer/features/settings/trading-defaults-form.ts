import { TradingDefaultsSchema, type TradingDefaults } from '../../../shared/ipc/schemas/settings';
import { formatForInput, parseDecimal, type DecimalSeparator } from '../../lib/number-format/number-format';

export type DefaultsField = keyof TradingDefaults;
export type DefaultsForm = Record<DefaultsField, string>;

export const DEFAULTS_FIELDS: ReadonlyArray<{ field: DefaultsField; label: string; unit: string }> = [
  { field: 'paperFeePct', label: 'Paper fee', unit: '%' },
  { field: 'paperSlippageBps', label: 'Paper slippage', unit: 'bps' },
  { field: 'backtestFeePct', label: 'Backtest fee', unit: '%' },
  { field: 'backtestSlippageBps', label: 'Backtest slippage', unit: 'bps' },
];

export function toForm(defaults: TradingDefaults, separator: DecimalSeparator): DefaultsForm {
  return {
    paperFeePct: formatForInput(defaults.paperFeePct, separator),
    paperSlippageBps: formatForInput(defaults.paperSlippageBps, separator),
    backtestFeePct: formatForInput(defaults.backtestFeePct, separator),
    backtestSlippageBps: formatForInput(defaults.backtestSlippageBps, separator),
  };
}

/**
 * The typed values read in the person's number format and checked with core's own schema, so the
 * message under a field is the one core would give ("The paper fee … at most 10 %").
 */
export function readDefaultsForm(
  form: DefaultsForm,
  separator: DecimalSeparator,
): { ok: true; value: TradingDefaults } | { ok: false; errors: Partial<Record<DefaultsField, string>> } {
  const errors: Partial<Record<DefaultsField, string>> = {};
  const values: Partial<Record<DefaultsField, number>> = {};
  for (const { field, label } of DEFAULTS_FIELDS) {
    const parsed = parseDecimal(form[field], separator);
    if (!parsed.ok) {
      errors[field] = parsed.empty ? `Enter the ${label.toLowerCase()}.` : parsed.message;
      continue;
    }
    const checked = TradingDefaultsSchema.shape[field].safeParse(parsed.value);
    if (checked.success) values[field] = checked.data;
    else errors[field] = `${checked.error.issues[0]?.message ?? 'Not a valid value'}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: values as TradingDefaults };
}
