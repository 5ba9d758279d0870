import type { NodeRuntime } from './runtime-types';

/** A Model block where no model is loaded (an alert preview, the editor): empty on every bar. */
export function unfedModel(output: number): NodeRuntime {
  return {
    batch: (c, n) => c.num[output]!.fill(NaN, 0, n),
    stepper: (r) => () => {
      r.num[output] = NaN;
    },
  };
}
