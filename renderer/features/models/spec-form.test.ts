import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_FORM, formOfSpec, parseSpecForm, withLabel } from './spec-form';
import { kindTitle, trainableKinds } from './model-kinds';

describe('model definition form', () => {
  it('parses the defaults into a definition the schema accepts', () => {
    const parsed = parseSpecForm(DEFAULT_SPEC_FORM);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formOfSpec(parsed.spec)).toEqual(DEFAULT_SPEC_FORM);
  });

  it("puts the schema's limits and its own checks on the field they are about", () => {
    expect(parseSpecForm({ ...DEFAULT_SPEC_FORM, trainBars: '10', lags: '1.5', seed: '' })).toEqual({
      ok: false,
      errors: { seed: 'required' },
    });
    expect(parseSpecForm({ ...DEFAULT_SPEC_FORM, trainBars: '10', lags: '1.5' })).toEqual({
      ok: false,
      errors: { trainBars: 'must be at least 30', lags: 'must be a whole number' },
    });
    const purge = parseSpecForm({ ...DEFAULT_SPEC_FORM, horizon: '5', purgeBars: '2' });
    expect(purge.ok ? null : purge.errors.purgeBars).toBe(
      'the purge gap (2 bars) is shorter than the label horizon (5 bars): the last training labels would read closes after the first predicted bar. Make it at least 5',
    );
    const horizon = parseSpecForm({ ...DEFAULT_SPEC_FORM, horizon: '20', purgeBars: '20', testBars: '10' });
    expect(horizon.ok ? null : horizon.errors.horizon).toMatch(/^the label horizon \(20 bars\) is longer than the test window \(10 bars\)/);
    const kind = parseSpecForm({ ...DEFAULT_SPEC_FORM, label: 'forwardReturn' });
    expect(kind.ok ? null : kind.errors.kind).toMatch(/the forward-return label needs a regressor/);
    expect(parseSpecForm({ ...DEFAULT_SPEC_FORM, trainBars: 'abc' })).toEqual({
      ok: false,
      errors: { trainBars: '"abc" is not a number' },
    });
  });

  it('moves the kind to a regressor for a regression label and back', () => {
    const regression = withLabel(DEFAULT_SPEC_FORM, 'forwardReturn');
    expect(parseSpecForm(regression).ok).toBe(true);
    expect(parseSpecForm(withLabel(regression, 'aboveThreshold')).ok).toBe(true);
  });

  it('offers every kind of the shared schema that is trained here, with a readable name for a new one', () => {
    expect(trainableKinds()).toEqual(expect.arrayContaining(['randomForestClassifier', 'randomForestRegressor', 'logistic', 'linear']));
    expect(trainableKinds()).not.toContain('onnx');
    expect(kindTitle('gradientBoostedTrees')).toBe('Gradient boosted trees');
    expect(kindTitle('xgboostClassifier')).toBe('XGBoost (classifier)');
  });
});
