import type { BracketForm, BracketProblem, LevelMode, TargetForm } from './ticket-input';
import { MAX_TARGETS, evenShares } from './ticket-input';
import { TicketIssues } from './TicketIssues';

interface BracketFieldsProps {
  form: BracketForm;
  problems: readonly BracketProblem[];
  onChange: (next: BracketForm) => void;
}

function LevelModeSelect({ value, label, onChange }: { value: LevelMode; label: string; onChange: (mode: LevelMode) => void }) {
  return (
    <select className="select ticket-unit" aria-label={label} value={value} onChange={(event) => onChange(event.target.value as LevelMode)}>
      <option value="percent">%</option>
      <option value="price">price</option>
    </select>
  );
}

/** The exits of a smart trade: up to five take-profits with their shares, a stop-loss and a trailing stop. */
export function BracketFields({ form, problems, onChange }: BracketFieldsProps) {
  const setTarget = (index: number, patch: Partial<TargetForm>) =>
    onChange({ ...form, targets: form.targets.map((target, i) => (i === index ? { ...target, ...patch } : target)) });
  const reshare = (targets: TargetForm[]) => {
    const shares = evenShares(targets.length);
    return targets.map((target, i) => ({ ...target, share: shares[i] ?? target.share }));
  };
  const addTarget = () => onChange({ ...form, targets: reshare([...form.targets, { value: '', mode: 'percent', share: '' }]) });
  const removeTarget = (index: number) => onChange({ ...form, targets: reshare(form.targets.filter((_, i) => i !== index)) });
  const of = (field: BracketProblem['field']) => problems.filter((problem) => problem.field === field);

  return (
    <div className="ticket-bracket">
      <fieldset className="fieldset ticket-targets">
        <legend className="fieldset-legend">Take-profit targets</legend>
        {form.targets.map((target, index) => {
          const n = index + 1;
          return (
            <div className="ticket-target" key={index} data-testid="ticket-target">
              <span className="ticket-target-label">TP{n}</span>
              <input
                className="input num"
                inputMode="decimal"
                aria-label={`Target ${n} ${target.mode === 'price' ? 'price' : '%'}`}
                value={target.value}
                onChange={(event) => setTarget(index, { value: event.target.value })}
              />
              <LevelModeSelect value={target.mode} label={`Target ${n} unit`} onChange={(mode) => setTarget(index, { mode })} />
              <input
                className="input num ticket-share"
                inputMode="decimal"
                aria-label={`Target ${n} share %`}
                value={target.share}
                onChange={(event) => setTarget(index, { share: event.target.value })}
              />
              <button
                type="button"
                className="button ticket-icon-button"
                aria-label={`Remove target ${n}`}
                onClick={() => removeTarget(index)}
              >
                ×
              </button>
            </div>
          );
        })}
        <button type="button" className="button" onClick={addTarget} disabled={form.targets.length >= MAX_TARGETS}>
          Add target
        </button>
        <TicketIssues issues={of('targets')} />
      </fieldset>
      <div className="ticket-row">
        <label className="field ticket-grow">
          <span className="field-label">Stop-loss</span>
          <input
            className="input num"
            inputMode="decimal"
            value={form.stopLoss}
            onChange={(event) => onChange({ ...form, stopLoss: event.target.value })}
          />
        </label>
        <LevelModeSelect
          value={form.stopLossMode}
          label="Stop-loss unit"
          onChange={(stopLossMode) => onChange({ ...form, stopLossMode })}
        />
      </div>
      <TicketIssues issues={of('stopLoss')} />
      <label className="field">
        <span className="field-label">Trailing callback %</span>
        <input
          className="input num"
          inputMode="decimal"
          value={form.trailing}
          onChange={(event) => onChange({ ...form, trailing: event.target.value })}
        />
      </label>
      <TicketIssues issues={of('trailing')} />
    </div>
  );
}
