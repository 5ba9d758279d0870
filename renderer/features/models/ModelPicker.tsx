import { useId } from 'react';
import type { ParamValue } from '../../../shared/strategy/block-types';
import { useStore } from '../../store';
import { openPanel, withDock } from '../dock/dock-controller';
import { kindTitle } from './model-kinds';
import { useModelOptionsContext } from './model-options';
import { keyMetric } from './RegistrySection';

interface ModelPickerProps {
  nodeId: string;
  model: string;
  version: number;
  /** Sets the block's model and version together (one undo step). */
  onPick(values: Record<string, ParamValue>): void;
}

const ONNX_PREFIX = 'onnx_';

/**
 * The Model block's model, picked by name from the registry: each trained version (walk-forward,
 * pinned by number) and each imported ONNX model. "Train…" opens the Models panel on this block.
 */
export function ModelPicker({ nodeId, model, version, onPick }: ModelPickerProps) {
  const id = useId();
  const { versions, onnx, error, reload } = useModelOptionsContext();
  const value = model === '' ? '' : model.startsWith(ONNX_PREFIX) ? model : `${model}@${version}`;
  const known = value === '' || versions.some((v) => `${v.id}@${v.version}` === value) || onnx.some((m) => m.id === value);
  const openModels = () => {
    const strategyId = useStore.getState().openStrategy?.id;
    if (strategyId) useStore.getState().setModelsTarget({ strategyId, nodeId });
    useStore.getState().setWorkspace('trade');
    withDock((api) => openPanel(api, 'models'));
  };
  return (
    <div className="param-field nodrag">
      <label className="param-label" htmlFor={id} title="The trained model (or imported ONNX model) this block runs">
        Model
      </label>
      <select
        id={id}
        className="select param-input"
        value={value}
        aria-invalid={!known || value === '' || undefined}
        onFocus={reload}
        onChange={(event) => {
          const picked = event.target.value;
          if (picked === '') onPick({ model: '' });
          else if (picked.startsWith(ONNX_PREFIX)) onPick({ model: picked, version: 1 });
          else {
            const [modelId, n] = picked.split('@');
            onPick({ model: modelId!, version: Number(n) });
          }
        }}
      >
        <option value="">{versions.length + onnx.length === 0 ? 'No model yet: train one in Models' : 'Choose a model…'}</option>
        {!known ? <option value={value}>Missing: {value} (deleted or not trained here)</option> : null}
        {versions.length > 0 ? (
          <optgroup label="Trained walk-forward">
            {versions.map((v) => (
              <option key={`${v.id}@${v.version}`} value={`${v.id}@${v.version}`}>
                {v.name} v{v.version} · {kindTitle(v.kind)} · {keyMetric(v)}
              </option>
            ))}
          </optgroup>
        ) : null}
        {onnx.length > 0 ? (
          <optgroup label="Imported ONNX">
            {onnx.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} (ONNX{m.mapping ? '' : ', inputs not mapped'})
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {error ? <span className="field-hint is-down">{error}</span> : null}
      <button type="button" className="button param-action" onClick={openModels} aria-label="Train this Model block in the Models panel">
        Train…
      </button>
    </div>
  );
}
