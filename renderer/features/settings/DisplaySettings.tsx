import { useState } from 'react';
import type { Settings } from '../../../shared/ipc/schemas/settings';
import { timeZoneLabel } from '../../lib/format/time-zone';
import { useStore } from '../../store';
import { SaveStatus } from './SaveStatus';
import { ChoiceRow, SettingsGroup } from './SettingsSection';
import { useSaveSettings } from './use-save-settings';

type DisplayPatch = Partial<Pick<Settings, 'numberFormat' | 'timeZone' | 'theme'>>;

/** Number format, display time zone and theme: each saves as soon as it is picked. */
export function DisplaySettings() {
  const stored = useStore((state) => state.settings);
  const { save, state } = useSaveSettings();
  // The pick shows at once; a refused save puts core's value back.
  const [picked, setPicked] = useState<DisplayPatch>({});
  const settings = stored ? { ...stored, ...picked } : null;
  const disabled = settings === null;
  const pick = (patch: DisplayPatch) => {
    setPicked((current) => ({ ...current, ...patch }));
    void save(patch).then(() =>
      setPicked((current) => {
        const rest = { ...current };
        for (const key of Object.keys(patch) as Array<keyof DisplayPatch>) if (rest[key] === patch[key]) delete rest[key];
        return rest;
      }),
    );
  };
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
        onPick={(numberFormat) => pick({ numberFormat })}
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
        onPick={(timeZone) => pick({ timeZone })}
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
        onPick={(theme) => pick({ theme })}
      />
      <SaveStatus state={state} />
    </SettingsGroup>
  );
}
