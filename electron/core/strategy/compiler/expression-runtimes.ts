import * as cond from '../kernels/conditions';
import type { NodeRuntimeFactory } from './runtime-types';

/** The candle block writes nothing: its outputs are the fixed candle slots. */
export const candle: NodeRuntimeFactory = () => ({
  batch: () => {},
  stepper: () => () => {},
});

export const constant: NodeRuntimeFactory = (p, _ins, outs) => {
  const value = p.value as number;
  const out = outs[0]!;
  return {
    batch: (c, n) => c.num[out]!.fill(value, 0, n),
    stepper: (r) => () => {
      r.num[out] = value;
    },
  };
};

export const add: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => {
      const A = c.num[a]!;
      const B = c.num[b]!;
      const O = c.num[o]!;
      for (let i = 0; i < n; i++) O[i] = A[i]! + B[i]!;
    },
    stepper: (r) => () => {
      r.num[o] = r.num[a]! + r.num[b]!;
    },
  };
};

export const subtract: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => {
      const A = c.num[a]!;
      const B = c.num[b]!;
      const O = c.num[o]!;
      for (let i = 0; i < n; i++) O[i] = A[i]! - B[i]!;
    },
    stepper: (r) => () => {
      r.num[o] = r.num[a]! - r.num[b]!;
    },
  };
};

export const multiply: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => {
      const A = c.num[a]!;
      const B = c.num[b]!;
      const O = c.num[o]!;
      for (let i = 0; i < n; i++) O[i] = A[i]! * B[i]!;
    },
    stepper: (r) => () => {
      r.num[o] = r.num[a]! * r.num[b]!;
    },
  };
};

export const divide: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.divideSeries(c.num[a]!, c.num[b]!, c.num[o]!, n),
    stepper: (r) => () => {
      r.num[o] = cond.divide(r.num[a]!, r.num[b]!);
    },
  };
};

export const greaterThan: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.greaterThanSeries(c.num[a]!, c.num[b]!, c.bool[o]!, n),
    stepper: (r) => () => {
      r.bool[o] = cond.greaterThan(r.num[a]!, r.num[b]!);
    },
  };
};

export const lessThan: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.lessThanSeries(c.num[a]!, c.num[b]!, c.bool[o]!, n),
    stepper: (r) => () => {
      r.bool[o] = cond.lessThan(r.num[a]!, r.num[b]!);
    },
  };
};

export const crossesAbove: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.crossesAboveSeries(c.num[a]!, c.num[b]!, c.bool[o]!, n),
    stepper: (r) => {
      let prevA = NaN;
      let prevB = NaN;
      return () => {
        const x = r.num[a]!;
        const y = r.num[b]!;
        r.bool[o] = cond.crossesAbove(x, y, prevA, prevB);
        prevA = x;
        prevB = y;
      };
    },
  };
};

export const crossesBelow: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.crossesBelowSeries(c.num[a]!, c.num[b]!, c.bool[o]!, n),
    stepper: (r) => {
      let prevA = NaN;
      let prevB = NaN;
      return () => {
        const x = r.num[a]!;
        const y = r.num[b]!;
        r.bool[o] = cond.crossesBelow(x, y, prevA, prevB);
        prevA = x;
        prevB = y;
      };
    },
  };
};

export const and: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.andSeries(c.bool[a]!, c.bool[b]!, c.bool[o]!, n),
    stepper: (r) => () => {
      r.bool[o] = cond.and(r.bool[a]!, r.bool[b]!);
    },
  };
};

export const or: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, b, o] = [ins[0]!, ins[1]!, outs[0]!];
  return {
    batch: (c, n) => cond.orSeries(c.bool[a]!, c.bool[b]!, c.bool[o]!, n),
    stepper: (r) => () => {
      r.bool[o] = cond.or(r.bool[a]!, r.bool[b]!);
    },
  };
};

export const not: NodeRuntimeFactory = (_p, ins, outs) => {
  const [a, o] = [ins[0]!, outs[0]!];
  return {
    batch: (c, n) => cond.notSeries(c.bool[a]!, c.bool[o]!, n),
    stepper: (r) => () => {
      r.bool[o] = cond.not(r.bool[a]!);
    },
  };
};

export const trueForBars: NodeRuntimeFactory = (p, ins, outs) => {
  const bars = p.bars as number;
  const [a, o] = [ins[0]!, outs[0]!];
  return {
    batch: (c, n) => cond.trueForBarsSeries(c.bool[a]!, bars, c.bool[o]!, n),
    stepper: (r) => {
      const k = new cond.TrueForBarsKernel(bars);
      return () => {
        r.bool[o] = k.next(r.bool[a]!);
      };
    },
  };
};
