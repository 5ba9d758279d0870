import { describe, expect, it } from 'vitest';
import type { OnnxMapping, OnnxSignature } from '../../../../shared/ipc/schemas/onnx-models';
import { planMapping } from './input-mapping';

const logreg: OnnxSignature = {
  inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N', 3] }],
  outputs: [{ name: 'probability', tensor: true, type: 'float32', shape: ['N', 1] }],
};
/** What skl2onnx writes for a classifier: an int64 label, a ZipMap of probabilities, and (zipmap=False) a tensor. */
const sklearn: OnnxSignature = {
  inputs: [{ name: 'float_input', tensor: true, type: 'float32', shape: ['None', 4] }],
  outputs: [
    { name: 'output_label', tensor: true, type: 'int64', shape: ['None'] },
    { name: 'output_probability', tensor: false },
    { name: 'probabilities', tensor: true, type: 'float32', shape: ['None', 2] },
    { name: 'classes', tensor: true, type: 'string', shape: ['None'] },
  ],
};
const map = (inputs: OnnxMapping['inputs'], output: OnnxMapping['output'] = { name: 'probability', column: 0 }): OnnxMapping => ({
  inputs,
  output,
});
const refusal = (signature: OnnxSignature, mapping: OnnxMapping): string => {
  try {
    planMapping(signature, mapping);
  } catch (error) {
    expect((error as { code?: string }).code).toBe('invalid_input');
    return (error as Error).message;
  }
  throw new Error('the mapping was accepted');
};

describe('planMapping: builder outputs onto ONNX inputs', () => {
  it('accepts a mapping that fits and lists the features in column order', () => {
    const plan = planMapping(logreg, map([{ name: 'x', features: ['rsi1.value', 'sma1.value', 'atr1.value'] }]));
    expect(plan).toEqual({
      inputs: [{ name: 'x', type: 'float32', features: ['rsi1.value', 'sma1.value', 'atr1.value'], rank1: false }],
      output: { name: 'probability', column: 0 },
      oneRowPerRun: false,
      features: ['rsi1.value', 'sma1.value', 'atr1.value'],
    });
  });

  it('names the input, its type and shape and how many features are mapped when the count differs', () => {
    expect(refusal(logreg, map([{ name: 'x', features: ['rsi1.value', 'sma1.value'] }]))).toContain(
      "input 'x' expects float32 [N,3]; 2 features are mapped",
    );
    expect(refusal(logreg, map([{ name: 'x', features: ['a.v', 'b.v', 'c.v', 'd.v'] }]))).toContain('4 features are mapped');
  });

  it('refuses an element type builder outputs cannot feed', () => {
    const ints: OnnxSignature = { inputs: [{ name: 'ids', tensor: true, type: 'int64', shape: ['N', 2] }], outputs: logreg.outputs };
    expect(refusal(ints, map([{ name: 'ids', features: ['a.v', 'b.v'] }]))).toContain(
      "input 'ids' expects int64 [N,2]; builder outputs are numbers fed as float32 or float64",
    );
  });

  it('refuses unmapped inputs, unknown and twice-mapped names, listing every problem', () => {
    const twoInputs: OnnxSignature = {
      inputs: [
        { name: 'rsi', tensor: true, type: 'float32', shape: ['N', 1] },
        { name: 'trend', tensor: true, type: 'float64', shape: ['N', 2] },
      ],
      outputs: logreg.outputs,
    };
    const message = refusal(
      twoInputs,
      map([
        { name: 'rsi', features: ['rsi1.value'] },
        { name: 'rsi', features: ['rsi2.value'] },
        { name: 'volume', features: ['obv1.value'] },
      ]),
    );
    expect(message).toContain("input 'rsi' is mapped twice");
    expect(message).toContain("the model has no input 'volume' (its inputs: 'rsi', 'trend')");
    expect(message).toContain("input 'trend' expects float64 [N,2]; no features are mapped");
  });

  it('checks rank: [N] takes one feature, sequences and fixed batches are refused, a batch of one runs row by row', () => {
    const rank1: OnnxSignature = { inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N'] }], outputs: logreg.outputs };
    expect(planMapping(rank1, map([{ name: 'x', features: ['a.v'] }])).inputs[0]!.rank1).toBe(true);
    expect(refusal(rank1, map([{ name: 'x', features: ['a.v', 'b.v'] }]))).toContain(
      "input 'x' expects float32 [N] (one value per row); 2 features",
    );
    const sequence: OnnxSignature = {
      inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N', 10, 3] }],
      outputs: logreg.outputs,
    };
    expect(refusal(sequence, map([{ name: 'x', features: ['a.v'] }]))).toContain('not a sequence');
    const fixed: OnnxSignature = { inputs: [{ name: 'x', tensor: true, type: 'float32', shape: [4, 3] }], outputs: logreg.outputs };
    expect(refusal(fixed, map([{ name: 'x', features: ['a.v', 'b.v', 'c.v'] }]))).toContain('batch dimension is fixed at 4 rows');
    const single: OnnxSignature = { inputs: [{ name: 'x', tensor: true, type: 'float32', shape: [1, 3] }], outputs: logreg.outputs };
    expect(planMapping(single, map([{ name: 'x', features: ['a.v', 'b.v', 'c.v'] }])).oneRowPerRun).toBe(true);
  });

  it('takes any number of features for a symbolic feature dimension', () => {
    const free: OnnxSignature = { inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N', 'F'] }], outputs: logreg.outputs };
    expect(planMapping(free, map([{ name: 'x', features: ['a.v', 'b.v'] }])).features).toEqual(['a.v', 'b.v']);
  });

  it("checks the output: a ZipMap, strings, unknown names and columns past the output's width are refused", () => {
    const inputs = [{ name: 'float_input', features: ['a.v', 'b.v', 'c.v', 'd.v'] }];
    expect(planMapping(sklearn, map(inputs, { name: 'probabilities', column: 1 })).output).toEqual({ name: 'probabilities', column: 1 });
    expect(planMapping(sklearn, map(inputs, { name: 'output_label', column: 0 })).output.name).toBe('output_label');
    expect(refusal(sklearn, map(inputs, { name: 'output_probability', column: 1 }))).toContain("zipmap': False");
    expect(refusal(sklearn, map(inputs, { name: 'classes', column: 0 }))).toContain("output 'classes' holds strings");
    expect(refusal(sklearn, map(inputs, { name: 'probabilities', column: 2 }))).toContain(
      "output 'probabilities' is float32 [None,2], which has 2 columns; column 2 does not exist",
    );
    expect(refusal(sklearn, map(inputs, { name: 'proba', column: 0 }))).toContain("the model has no output 'proba'");
  });
});
