/** Backtesting: one run (in this thread or a worker), parameter sweeps, the worker pool. */
export {
  runBacktest,
  parseBacktestSettings,
  type BacktestRequest,
  type BacktestResult,
  type BacktestCurves,
  type RunControl,
} from './run-backtest';
export { BacktestCancelledError, BacktestInputError } from './errors';
export { AmountStepper, stepDecimals } from './money';
export {
  optimise,
  inProcessSweeps,
  splitRange,
  type OptimiseRequest,
  type OptimiseResult,
  type OptimiseRow,
  type OptimiseControl,
  type OverfittingCheck,
  type SampleRange,
  type SweepRunner,
} from './optimiser/optimise';
export { buildHeatmap, type Heatmap } from './optimiser/heatmap';
export { expandGrid, gridSize } from './optimiser/grid';
export { runSweep, type SweepTask, type SweepOutcome } from './optimiser/sweep';
export { BacktestWorkerPool, type PoolOptions, type JobControl } from './pool/worker-pool';
export { resolveBacktestWorker, type WorkerEntry } from './pool/worker-entry';
