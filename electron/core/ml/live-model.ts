/**
 * A walk-forward Model block in a live bot. A bot never trains on its trading thread: it runs the
 * fitted model a version carries for the bars after its data (`latest`, z-score included) from the
 * first bar, and a retrain (on the worker pool) hands it a new version, which takes over at the next
 * bar boundary. The prediction at a bar is the kernel's `predictAt` with that model: the same
 * feature row (lags included), the same z-score, the same model, so it equals what a backtest over
 * the same bars predicts wherever the backtest's window model is this one.
 */
import type { ModelVersion } from '../../../shared/ml/model-record';
import { ONNX_MODEL_ID_PATTERN } from '../../../shared/strategy/blocks/model-blocks';
import type { NodeRuntime } from '../strategy/compiler/runtime-types';
import type { ModelBlockRef, ModelFeed } from '../strategy/model-feed';
import { ModelInputError } from './errors';
import type { OnnxRuntimeSource } from './model-feed';
import { loadModel } from './models/fit';
import type { TrainedModel } from './models/model-types';
import { applyZScore, type ZScore } from './normaliser';

interface Fitted {
  version: ModelVersion;
  model: TrainedModel;
  zscore: ZScore;
}

/** The version a block runs, checked to carry a fitted model for the bars after its data. */
function fitted(version: ModelVersion): Fitted {
  if (version.kind === 'onnx' || !version.latest)
    throw new ModelInputError(
      `"${version.name}" v${version.version} has no fitted model for the bars after its data (its last window had too few usable rows); train it again on more history.`,
    );
  const { mean, scale } = version.latest.zscore;
  return {
    version,
    model: loadModel(version.latest.model),
    zscore: { mean: Float64Array.from(mean), scale: Float64Array.from(scale), constant: [] },
  };
}

/**
 * The model one block of one bot runs. `offer` hands it a retrained version; it takes over when
 * the bot evaluates its next bar (`atBarBoundary`), never in the middle of one.
 */
export class LiveModelSlot {
  private current: Fitted;
  private offered: Fitted | null = null;

  constructor(version: ModelVersion) {
    this.current = fitted(version);
  }

  get version(): ModelVersion {
    return this.current.version;
  }

  /** A retrained version, checked now (a version without a fitted model is refused here, the old one runs on). */
  offer(version: ModelVersion): void {
    if (version.features.length !== this.current.version.features.length)
      throw new ModelInputError(
        `"${version.name}" v${version.version} has ${version.features.length} features, the block ${this.current.version.features.length}.`,
      );
    const next = fitted(version);
    this.offered?.model.dispose?.();
    this.offered = next;
  }

  /** True while an offered version waits for the next bar. */
  get pending(): boolean {
    return this.offered !== null;
  }

  /** Swaps in the offered version, if any; returns it. */
  atBarBoundary(): ModelVersion | null {
    if (!this.offered) return null;
    this.current.model.dispose?.();
    this.current = this.offered;
    this.offered = null;
    return this.current.version;
  }

  /** Releases the fitted models (XGBoost's live in WebAssembly memory); the slot cannot predict afterwards. */
  dispose(): void {
    this.current.model.dispose?.();
    this.offered?.model.dispose?.();
    this.offered = null;
  }

  /** The prediction for one expanded, not yet scaled feature row. */
  predict(expanded: Float64Array, scaled: Float64Array): number {
    applyZScore(this.current.zscore, expanded, scaled);
    return this.current.model.predict(scaled);
  }
}

/**
 * A feed for a live bot: walk-forward blocks read their slot (by node id), ONNX blocks go to
 * `onnx`. A block without a slot is refused naming it.
 */
export function liveModelFeed(slots: ReadonlyMap<string, LiveModelSlot>, onnx?: OnnxRuntimeSource): ModelFeed {
  return {
    runtime(block, params, features, output) {
      const id = String(params.model);
      if (ONNX_MODEL_ID_PATTERN.test(id)) {
        if (!onnx) throw new ModelInputError(`${block.label}: the imported ONNX model ${id} is not open for this bot.`);
        return onnx(block, id, features, output);
      }
      const slot = slots.get(block.nodeId);
      if (!slot) throw new ModelInputError(`${block.label}: no model version is pinned for this bot; start it again.`);
      checkWidth(block, slot.version, features.length);
      return liveRuntime(slot, features, output);
    },
  };
}

function checkWidth(block: ModelBlockRef, version: ModelVersion, connected: number): void {
  if (version.features.length !== connected)
    throw new ModelInputError(
      `${block.label}: "${version.name}" v${version.version} was trained on ${version.features.length} features (${version.features.map((f) => f.name).join(', ')}), and ${connected} are connected. Connect them in that order.`,
    );
}

/** Per bar: the features and their lags (as the kernel expands them), z-scored and predicted; NaN while any is missing. */
function liveRuntime(slot: LiveModelSlot, features: readonly number[], output: number): NodeRuntime {
  const f = features.length;
  const lags = slot.version.spec.lags;
  const width = f * (lags + 1);
  const make = () => {
    // history[lag * f + j]: feature j `lag` bars ago.
    const history = new Float64Array(width).fill(Number.NaN);
    const expanded = new Float64Array(width);
    const scaled = new Float64Array(width);
    return (values: (j: number) => number): number => {
      history.copyWithin(f, 0, width - f);
      for (let j = 0; j < f; j++) history[j] = values(j);
      for (let k = 0; k < width; k++) {
        const v = history[k]!;
        if (!Number.isFinite(v)) return Number.NaN;
        expanded[k] = v;
      }
      return slot.predict(expanded, scaled);
    };
  };
  return {
    batch(c, n) {
      const step = make();
      const columns = features.map((s) => c.num[s]!);
      const out = c.num[output]!;
      for (let i = 0; i < n; i++) out[i] = step((j) => columns[j]![i]!);
    },
    stepper(r) {
      const step = make();
      return () => {
        r.num[output] = step((j) => r.num[features[j]!]!);
      };
    },
  };
}
