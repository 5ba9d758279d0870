// ml-logistic-regression ships no type declarations; this is the part of its API Tradewind uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface TwoClassClassifier {
    weights: Matrix | null;
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    numberClasses: number;
    classifiers: TwoClassClassifier[];
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): LogisticRegression;
  }
}
