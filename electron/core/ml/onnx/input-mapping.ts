/**
 * Checks a user's mapping of builder outputs onto an ONNX model's inputs (and of one output
 * column onto the prediction) against the model's signature, before anything is stored or run.
 * Every problem is named with the input, its type and shape and what was mapped, e.g.
 * "input 'x' expects float32 [N,3]; 2 features are mapped".
 *
 * Tradewind evaluates one row of features per bar, so an input is [batch, features] (or [batch]
 * for one feature); builder outputs are numbers, fed as the input's float32 or float64.
 */
import { TradewindError } from '../../../../shared/ipc/errors';
import type { OnnxMapping, OnnxSignature, OnnxValue } from '../../../../shared/ipc/schemas/onnx-models';
import { describeValue } from './onnx-runtime';

export const FEEDABLE_TYPES = ['float32', 'float64'] as const;
export type FeedableType = (typeof FEEDABLE_TYPES)[number];

/** How a checked input is fed: its element type, how many columns, and whether the tensor is rank 1 ([N]). */
export interface InputPlan {
  name: string;
  type: FeedableType;
  features: readonly string[];
  rank1: boolean;
}
export interface MappingPlan {
  inputs: InputPlan[];
  output: { name: string; column: number };
  /** A model exported with a fixed batch of one row ([1,k]) is run one row at a time. */
  oneRowPerRun: boolean;
  /** Every feature, input by input, in column order: the order rows are given in. */
  features: string[];
}

const count = (n: number): string => (n === 1 ? '1 feature is mapped' : `${n} features are mapped`);
const names = (values: readonly OnnxValue[]): string => values.map((v) => `'${v.name}'`).join(', ') || 'none';

/** The problem with one mapped input, or null when it fits. */
function inputProblem(input: OnnxValue, features: readonly string[], plan: InputPlan[], batchOfOne: { value: boolean }): string | null {
  const spelled = `input '${input.name}' expects ${describeValue(input)}`;
  if (!input.tensor) return `${spelled}; only tensor inputs can be fed from builder outputs`;
  if (!(FEEDABLE_TYPES as readonly string[]).includes(input.type))
    return `${spelled}; builder outputs are numbers fed as float32 or float64: export the model with float inputs`;
  const { shape } = input;
  const batch = shape[0];
  if (typeof batch === 'number' && batch > 1)
    return `${spelled}; its batch dimension is fixed at ${batch} rows: export it with a free batch dimension (e.g. [N,${shape[1] ?? 1}])`;
  if (typeof batch === 'number' && batch === 1) batchOfOne.value = true;
  if (shape.length > 2) return `${spelled}; Tradewind feeds one row of features per bar ([N,features]), not a sequence or an image`;
  if (shape.length === 1 && features.length !== 1) return `${spelled} (one value per row); ${count(features.length)}`;
  const columns = shape[1];
  if (shape.length === 2 && typeof columns === 'number' && columns !== features.length) return `${spelled}; ${count(features.length)}`;
  plan.push({ name: input.name, type: input.type as FeedableType, features, rank1: shape.length === 1 });
  return null;
}

function outputProblem(signature: OnnxSignature, output: OnnxMapping['output']): string | null {
  const found = signature.outputs.find((o) => o.name === output.name);
  if (!found) return `the model has no output '${output.name}' (its outputs: ${names(signature.outputs)})`;
  if (!found.tensor)
    return `output '${found.name}' is a map or sequence, not a tensor (scikit-learn's ZipMap): export with zipmap disabled (skl2onnx options={'zipmap': False}) or pick a tensor output`;
  if (found.type === 'string')
    return `output '${found.name}' holds strings (class labels): pick a numeric output such as the probabilities`;
  if (found.shape.length > 2)
    return `output '${found.name}' is ${describeValue(found)}; pick an output with one row per bar ([N] or [N,k])`;
  const columns = found.shape.length === 2 ? found.shape[1] : 1;
  if (typeof columns === 'number' && output.column >= columns)
    return `output '${found.name}' is ${describeValue(found)}, which has ${columns} column${columns === 1 ? '' : 's'}; column ${output.column} does not exist (columns count from 0)`;
  return null;
}

/** Checks the mapping and returns how to feed the model; throws `invalid_input` listing every problem. */
export function planMapping(signature: OnnxSignature, mapping: OnnxMapping): MappingPlan {
  const problems: string[] = [];
  const plan: InputPlan[] = [];
  const batchOfOne = { value: false };
  const seen = new Set<string>();
  for (const mapped of mapping.inputs) {
    if (seen.has(mapped.name)) problems.push(`input '${mapped.name}' is mapped twice`);
    seen.add(mapped.name);
    if (!signature.inputs.some((i) => i.name === mapped.name))
      problems.push(`the model has no input '${mapped.name}' (its inputs: ${names(signature.inputs)})`);
  }
  for (const input of signature.inputs) {
    const mapped = mapping.inputs.find((m) => m.name === input.name);
    if (!mapped) {
      problems.push(`input '${input.name}' expects ${describeValue(input)}; no features are mapped`);
      continue;
    }
    const problem = inputProblem(input, mapped.features, plan, batchOfOne);
    if (problem) problems.push(problem);
  }
  const outputProblemText = outputProblem(signature, mapping.output);
  if (outputProblemText) problems.push(outputProblemText);
  if (problems.length > 0) throw new TradewindError('invalid_input', `The mapping does not fit the model: ${problems.join('; ')}.`);
  return { inputs: plan, output: { ...mapping.output }, oneRowPerRun: batchOfOne.value, features: plan.flatMap((p) => [...p.features]) };
}
