import type { ResolvedParams } from '../../../../shared/strategy/block-types';
import type { PositionSnapshot } from '../kernels/position-tracker';

/** Whole series per slot, for the batch evaluator. Number slots 0-5 are the candle columns (5: open time). */
export interface ColumnStore {
  num: Float64Array[];
  bool: Uint8Array[];
}

/** One value per slot (the latest bar), for the streaming evaluator. */
export interface Registers {
  num: Float64Array;
  bool: Uint8Array;
  /** The strategy's position at this bar's close (read by the Position block only). */
  position: PositionSnapshot;
}

/**
 * A compute block bound to its slots. `batch` fills its output columns for bars [0, n);
 * `stepper` makes a fresh state machine that computes one new bar from the registers. Both
 * run the same kernel, so they agree bit for bit.
 */
export interface NodeRuntime {
  /** Absent for blocks that read the position: they run bar by bar (see PositionPass). */
  batch?(cols: ColumnStore, n: number): void;
  stepper(regs: Registers): () => void;
}

/** Slots of the node's input and output ports, in the block's port order. */
export type NodeRuntimeFactory = (params: ResolvedParams, inputs: readonly number[], outputs: readonly number[]) => NodeRuntime;

/** `time` (the bar's open time, ms) is no port of the candle block: only the time filters read it. */
export const CANDLE_SLOTS = { open: 0, high: 1, low: 2, close: 3, volume: 4, time: 5 } as const;
export const CANDLE_SLOT_COUNT = 6;
