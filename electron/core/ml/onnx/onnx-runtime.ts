/**
 * onnxruntime-node, loaded on first use: its native library (tens of MB) is mapped only when a
 * model is imported or run, not at every start of core. CPU only: the package's CPU binaries ship
 * inside it (the GPU download of its install script is skipped by .npmrc), and a desktop user's
 * trading terminal must not depend on a GPU driver.
 */
import type * as OrtModule from 'onnxruntime-node';
import { TradewindError } from '../../../../shared/ipc/errors';
import { OnnxElementTypeSchema, type OnnxSignature, type OnnxValue } from '../../../../shared/ipc/schemas/onnx-models';

export type Ort = typeof OrtModule;
export type OrtSession = OrtModule.InferenceSession;

let loading: Promise<Ort> | undefined;

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

/** onnxruntime-node's version, recorded with each imported model. */
export function runtimeVersion(ort: Ort): string {
  return `onnxruntime-node ${ort.env.versions.node ?? 'unknown'}`;
}

/**
 * One session per model, on one thread each: the models a trader imports are small (a
 * logistic regression, a tree ensemble) and run one bar at a time live, where thread hand-offs
 * cost more than they save; core shares the machine with the window and the bots.
 */
export async function createSession(ort: Ort, model: Uint8Array): Promise<OrtSession> {
  return ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
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
