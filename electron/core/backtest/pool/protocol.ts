/**
 * Messages between a backtest worker thread and its pool. Cancellation is a shared flag
 * (one Int32 in a SharedArrayBuffer per job) because a worker busy in a synchronous backtest
 * cannot read messages until it finishes; the `cancel` message also covers queued jobs.
 */
import type { BacktestSettingsInput } from '../../../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { CandleColumns } from '../../strategy/candle-columns';
import type { SignalFeedData } from '../../strategy/signal-feed';
import type { OtherMarketBars } from '../../strategy/compiler/batch-evaluator';
import type { CsvImportResult } from '../../market-data/csv-import';
import type { BacktestResult } from '../run-backtest';
import type { SweepOutcome, SweepTask } from '../optimiser/sweep';
import type { ModelFeedData, OnnxColumns } from '../../ml/model-feed';
import type { TrainRequest, TrainOutcome } from '../../ml/train-task';
import type { RebalanceBacktestSpec } from '../rebalance-backtest';
import type { RebalanceBacktestResult } from '../../../../shared/ipc/schemas/rebalance';

export type WorkerTask =
  | {
      kind: 'backtest';
      graph: StrategyGraph;
      candles: CandleColumns;
      settings?: BacktestSettingsInput;
      /** The stored signal logs of the sources its "Signal received" blocks name. */
      signals?: SignalFeedData;
      /** The model versions its Model blocks pin. */
      models?: ModelFeedData;
      /** Its ONNX Model blocks' predictions, computed in core (the worker cannot load onnxruntime). */
      onnx?: OnnxColumns;
      /** Bars of the other markets its "Other market" blocks read. */
      otherMarkets?: OtherMarketBars;
    }
  /** Walk-forward training of a model on the features of a Model block's inputs. */
  | { kind: 'train'; request: TrainRequest }
  /** `sweepId`: chunks of one sweep share a worker's indicator columns (see SharedColumns). */
  | { kind: 'sweep'; task: SweepTask; candles: CandleColumns; sweepId?: number }
  /** The index (rebalance) backtest: its basket's candles, one series per coin, in shared memory. */
  | { kind: 'rebalance'; spec: RebalanceBacktestSpec }
  /** Parsing an imported CSV file (history import is CPU work too: kept off core's thread). */
  | { kind: 'csv'; text: string };

export type WorkerResult = BacktestResult | SweepOutcome[] | CsvImportResult | TrainOutcome | RebalanceBacktestResult;

export type WorkerRequest =
  { type: 'run'; jobId: number; cancelFlag: SharedArrayBuffer; task: WorkerTask } | { type: 'cancel'; jobId: number };

export type WorkerErrorCode = 'cancelled' | 'invalid_input' | 'internal';

export type WorkerResponse =
  /** Backtests: fraction done. Sweeps: points done (`done` of `total`). */
  | { type: 'progress'; jobId: number; fraction: number }
  | { type: 'result'; jobId: number; result: WorkerResult }
  | { type: 'error'; jobId: number; code: WorkerErrorCode; message: string };
