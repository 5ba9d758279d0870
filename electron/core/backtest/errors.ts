/** Thrown when a caller cancels a run; hosts report it as a cancellation, not a failure. */
export class BacktestCancelledError extends Error {
  override name = 'BacktestCancelledError';
  constructor() {
    super('The backtest was cancelled.');
  }
}

/** Bad settings or data (user input): hosts show the message as is. */
export class BacktestInputError extends Error {
  override name = 'BacktestInputError';
}
