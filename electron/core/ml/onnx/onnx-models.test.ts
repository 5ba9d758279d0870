/** Importing, mapping and running ONNX models through a real core's RPC, across a restart of core. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { methods, type MethodName, type MethodOutput } from '../../../../shared/ipc/contract';
import { createCore, type Core } from '../../index';
import { makeTempDir } from '../../test-support/temp-dir';
import { ONNX_GRAPH_MAPPING, onnxGraph } from '../test-support/onnx-graph';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
const expected = JSON.parse(fixture('logreg3.expected.json').toString('utf8')) as {
  tolerance: number;
  rows: number[][];
  probability: number[];
};
const MAPPING = {
  inputs: [{ name: 'x', features: ['rsi1.value', 'ema1.value', 'atr1.value'] }],
  output: { name: 'probability', column: 0 },
};

let temp: ReturnType<typeof makeTempDir> | undefined;
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  temp?.cleanup();
  temp = undefined;
});

async function open(dataDir: string): Promise<Core> {
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
  cores.push(core);
  return core;
}
async function call<M extends MethodName>(core: Core, method: M, input?: unknown): Promise<MethodOutput<M>> {
  const envelope = await core.invoke(method, input, { sessionId: 's' });
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return methods[method].output.parse(envelope.value) as MethodOutput<M>;
}
/** Sends the file as the renderer does: consecutive pieces of its base64 text, then the import. */
async function importFile(core: Core, bytes: Buffer, name: string, fileName: string, chunkChars = 64) {
  const base64 = bytes.toString('base64');
  const uploadId = `up-${Math.random().toString(36).slice(2, 12)}`;
  let chunks = 0;
  for (let at = 0; at < base64.length || chunks === 0; at += chunkChars)
    await call(core, 'models.importOnnxChunk', { uploadId, index: chunks++, base64: base64.slice(at, at + chunkChars) });
  return call(core, 'models.importOnnx', { uploadId, chunks, name, fileName });
}
const modelFiles = (dataDir: string): string[] => {
  const folder = path.join(dataDir, 'models', 'onnx');
  return existsSync(folder) ? readdirSync(folder) : [];
};
const closeTo = (values: (number | null)[]) =>
  values.forEach((value, i) => expect(Math.abs((value ?? Number.NaN) - expected.probability[i]!)).toBeLessThanOrEqual(expected.tolerance));

/** Every job update of `core` from now on, and the end (done, failed or cancelled) of one job among them. */
function jobEnds(core: Core): (jobId: string) => Promise<{ state: string }> {
  const seen: { jobId: string; state: string }[] = [];
  const waiting: (() => void)[] = [];
  core.subscribe('jobs.progress', (p) => {
    seen.push(p);
    for (const wake of waiting.splice(0)) wake();
  });
  return (jobId) =>
    new Promise((resolve) => {
      const check = () => {
        const end = seen.find((p) => p.jobId === jobId && p.state !== 'running');
        if (end) resolve(end);
        else waiting.push(check);
      };
      check();
    });
}

describe('ONNX models in core', () => {
  it('backtests a strategy whose Model block runs an imported model, and refuses one with another feature count naming the block', async () => {
    temp = makeTempDir();
    const core = await open(temp.dir);
    const endOf = jobEnds(core);
    const model = await importFile(core, fixture('logreg3.onnx'), 'Logistic 3', 'logreg3.onnx');
    await call(core, 'models.mapInputs', { modelId: model.id, mapping: ONNX_GRAPH_MAPPING });
    const dataset = 'bundled:history/BTC_USDT-1h';
    const { jobId } = await call(core, 'backtest.run', { strategy: { graph: onnxGraph(model.id) }, dataset });
    expect(await endOf(jobId)).toMatchObject({ state: 'done' });
    const result = await call(core, 'backtest.result', { jobId });
    expect(result.metrics.trades).toBeGreaterThan(0);
    await expect(call(core, 'backtest.run', { strategy: { graph: onnxGraph(model.id, 2) }, dataset })).rejects.toThrow(
      'Model block "Imported": the ONNX model "Logistic 3" is mapped to 3 features (fast.value, mid.value, slow.value), and 2 are connected',
    );
  });

  it('imports a model into the data folder (copied, hashed), maps it, runs it, and keeps all of it across a restart', async () => {
    temp = makeTempDir();
    let core = await open(temp.dir);
    const model = await importFile(core, fixture('logreg3.onnx'), 'Logistic 3', 'logreg3.onnx');
    expect(model).toMatchObject({
      name: 'Logistic 3',
      fileName: 'logreg3.onnx',
      sizeBytes: fixture('logreg3.onnx').length,
      sha256: createHash('sha256').update(fixture('logreg3.onnx')).digest('hex'),
      signature: {
        inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N', 3] }],
        outputs: [{ name: 'probability', tensor: true, type: 'float32', shape: ['N', 1] }],
      },
      mapping: null,
    });
    expect(model.runtime).toMatch(/^onnxruntime-node 1\.\d+\.\d+$/);
    expect(readFileSync(path.join(temp.dir, 'models', 'onnx', `${model.id}.onnx`)).equals(fixture('logreg3.onnx'))).toBe(true);

    await expect(call(core, 'models.predictOnnx', { modelId: model.id, rows: [[1, 2, 3]] })).rejects.toThrow('has no input mapping yet');
    expect((await call(core, 'models.mapInputs', { modelId: model.id, mapping: MAPPING })).mapping).toEqual(MAPPING);
    closeTo((await call(core, 'models.predictOnnx', { modelId: model.id, rows: expected.rows })).predictions);

    await core.close();
    cores.splice(0);
    core = await open(temp.dir);
    expect(await call(core, 'models.listOnnx')).toEqual([{ ...model, mapping: MAPPING }]);
    closeTo((await call(core, 'models.predictOnnx', { modelId: model.id, rows: expected.rows })).predictions);
  });

  it('refuses a corrupt or non-ONNX file with a clear error and saves nothing', async () => {
    temp = makeTempDir();
    const core = await open(temp.dir);
    const truncated = fixture('logreg3.onnx').subarray(0, 100);
    for (const [bytes, fileName] of [
      [Buffer.from('date,open,high,low,close\n1,2,3,4,5\n'), 'prices.csv'],
      [truncated, 'truncated.onnx'],
    ] as const) {
      await expect(importFile(core, bytes, 'Broken', fileName)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(`"${fileName}" is not an ONNX model onnxruntime can load`),
      });
    }
    await expect(importFile(core, Buffer.alloc(0), 'Empty', 'empty.onnx')).rejects.toThrow('"empty.onnx" is empty');
    expect(await call(core, 'models.listOnnx')).toEqual([]);
    expect(modelFiles(temp.dir)).toEqual([]);
  });

  it('refuses mappings that do not fit, naming the input, its type and shape, and keeps the last good one', async () => {
    temp = makeTempDir();
    const core = await open(temp.dir);
    const model = await importFile(core, fixture('logreg3.onnx'), 'Logistic 3', 'logreg3.onnx');
    await call(core, 'models.mapInputs', { modelId: model.id, mapping: MAPPING });
    const twoFeatures = { ...MAPPING, inputs: [{ name: 'x', features: ['rsi1.value', 'ema1.value'] }] };
    await expect(call(core, 'models.mapInputs', { modelId: model.id, mapping: twoFeatures })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("input 'x' expects float32 [N,3]; 2 features are mapped"),
    });
    expect((await call(core, 'models.listOnnx'))[0]!.mapping).toEqual(MAPPING);
    await expect(call(core, 'models.predictOnnx', { modelId: model.id, rows: [[1, 2]] })).rejects.toThrow(
      'Row 0 has 2 values; the mapping takes 3 (rsi1.value, ema1.value, atr1.value)',
    );

    const ints = await importFile(core, fixture('int64-input.onnx'), 'Ids', 'int64-input.onnx');
    await expect(
      call(core, 'models.mapInputs', {
        modelId: ints.id,
        mapping: { inputs: [{ name: 'ids', features: ['a.value', 'b.value'] }], output: { name: 'out', column: 0 } },
      }),
    ).rejects.toThrow("input 'ids' expects int64 [N,2]; builder outputs are numbers fed as float32 or float64");
  });

  it('refuses a stored copy that changed on disk, and deletes the model with its file', async () => {
    temp = makeTempDir();
    const core = await open(temp.dir);
    const model = await importFile(core, fixture('logreg3.onnx'), 'Logistic 3', 'logreg3.onnx');
    await call(core, 'models.mapInputs', { modelId: model.id, mapping: MAPPING });
    // One flipped bit: the hash check refuses it before onnxruntime ever reads it.
    const file = path.join(temp.dir, 'models', 'onnx', `${model.id}.onnx`);
    const tampered = Buffer.from(fixture('logreg3.onnx'));
    tampered[tampered.length - 40] = tampered.at(-40)! ^ 0x01;
    writeFileSync(file, tampered);
    await expect(call(core, 'models.predictOnnx', { modelId: model.id, rows: [[1, 2, 3]] })).rejects.toThrow(
      'has changed since it was imported (its sha256 differs); import the model again',
    );
    expect(await call(core, 'models.deleteOnnx', { modelId: model.id })).toEqual({ deleted: true });
    expect(await call(core, 'models.listOnnx')).toEqual([]);
    expect(modelFiles(temp.dir)).toEqual([]);
    await expect(call(core, 'models.mapInputs', { modelId: model.id, mapping: MAPPING })).rejects.toMatchObject({ code: 'not_found' });
  });
});
