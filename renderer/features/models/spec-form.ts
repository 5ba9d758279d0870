/**
 * The model definition as typed in the Models panel: strings per field, parsed with the shared
 * schema so its limits and its specific errors (purge shorter than the horizon, horizon longer
 * than the test window, a classifier on a regression label) show on the field they are about.
 */
import { LABEL_KINDS, ModelSpecSchema, type LabelKind, type ModelSpec } from '../../../shared/ml/model-spec';
import { DEFAULT_PARAM_TEXTS, PARAM_FIELDS, PARAM_INPUTS, paramGroupOf, paramTextsOf, type ParamField } from './kind-params';
import { isRegressorKind, trainableKinds } from './model-kinds';

export interface SpecForm {
  kind: string;
  label: LabelKind;
  horizon: string;
  thresholdPct: string;
  trainBars: string;
  testBars: string;
  purgeBars: string;
  lags: string;
  seed: string;
  /** Every kind's hyper-parameters; only the chosen kind's group is shown, parsed and sent. */
  params: Record<ParamField, string>;
}

export type SpecField = Exclude<keyof SpecForm, 'params'> | ParamField;
export type SpecErrors = Partial<Record<SpecField, string>>;

export const DEFAULT_SPEC_FORM: SpecForm = {
  kind: trainableKinds()[0] ?? 'randomForestClassifier',
  label: 'direction',
  horizon: '3',
  thresholdPct: '0',
  trainBars: '1000',
  testBars: '250',
  purgeBars: '3',
  lags: '1',
  seed: '42',
  params: DEFAULT_PARAM_TEXTS,
};

export const LABEL_TITLES: Record<LabelKind, string> = {
  direction: 'Up or down after N bars',
  aboveThreshold: 'Return after N bars above a threshold',
  forwardReturn: 'Return after N bars (%, regression)',
};
export const LABEL_OPTIONS = LABEL_KINDS.map((kind) => ({ kind, title: LABEL_TITLES[kind] }));

/** Which form field a schema issue path belongs to. */
const FIELD_OF_PATH: Record<string, SpecField> = {
  kind: 'kind',
  'label.kind': 'label',
  'label.horizon': 'horizon',
  'label.thresholdPct': 'thresholdPct',
  'windows.trainBars': 'trainBars',
  'windows.testBars': 'testBars',
  'windows.purgeBars': 'purgeBars',
  lags: 'lags',
  seed: 'seed',
};

const NUMBER_FIELDS: Exclude<SpecField, 'kind' | 'label' | ParamField>[] = [
  'horizon',
  'thresholdPct',
  'trainBars',
  'testBars',
  'purgeBars',
  'lags',
  'seed',
];

export type SpecParse = { ok: true; spec: ModelSpec } | { ok: false; errors: SpecErrors };

function fieldOfPath(path: string): SpecField {
  if (FIELD_OF_PATH[path]) return FIELD_OF_PATH[path];
  return PARAM_FIELDS.includes(path as ParamField) ? (path as ParamField) : 'kind';
}

function numberOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The schema's limits in words ("at least 30"); its own refinements keep their full sentence. */
function issueText(issue: { code: string; message: string; minimum?: unknown; maximum?: unknown; expected?: unknown }): string {
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}

/** The definition, or an error per field saying what is wrong with it. */
export function parseSpecForm(form: SpecForm): SpecParse {
  const errors: SpecErrors = {};
  const values: Partial<Record<SpecField, number>> = {};
  const group = paramGroupOf(form.kind);
  const texts: [SpecField, string][] = [
    ...NUMBER_FIELDS.map((field): [SpecField, string] => [field, form[field]]),
    ...(group ? PARAM_INPUTS[group] : []).map(({ field }): [SpecField, string] => [field, form.params[field]]),
  ];
  for (const [field, text] of texts) {
    const value = numberOf(text);
    if (value === null) errors[field] = text.trim() === '' ? 'required' : `"${text}" is not a number`;
    else values[field] = value;
  }
  // Only the chosen kind's group is sent as typed; the others keep the schema defaults.
  const params = group
    ? {
        [group]: Object.fromEntries(PARAM_INPUTS[group].map(({ field }) => [field.slice(group.length + 1), values[field]])),
      }
    : {};
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = ModelSpecSchema.safeParse({
    kind: form.kind,
    label: {
      kind: form.label,
      horizon: values.horizon,
      ...(form.label === 'aboveThreshold' ? { thresholdPct: values.thresholdPct } : {}),
    },
    windows: { trainBars: values.trainBars, testBars: values.testBars, purgeBars: values.purgeBars },
    lags: values.lags,
    seed: values.seed,
    ...params,
  });
  if (parsed.success) return { ok: true, spec: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path.join('.'));
    errors[field] ??= issueText(issue);
  }
  return { ok: false, errors };
}

/** Switching between a classifier and a regressor label moves the kind to one that fits it. */
export function withLabel(form: SpecForm, label: LabelKind): SpecForm {
  const regression = label === 'forwardReturn';
  if (regression === isRegressorKind(form.kind)) return { ...form, label };
  const kind = trainableKinds().find((k) => isRegressorKind(k) === regression) ?? form.kind;
  return { ...form, label, kind };
}

/** The form of a stored definition (train a new version with the same settings). */
export function formOfSpec(spec: ModelSpec): SpecForm {
  return {
    kind: spec.kind,
    label: spec.label.kind,
    horizon: String(spec.label.horizon),
    thresholdPct: String(spec.label.thresholdPct),
    trainBars: String(spec.windows.trainBars),
    testBars: String(spec.windows.testBars),
    purgeBars: String(spec.windows.purgeBars),
    lags: String(spec.lags),
    seed: String(spec.seed),
    params: paramTextsOf(spec),
  };
}
