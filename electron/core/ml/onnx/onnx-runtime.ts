/**
 * onnxruntime-node, loaded on first use: its native library (tens of MB) is mapped only when a
 * model is imported or run, not at every start of core. CPU only: the package's CPU binaries ship
 * inside it (the GPU download of its install script is skipped by .npmrc), and a desktop user's
 * trading terminal must not depend on a GPU driver.
 */
import type * as OrtModule from 'onnxruntime-node';
import type * as BindingModule from 'onnxruntime-node/dist/binding';
import { TradewindError } from '../../../../shared/ipc/errors';
import { OnnxElementTypeSchema, type OnnxSignature, type OnnxValue } from '../../../../shared/ipc/schemas/onnx-models';

export type Ort = typeof OrtModule;
export type OrtSession = OrtModule.InferenceSession;
type NativeBinding = typeof BindingModule;

let loading: Promise<Ort> | undefined;
let loadingBinding: Promise<NativeBinding> | undefined;

export function loadOnnxRuntime(): Promise<Ort> {
  loading ??= import('onnxruntime-node').then(
    // Native ESM sees the CJS exports as named exports; a CJS bundle (Electron main) may hand the module as `default`.
    (mod) => ('InferenceSession' in mod ? mod : (mod as unknown as { default: Ort }).default),
    (error: unknown) => {
      loading = undefined;
      throw new TradewindError(
        'unavailable',
        `The ONNX runtime (onnxruntime-node) could not be loaded: ${error instanceof Error ? error.message : String(error)}. Run npm ci with Node 24 on this machine.`,
      );
    },
  );
  return loading;
}

/**
 * onnxruntime-node's native session, whose `run` is synchronous (the package's public
 * `InferenceSession.run` wraps this same call in a promise behind a setImmediate). The strategy
 * compiler's block runtimes are synchronous, batch and streaming alike, so a Model block running an
 * ONNX model calls it directly. The module is typed by the package (dist/binding.d.ts);
 * onnx-predictor.test.ts checks its results equal the public API's on the fixtures, so an upgrade
 * that changes it fails there, not in a backtest.
 */
function loadBinding(): Promise<NativeBinding> {
  loadingBinding ??= loadOnnxRuntime().then(() =>
    import('onnxruntime-node/dist/binding').then((mod) =>
      'binding' in mod ? mod : (mod as unknown as { default: NativeBinding }).default,
    ),
  );
  return loadingBinding;
}

/** A tensor as the native run returns it (a Tensor, or its fields). */
export interface TensorLike {
  readonly dims: readonly number[];
  readonly data: ArrayLike<number | bigint | boolean> | unknown;
}
/** A model loaded for synchronous inference: feeds in, the one output asked for out. */
export interface SyncSession {
  run(feeds: Record<string, InstanceType<Ort['Tensor']>>, output: string): TensorLike;
  release(): void;
}

export async function createSyncSession(model: Uint8Array): Promise<{ ort: Ort; session: SyncSession }> {
  const ort = await loadOnnxRuntime();
  const { binding, initOrt } = await loadBinding();
  initOrt();
  const native = new binding.InferenceSession();
  // A copy the session owns: the caller's buffer may be reused.
  const bytes = Uint8Array.from(model);
  await native.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, SESSION_OPTIONS);
  return {
    ort,
    session: {
      run: (feeds, output) => native.run(feeds, { [output]: null }, {})[output] as TensorLike,
      release: () => native.dispose(),
    },
  };
}

/** onnxruntime-node's version, recorded with each imported model. */
export function runtimeVersion(ort: Ort): string {
  return `onnxruntime-node ${ort.env.versions.node ?? 'unknown'}`;
}

/**
 * One session per model, on one thread each: the models a trader imports are small (a
 * logistic regression, a tree ensemble) and run one bar at a time live, where thread hand-offs
 * cost more than they save; core shares the machine with the window and the bots.
 */
const SESSION_OPTIONS: OrtModule.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
};

/** A session through the public API: what import reads the signature from. */
export async function createSession(ort: Ort, model: Uint8Array): Promise<OrtSession> {
  return ort.InferenceSession.create(model, SESSION_OPTIONS);
}

function valueOf(meta: OrtModule.InferenceSession.ValueMetadata): OnnxValue {
  if (!meta.isTensor) return { name: meta.name, tensor: false };
  const type = OnnxElementTypeSchema.parse(meta.type);
  return { name: meta.name, tensor: true, type, shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : String(d))) };
}

export function signatureOf(session: OrtSession): OnnxSignature {
  return { inputs: session.inputMetadata.map(valueOf), outputs: session.outputMetadata.map(valueOf) };
}

/** `float32 [N,3]`: how errors and the UI spell an input or output. */
export function describeValue(value: OnnxValue): string {
  if (!value.tensor) return 'a non-tensor value (map or sequence)';
  return `${value.type} [${value.shape.length === 0 ? '?' : value.shape.join(',')}]`;
}
