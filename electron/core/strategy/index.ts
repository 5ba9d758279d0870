/** Strategy engine: compile a graph once, evaluate it over history (batch) or bar by bar (streaming). */
export {
  compileStrategy,
  StrategyCompileError,
  type CompiledStrategy,
  type CompileOptions,
  type EntryRule,
  type ExitRule,
  type SlotRef,
} from './compiler/compile';
export { evaluateBatch, signalAt, type BarSignal, type BatchEvaluation, type BatchOptions } from './compiler/batch-evaluator';
export { StreamingEvaluator } from './compiler/streaming-evaluator';
export { PositionPass } from './compiler/position-pass';
export { FLAT, type PositionSnapshot } from './kernels/position-tracker';
export {
  allocateColumns,
  barAt,
  columnsFromCandles,
  lowerBound,
  shareColumns,
  sliceColumns,
  type CandleColumns,
  type StreamBar,
} from './candle-columns';
export { FALSE, TRUE, UNKNOWN } from './kernels/conventions';
export { SignalTape, type SignalEvent, type SignalFeed, type SignalFeedData } from './signal-feed';
