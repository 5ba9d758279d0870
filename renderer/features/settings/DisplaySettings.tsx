import { timeZoneLabel } from '../../lib/format/time-zone';
import { useStore } from '../../store';
import { SaveStatus } from './SaveStatus';
import { ChoiceRow, SettingsGroup } from './SettingsSection';
import { useSaveSettings } from './use-save-settings';

/** Number format, display time zone and theme: each saves as soon as it is picked. */
export function DisplaySettings() {
  const settings = useStore((state) => state.settings);
  const { save, state } = useSaveSettings();
  const disabled = settings === null || state.saving;
  return (
    <SettingsGroup title="Numbers, time and theme">
      <ChoiceRow
        legend="Number format (how typed decimals are read)"
        name="settings-number-format"
        value={settings?.numberFormat ?? null}
        disabled={disabled}
        choices={[
          { value: 'point', label: 'Decimal point: 100.5', hint: 'Type decimals with a point; a comma is refused as ambiguous' },
          { value: 'comma', label: 'Decimal comma: 100,5', hint: 'Type decimals with a comma; a point is refused as ambiguous' },
        ]}
        onPick={(numberFormat) => void save({ numberFormat })}
      />
      <ChoiceRow
        legend="Times are shown in"
        name="settings-time-zone"
        value={settings?.timeZone ?? null}
        disabled={disabled}
        choices={[
          { value: 'utc', label: 'UTC (exchange time)' },
          { value: 'local', label: `Local time (${timeZoneLabel('local')})` },
        ]}
        onPick={(timeZone) => void save({ timeZone })}
      />
      <ChoiceRow
        legend="Theme"
        name="settings-theme"
        value={settings?.theme ?? null}
        disabled={disabled}
        choices={[
          { value: 'dark', label: 'Dark' },
          { value: 'light', label: 'Light' },
        ]}
        onPick={(theme) => void save({ theme })}
      />
      <SaveStatus state={state} />
    </SettingsGroup>
  );
}
