import { useId } from 'react';
import { useStore } from '../../../store';
import type { LabSettingsForm } from '../store/lab-slice';
import { DatasetPicker } from './DatasetPicker';
import { useDatasets } from './use-datasets';

/** Data set, money and range shared by backtests and sweeps. */
export function SettingsFields({ disabled }: { disabled: boolean }) {
  const reload = useDatasets();
  const form = useStore((state) => state.labSettings);
  const set = useStore((state) => state.setLabSettings);
  const ids = { cash: useId(), fee: useId(), slippage: useId(), from: useId(), to: useId() };
  const field = (key: keyof LabSettingsForm) => ({
    value: form[key],
    disabled,
    onChange: (event: { target: { value: string } }) => set({ [key]: event.target.value }),
  });
  return (
    <div className="lab-settings">
      <DatasetPicker reload={reload} disabled={disabled} />
      <div className="lab-form-grid">
        <div className="field">
          <label className="field-label" htmlFor={ids.cash}>
            Starting cash (quote)
          </label>
          <input id={ids.cash} className="input num" type="number" min={0} step="any" inputMode="decimal" {...field('startingCash')} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.fee}>
            Fee (%)
          </label>
          <input id={ids.fee} className="input num" type="number" min={0} max={10} step={0.01} inputMode="decimal" {...field('feePct')} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.slippage}>
            Slippage (bps)
          </label>
          <input
            id={ids.slippage}
            className="input num"
            type="number"
            min={0}
            max={1000}
            step={1}
            inputMode="decimal"
            {...field('slippageBps')}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.from}>
            From (UTC)
          </label>
          <input id={ids.from} className="input" type="date" {...field('from')} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.to}>
            To (UTC, inclusive)
          </label>
          <input id={ids.to} className="input" type="date" {...field('to')} />
        </div>
      </div>
      <p className="field-hint">
        Fills at the next bar&apos;s open plus slippage; bars are used as they are (gaps are not filled). Earlier bars warm the indicators
        up.
      </p>
    </div>
  );
}
