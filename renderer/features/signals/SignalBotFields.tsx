import type { BotIssue } from '../../../shared/ipc/schemas/bots';
import type { SignalSourceView } from '../../../shared/ipc/schemas/signals';
import { CheckField, InputField, SelectField } from '../bots/form/FormField';
import type { SignalValues } from '../bots/form/bot-form-state';

/** The signal bot's settings in the bot form: its source (of the chosen account and market), sizing and max open deals. */
export function SignalBotFields({
  values,
  onChange,
  issues,
  quote,
  base,
  sources,
  accountId,
  symbol,
}: {
  values: SignalValues;
  onChange(patch: Partial<SignalValues>): void;
  issues: ReadonlyMap<string, BotIssue[]>;
  quote: string;
  base: string;
  sources: readonly SignalSourceView[];
  accountId: string;
  symbol: string;
}) {
  const usable = sources.filter((source) => source.accountId === accountId && source.symbols.includes(symbol));
  return (
    <div className="bot-form-grid">
      <SelectField
        label="Signal source"
        path="config.sourceId"
        value={values.sourceId}
        onChange={(sourceId) => onChange({ sourceId })}
        issues={issues}
        options={[
          { value: '', label: usable.length === 0 ? 'No source for this market yet' : 'Pick a source…' },
          ...usable.map((source) => ({ value: source.id, label: source.name })),
        ]}
        hint={
          usable.length === 0
            ? `Create a signal source for ${symbol} on this account in the Signals panel first.`
            : 'Signals posted to this source open and close the bot’s deals.'
        }
      />
      <SelectField
        label="Size unit"
        path="config.size.unit"
        value={values.sizeUnit}
        onChange={(sizeUnit) => onChange({ sizeUnit: sizeUnit as SignalValues['sizeUnit'] })}
        issues={issues}
        options={[
          { value: 'quote', label: `${quote} per deal` },
          { value: 'base', label: `${base} per deal` },
          { value: 'percent', label: '% of the capital cap' },
        ]}
      />
      <InputField
        label="Size per deal"
        unit={values.sizeUnit === 'quote' ? quote : values.sizeUnit === 'base' ? base : '%'}
        path="config.size.value"
        value={values.sizeValue}
        onChange={(sizeValue) => onChange({ sizeValue })}
        issues={issues}
      />
      <InputField
        label="Max open deals"
        path="config.maxOpenDeals"
        inputMode="numeric"
        value={values.maxOpenDeals}
        onChange={(maxOpenDeals) => onChange({ maxOpenDeals })}
        issues={issues}
      />
      <CheckField
        label="Use the size a signal names"
        path="config.useSignalSize"
        checked={values.useSignalSize}
        onChange={(useSignalSize) => onChange({ useSignalSize })}
        issues={issues}
      />
    </div>
  );
}
