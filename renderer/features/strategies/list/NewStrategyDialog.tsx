import { useId, useState } from 'react';
import { STRATEGY_TEMPLATES } from '../../../../shared/strategy/templates/index';
import { NameDialog } from './NameDialog';

interface NewStrategyDialogProps {
  onCreate(input: { template?: string; name?: string }): Promise<void>;
  onClose(): void;
}

const BLANK = 'blank';

/** New strategy: blank (a Candle block to build on) or one of the templates, each an ordinary editable graph. */
export function NewStrategyDialog({ onCreate, onClose }: NewStrategyDialogProps) {
  const [choice, setChoice] = useState(BLANK);
  const legendId = useId();
  const options = [{ name: BLANK, title: 'Blank', description: 'Only a Candle block: build from the palette.' }, ...STRATEGY_TEMPLATES];
  return (
    <NameDialog
      title="New strategy"
      submitLabel="Create"
      initialName=""
      optional
      onClose={onClose}
      onSubmit={(name) => onCreate({ ...(choice === BLANK ? {} : { template: choice }), ...(name ? { name } : {}) })}
    >
      <fieldset className="fieldset" aria-labelledby={legendId}>
        <legend className="fieldset-legend" id={legendId}>
          Start from
        </legend>
        {options.map((option) => (
          <label key={option.name} className="choice new-strategy-choice">
            <input
              type="radio"
              name="new-strategy-template"
              value={option.name}
              checked={choice === option.name}
              onChange={() => setChoice(option.name)}
            />
            <span>
              <strong>{option.title}</strong> <span className="field-hint">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </NameDialog>
  );
}
