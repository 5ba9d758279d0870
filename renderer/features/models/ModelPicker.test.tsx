// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { OnnxModelView } from '../../../shared/ipc/schemas/onnx-models';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import type { ParamValue } from '../../../shared/strategy/block-types';
import { byRole, choose } from '../../test-utils/queries';
import { render, type Rendered } from '../../test-utils/render';
import { ModelOptionsContext, type ModelOptions } from './model-options';
import { ModelPicker } from './ModelPicker';

const version = (n: number, overrides: Partial<ModelVersionSummary> = {}): ModelVersionSummary => ({
  id: 'mdl_00112233445566ff',
  version: n,
  name: 'Up next bars',
  kind: 'randomForestClassifier',
  createdAt: n,
  label: 'direction over 3 bars',
  features: ['RSI', 'ROC'],
  trainedOn: 'BTC/USDT 1h',
  range: { from: 0, to: 1, bars: 2 },
  windows: 2,
  accuracy: 0.55,
  rocAuc: 0.57,
  r2: null,
  beatsBaseline: true,
  ...overrides,
});
const onnx = { id: 'onnx_00112233445566aa', name: 'sklearn logistic', mapping: null } as OnnxModelView;

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

function mount(options: Partial<ModelOptions>, model: string, n: number, picks: Array<Record<string, ParamValue>>) {
  const value: ModelOptions = { versions: [], onnx: [], error: null, reload: () => undefined, ...options };
  view = render(
    <ModelOptionsContext.Provider value={value}>
      <ModelPicker nodeId="model" model={model} version={n} onPick={(p) => picks.push(p)} />
    </ModelOptionsContext.Provider>,
  );
  return byRole<HTMLSelectElement>(document, 'combobox', 'Model');
}

describe('Model block picker', () => {
  it('offers every trained version and imported ONNX model by name, and pins model and version together', () => {
    const picks: Array<Record<string, ParamValue>> = [];
    const select = mount({ versions: [version(1), version(2, { r2: 0.12, rocAuc: null })], onnx: [onnx] }, '', 1, picks);
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Choose a model…',
      'Up next bars v1 · Random forest (classifier) · AUC 0.570 · acc. 55.0 %',
      'Up next bars v2 · Random forest (classifier) · R² 0.120',
      'sklearn logistic (ONNX, inputs not mapped)',
    ]);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    choose(select, 'mdl_00112233445566ff@2');
    choose(select, 'onnx_00112233445566aa');
    expect(picks).toEqual([
      { model: 'mdl_00112233445566ff', version: 2 },
      { model: 'onnx_00112233445566aa', version: 1 },
    ]);
    expect(byRole(document, 'button', 'Train this Model block in the Models panel')).toBeTruthy();
  });

  it('shows a pinned version that is no longer in the registry as missing, and says what to do when there is none', () => {
    const select = mount({}, 'mdl_00112233445566ff', 4, []);
    expect(select.value).toBe('mdl_00112233445566ff@4');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'No model yet: train one in Models',
      'Missing: mdl_00112233445566ff@4 (deleted or not trained here)',
    ]);
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });
});
