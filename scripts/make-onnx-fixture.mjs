#!/usr/bin/env node
/**
 * Writes the ONNX test fixtures in electron/core/ml/onnx/fixtures/ and their expected outputs.
 *
 *   node scripts/make-onnx-fixture.mjs            (re)writes the fixtures
 *   node scripts/make-onnx-fixture.mjs --check    exits 1 when a committed file differs from what it would write
 *
 * The machine has no Python ONNX tooling, so the protobuf is encoded here by hand: ONNX files are
 * plain protobuf (onnx/onnx.proto, proto3 wire format), and these models use only a handful of
 * fields (numbers below are the .proto field numbers). The models:
 *   - logreg3.onnx: logistic regression over 3 features, x float32 [N,3] → MatMul W [3,1] → Add b →
 *     Sigmoid → probability float32 [N,1] (what scikit-learn's LogisticRegression computes for class 1).
 *   - two-inputs.onnx: the same model with its features split over two inputs, rsi [N,1] and
 *     trend [N,2], concatenated in that order — the shape of exports with one input per feature group.
 *   - int64-input.onnx: ids int64 [N,2] → Identity; an input type Tradewind cannot feed (test of the refusal).
 * The expected probabilities are computed independently, in double precision from the closed form
 * 1 / (1 + e^-(x·W + b)) over the float32-rounded inputs and weights, so they check the runtime.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'electron', 'core', 'ml', 'onnx', 'fixtures');

// ---- protobuf wire format (varint, length-delimited, fixed32) ----
const WIRE_VARINT = 0;
const WIRE_LEN = 2;

function varint(value) {
  // int64 fields are written as unsigned varints; every value here is small and non-negative.
  let v = BigInt(value);
  if (v < 0n) throw new Error('negative varints are not needed by these fixtures');
  const bytes = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Buffer.from(bytes);
}
const key = (field, wire) => varint((field << 3) | wire);
const intField = (field, value) => Buffer.concat([key(field, WIRE_VARINT), varint(value)]);
const bytesField = (field, bytes) => Buffer.concat([key(field, WIRE_LEN), varint(bytes.length), bytes]);
const stringField = (field, text) => bytesField(field, Buffer.from(text, 'utf8'));
const message = (field, parts) => bytesField(field, Buffer.concat(parts));

// ---- ONNX messages (onnx.proto) ----
const TensorElement = { FLOAT: 1, INT64: 7 };

/** TensorShapeProto.Dimension: dim_value = 1 (int64), dim_param = 2 (string). */
const dimension = (d) => message(1, [typeof d === 'number' ? intField(1, d) : stringField(2, d)]);
/** ValueInfoProto: name = 1, type = 2 (TypeProto: tensor_type = 1 → elem_type = 1, shape = 2 (dim = 1)). */
const valueInfo = (field, name, elemType, shape) =>
  message(field, [stringField(1, name), message(2, [message(1, [intField(1, elemType), message(2, shape.map(dimension))])])]);
/** TensorProto initializer: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian float32). */
function floatInitializer(name, dims, values) {
  const raw = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => raw.writeFloatLE(v, i * 4));
  return message(5, [...dims.map((d) => intField(1, d)), intField(2, TensorElement.FLOAT), stringField(8, name), bytesField(9, raw)]);
}
/** AttributeProto: name = 1, i = 3, type = 20 (INT = 2). */
const intAttribute = (name, value) => message(5, [stringField(1, name), intField(3, value), intField(20, 2)]);
/** NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5. */
const node = (opType, inputs, outputs, name, attributes = []) =>
  message(1, [
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, name),
    stringField(4, opType),
    ...attributes,
  ]);

/** ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8 (domain = 1, version = 2). */
function model(graphParts) {
  return Buffer.concat([
    intField(1, 8), // IR version 8 (ONNX 1.10+), read by every current runtime
    stringField(2, 'tradewind make-onnx-fixture'),
    stringField(3, '1'),
    message(7, graphParts),
    message(8, [stringField(1, ''), intField(2, 13)]), // default domain, opset 13
  ]);
}

// ---- the logistic regression ----
const WEIGHTS = [0.8, -1.5, 0.25];
const BIAS = 0.1;
const f32 = Math.fround;

function logisticGraph(name, inputs, featureInput) {
  return [
    ...inputs.nodes,
    node('MatMul', [featureInput, 'W'], ['z0'], 'matmul'),
    node('Add', ['z0', 'b'], ['z'], 'add'),
    node('Sigmoid', ['z'], ['probability'], 'sigmoid'),
    stringField(2, name),
    floatInitializer('W', [3, 1], WEIGHTS),
    floatInitializer('b', [1], [BIAS]),
    ...inputs.valueInfos,
    valueInfo(12, 'probability', TensorElement.FLOAT, ['N', 1]),
  ];
}

const logreg3 = model(logisticGraph('logreg3', { nodes: [], valueInfos: [valueInfo(11, 'x', TensorElement.FLOAT, ['N', 3])] }, 'x'));
const twoInputs = model(
  logisticGraph(
    'two_inputs',
    {
      nodes: [node('Concat', ['rsi', 'trend'], ['x'], 'concat', [intAttribute('axis', 1)])],
      valueInfos: [valueInfo(11, 'rsi', TensorElement.FLOAT, ['N', 1]), valueInfo(11, 'trend', TensorElement.FLOAT, ['N', 2])],
    },
    'x',
  ),
);
const int64Input = model([
  node('Identity', ['ids'], ['out'], 'identity'),
  stringField(2, 'int64_input'),
  valueInfo(11, 'ids', TensorElement.INT64, ['N', 2]),
  valueInfo(12, 'out', TensorElement.INT64, ['N', 2]),
]);

// Rows chosen to cover both tails, zero and ordinary feature values.
const ROWS = [
  [0, 0, 0],
  [1, 2, 3],
  [-1, 0.5, 2],
  [0.3, -0.7, 1.1],
  [10, -10, 4],
  [-8, 6, -20],
  [55.5, 31.25, -0.125],
  [0.001, 0.002, 0.003],
];
/** The closed form in double precision, over the values as float32 holds them. */
const sigmoidOf = (row) => {
  const z = row.reduce((sum, x, i) => sum + f32(x) * f32(WEIGHTS[i]), f32(BIAS));
  return 1 / (1 + Math.exp(-z));
};
const expected = {
  description:
    'Expected outputs of logreg3.onnx and two-inputs.onnx (written by scripts/make-onnx-fixture.mjs): probability = 1 / (1 + exp(-(x·W + b))) in double precision over float32-rounded inputs and weights. two-inputs.onnx takes column 0 as "rsi" and columns 1-2 as "trend".',
  weights: WEIGHTS,
  bias: BIAS,
  // The runtime computes in float32: about 7 significant digits, so 1e-6 on a probability in [0, 1].
  tolerance: 1e-6,
  rows: ROWS,
  probability: ROWS.map(sigmoidOf),
};

const files = {
  'logreg3.onnx': logreg3,
  'two-inputs.onnx': twoInputs,
  'int64-input.onnx': int64Input,
  'logreg3.expected.json': Buffer.from(`${JSON.stringify(expected, null, 2)}\n`),
};

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([name, bytes]) => {
    try {
      return !readFileSync(path.join(OUT, name)).equals(bytes);
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`stale ONNX fixtures: ${stale.map(([name]) => name).join(', ')}; run node scripts/make-onnx-fixture.mjs`);
    process.exit(1);
  }
} else {
  mkdirSync(OUT, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(OUT, name), bytes);
  console.log(`wrote ${Object.keys(files).join(', ')} to ${path.relative(ROOT, OUT)}`);
}
