/**
 * The hyper-parameters of each trained model kind, as the Models panel's form shows them: one
 * group per kind family, pre-filled from the shared schema's own defaults so the form and core
 * never disagree on what an untouched field means.
 */
import {
  ForestParamsSchema,
  LogisticParamsSchema,
  XGBOOST_KINDS,
  XGBoostParamsSchema,
  type ModelKind,
  type ModelSpec,
} from '../../../shared/ml/model-spec';

export type ParamGroup = 'xgboost' | 'forest' | 'logistic';

export const PARAM_SCHEMAS = { xgboost: XGBoostParamsSchema, forest: ForestParamsSchema, logistic: LogisticParamsSchema };

type GroupKeys<G extends ParamGroup> = keyof ModelSpec[G] & string;

/** A form field id per parameter: "xgboost.maxDepth", the same path the schema reports issues on. */
export type ParamField = { [G in ParamGroup]: `${G}.${GroupKeys<G>}` }[ParamGroup];

export interface ParamInput {
  field: ParamField;
  label: string;
  hint: string;
}

/** Labels a trader recognises, with the library's own term where it has one. */
export const PARAM_INPUTS: Record<ParamGroup, ParamInput[]> = {
  xgboost: [
    { field: 'xgboost.trees', label: 'Trees (boosting rounds)', hint: 'One tree per boosting round' },
    { field: 'xgboost.maxDepth', label: 'Max tree depth', hint: 'Deeper trees fit finer patterns and overfit sooner' },
    {
      field: 'xgboost.learningRate',
      label: 'Learning rate (eta)',
      hint: "Shrinks each tree's step: smaller learns slower and overfits less",
    },
    {
      field: 'xgboost.subsample',
      label: 'Row subsample (0.1 … 1)',
      hint: 'Share of the training rows each tree is fitted on, drawn from the seed',
    },
    { field: 'xgboost.featureShare', label: 'Feature share (0.1 … 1)', hint: 'Share of the features each tree sees, drawn from the seed' },
    { field: 'xgboost.minChildWeight', label: 'Min child weight', hint: 'Least summed hessian (≈ rows for regression) a leaf may hold' },
  ],
  forest: [
    { field: 'forest.trees', label: 'Trees', hint: 'Trees in the forest, each on a bootstrap sample' },
    { field: 'forest.maxDepth', label: 'Max tree depth', hint: 'Deeper trees fit finer patterns and overfit sooner' },
    { field: 'forest.featureShare', label: 'Feature share (0.1 … 1)', hint: 'Share of the features each tree sees' },
    { field: 'forest.minNodeRows', label: 'Min rows to split a node', hint: 'Fewest rows a tree node may be split on' },
  ],
  logistic: [
    { field: 'logistic.steps', label: 'Gradient steps', hint: 'Gradient steps over the z-scored training rows' },
    { field: 'logistic.learningRate', label: 'Step size (learning rate)', hint: 'Step size on the mean gradient' },
  ],
};

export const PARAM_FIELDS: ParamField[] = Object.values(PARAM_INPUTS).flatMap((inputs) => inputs.map((input) => input.field));

/** Which parameter group a kind is tuned with; linear regression has none. */
export function paramGroupOf(kind: string): ParamGroup | null {
  if (XGBOOST_KINDS.includes(kind as ModelKind)) return 'xgboost';
  if (kind === 'randomForestClassifier' || kind === 'randomForestRegressor') return 'forest';
  if (kind === 'logistic') return 'logistic';
  return null;
}

/** Every parameter as text, from a parsed definition (or the schema defaults). */
export function paramTextsOf(spec: Pick<ModelSpec, ParamGroup>): Record<ParamField, string> {
  const texts = {} as Record<ParamField, string>;
  for (const field of PARAM_FIELDS) {
    const [group, key] = field.split('.') as [ParamGroup, string];
    texts[field] = String((spec[group] as Record<string, number>)[key]);
  }
  return texts;
}

export const DEFAULT_PARAM_TEXTS = paramTextsOf({
  xgboost: XGBoostParamsSchema.parse({}),
  forest: ForestParamsSchema.parse({}),
  logistic: LogisticParamsSchema.parse({}),
});
