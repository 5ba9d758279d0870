/** The committed fixtures through onnxruntime-node: their outputs equal the closed form scripts/make-onnx-fixture.mjs wrote. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planMapping } from './input-mapping';
import { OnnxPredictor } from './onnx-predictor';
import { createSession, createSyncSession, loadOnnxRuntime, signatureOf } from './onnx-runtime';

const FIXTURES = path.join(__dirname, 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'logreg3.expected.json'), 'utf8')) as {
  tolerance: number;
  rows: number[][];
  probability: number[];
};
const FEATURES = ['rsi1.value', 'ema1.value', 'atr1.value'];

async function predictorFor(file: string, inputs: { name: string; features: string[] }[]): Promise<OnnxPredictor> {
  const ort = await loadOnnxRuntime();
  const bytes = readFileSync(path.join(FIXTURES, file));
  const plan = planMapping(signatureOf(await createSession(ort, bytes)), { inputs, output: { name: 'probability', column: 0 } });
  const { session } = await createSyncSession(bytes);
  return new OnnxPredictor(ort, session, plan, file);
}
/** The fixture's rows as feature columns (one column per feature, one entry per bar). */
const columnsOf = (rows: number[][]): Float64Array[] => rows[0]!.map((_, f) => Float64Array.from(rows, (row) => row[f]!));

describe('ONNX fixtures through onnxruntime-node', () => {
  it(`logreg3.onnx: batched predictions equal the closed-form sigmoid within the stated tolerance (${expected.tolerance})`, async () => {
    expect(expected.tolerance).toBe(1e-6);
    const predictor = await predictorFor('logreg3.onnx', [{ name: 'x', features: FEATURES }]);
    const batch = predictor.predictBatch(columnsOf(expected.rows), expected.rows.length);
    expect(batch).toHaveLength(expected.probability.length);
    batch.forEach((value, bar) => expect(Math.abs(value - expected.probability[bar]!)).toBeLessThanOrEqual(expected.tolerance));
  });

  it('one row per bar (live) gives exactly the batched value of that bar', async () => {
    const predictor = await predictorFor('logreg3.onnx', [{ name: 'x', features: FEATURES }]);
    const batch = predictor.predictBatch(columnsOf(expected.rows), expected.rows.length);
    for (const [bar, row] of expected.rows.entries()) expect(predictor.predictBar(row)).toBe(batch[bar]);
  });

  it('two-inputs.onnx: features reach each input in mapping order (rsi, then trend’s two columns)', async () => {
    const predictor = await predictorFor('two-inputs.onnx', [
      { name: 'trend', features: ['ema1.value', 'atr1.value'] },
      { name: 'rsi', features: ['rsi1.value'] },
    ]);
    // Values come input by input in the model's order (rsi, then trend), whatever order the mapping lists them in.
    expect(predictor.features).toEqual(['rsi1.value', 'ema1.value', 'atr1.value']);
    const batch = predictor.predictBatch(columnsOf(expected.rows), expected.rows.length);
    batch.forEach((value, bar) => expect(Math.abs(value - expected.probability[bar]!)).toBeLessThanOrEqual(expected.tolerance));
  });

  it('bars with a missing feature (warm-up NaN) predict NaN and leave the others as they were', async () => {
    const predictor = await predictorFor('logreg3.onnx', [{ name: 'x', features: FEATURES }]);
    const columns = columnsOf(expected.rows);
    columns[1]![2] = Number.NaN;
    columns[0]![5] = Number.POSITIVE_INFINITY;
    const batch = predictor.predictBatch(columns, expected.rows.length);
    expect(Number.isNaN(batch[2]!)).toBe(true);
    expect(Number.isNaN(batch[5]!)).toBe(true);
    expect(Number.isNaN(predictor.predictBar([1, Number.NaN, 2]))).toBe(true);
    for (const bar of [0, 1, 3, 4, 6, 7])
      expect(Math.abs(batch[bar]! - expected.probability[bar]!)).toBeLessThanOrEqual(expected.tolerance);
  });

  it('refuses a call with the wrong number of feature values', async () => {
    const predictor = await predictorFor('logreg3.onnx', [{ name: 'x', features: FEATURES }]);
    expect(() => predictor.predictBar([1, 2])).toThrow('takes 3 features; 2 were given');
  });

  it("the synchronous native run gives exactly what onnxruntime-node's public (async) API gives", async () => {
    const ort = await loadOnnxRuntime();
    const bytes = readFileSync(path.join(FIXTURES, 'logreg3.onnx'));
    const publicSession = await createSession(ort, bytes);
    const { session } = await createSyncSession(bytes);
    const data = Float32Array.from(expected.rows.flat());
    const feed = () => ({ x: new ort.Tensor('float32', data, [expected.rows.length, 3]) });
    const viaPublic = (await publicSession.run(feed())).probability!;
    const viaNative = session.run(feed(), 'probability');
    expect(viaNative.dims).toEqual(viaPublic.dims);
    expect(Array.from(viaNative.data as Float32Array)).toEqual(Array.from(viaPublic.data as Float32Array));
    session.release();
    await publicSession.release();
  });

  it('reads the signature the fixtures were written with', async () => {
    const ort = await loadOnnxRuntime();
    const signature = async (file: string) => signatureOf(await createSession(ort, readFileSync(path.join(FIXTURES, file))));
    expect(await signature('logreg3.onnx')).toEqual({
      inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N', 3] }],
      outputs: [{ name: 'probability', tensor: true, type: 'float32', shape: ['N', 1] }],
    });
    expect((await signature('int64-input.onnx')).inputs).toEqual([{ name: 'ids', tensor: true, type: 'int64', shape: ['N', 2] }]);
  });
});
