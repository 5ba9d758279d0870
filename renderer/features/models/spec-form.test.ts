import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_FORM, formOfSpec, parseSpecForm, withLabel } from './spec-form';
import { kindTitle, trainableKinds } from './model-kinds';
import { XGBoostParamsSchema } from '../../../shared/ml/model-spec';

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

  it("pre-fills each kind's own settings from the schema defaults and sends the chosen kind's values", () => {
    expect(DEFAULT_SPEC_FORM.params['xgboost.maxDepth']).toBe(String(XGBoostParamsSchema.parse({}).maxDepth));
    expect(DEFAULT_SPEC_FORM.params['xgboost.learningRate']).toBe('0.1');
    expect(DEFAULT_SPEC_FORM.params['forest.minNodeRows']).toBe('10');
    expect(DEFAULT_SPEC_FORM.params['logistic.steps']).toBe('400');
    const xgb = parseSpecForm({
      ...DEFAULT_SPEC_FORM,
      kind: 'xgboostClassifier',
      params: {
        ...DEFAULT_SPEC_FORM.params,
        'xgboost.trees': '250',
        'xgboost.maxDepth': '4',
        'xgboost.learningRate': '0.05',
        'xgboost.subsample': '0.6',
      },
    });
    expect(xgb.ok ? xgb.spec.xgboost : null).toEqual({
      trees: 250,
      maxDepth: 4,
      learningRate: 0.05,
      subsample: 0.6,
      featureShare: 0.8,
      minChildWeight: 1,
    });
    const forest = parseSpecForm({
      ...DEFAULT_SPEC_FORM,
      kind: 'randomForestClassifier',
      params: { ...DEFAULT_SPEC_FORM.params, 'forest.minNodeRows': '25' },
    });
    expect(forest.ok ? forest.spec.forest.minNodeRows : null).toBe(25);
    const logistic = parseSpecForm({
      ...DEFAULT_SPEC_FORM,
      kind: 'logistic',
      params: { ...DEFAULT_SPEC_FORM.params, 'logistic.steps': '900' },
    });
    expect(logistic.ok ? logistic.spec.logistic.steps : null).toBe(900);
    // A stored definition's settings come back into the form to train a new version with them.
    if (logistic.ok) expect(formOfSpec(logistic.spec).params['logistic.steps']).toBe('900');
  });

  it("puts a kind setting's schema limit on its own field, and ignores the settings of other kinds", () => {
    const deep = { ...DEFAULT_SPEC_FORM, kind: 'xgboostClassifier', params: { ...DEFAULT_SPEC_FORM.params, 'xgboost.maxDepth': '13' } };
    expect(parseSpecForm(deep)).toEqual({ ok: false, errors: { 'xgboost.maxDepth': 'must be at most 12' } });
    expect(parseSpecForm({ ...deep, params: { ...deep.params, 'xgboost.learningRate': 'fast' } })).toEqual({
      ok: false,
      errors: { 'xgboost.learningRate': '"fast" is not a number' },
    });
    expect(parseSpecForm({ ...deep, kind: 'randomForestClassifier' }).ok).toBe(true);
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
