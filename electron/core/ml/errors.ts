/**
 * Errors of the model pipeline. `ModelInputError` is bad input (too little history, a constant
 * or empty feature, a corrupt model file…): its message names the problem and what to do, the
 * RPC layer answers `invalid_input`, and nothing is saved.
 */
export class ModelInputError extends Error {
  override name = 'ModelInputError';
}

export class ModelTrainingCancelledError extends Error {
  override name = 'ModelTrainingCancelledError';
  constructor() {
    super('Model training was cancelled.');
  }
}
