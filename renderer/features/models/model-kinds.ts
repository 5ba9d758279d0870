/**
 * The model kinds the panel offers, read from the shared spec so a kind added there (with its
 * classifier/regressor role) shows up here without UI changes. `onnx` is imported, never trained.
 */
import { CLASSIFIER_KINDS, MODEL_KINDS, REGRESSOR_KINDS, type ModelKind } from '../../../shared/ml/model-spec';

const TITLES: Partial<Record<string, string>> = {
  randomForestClassifier: 'Random forest (classifier)',
  randomForestRegressor: 'Random forest (regressor)',
  logistic: 'Logistic regression (classifier)',
  linear: 'Linear regression (regressor)',
  xgboostClassifier: 'XGBoost (classifier)',
  xgboostRegressor: 'XGBoost (regressor)',
  onnx: 'Imported ONNX',
};

/** A readable name for any kind: the known ones by hand, a new one from its camelCase id. */
export function kindTitle(kind: string): string {
  const known = TITLES[kind];
  if (known) return known;
  // The role goes in brackets once ("gradientTreesClassifier" → "Gradient trees (classifier)").
  const words = kind
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ (classifier|regressor)$/, '');
  const role = CLASSIFIER_KINDS.includes(kind as ModelKind)
    ? ' (classifier)'
    : REGRESSOR_KINDS.includes(kind as ModelKind)
      ? ' (regressor)'
      : '';
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${role}`;
}

/** Kinds trained here: every kind the schema knows that has a classifier or regressor role. */
export function trainableKinds(): ModelKind[] {
  return MODEL_KINDS.filter((k) => CLASSIFIER_KINDS.includes(k) || REGRESSOR_KINDS.includes(k));
}

export function isRegressorKind(kind: string): boolean {
  return REGRESSOR_KINDS.includes(kind as ModelKind);
}
