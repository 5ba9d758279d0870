import * as cond from '../kernels/conditions';
import type { NodeRuntime, NodeRuntimeFactory, Registers } from './runtime-types';

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

/** The comparison blocks that can read a constant input's value instead of its column. */
export type ConstantComparison = 'greaterThan' | 'lessThan' | 'crossesAbove' | 'crossesBelow';

/** `k op x` is `x mirror(op) k`, missing values and warm-up included (conditions.test.ts). */
const MIRRORED: Record<ConstantComparison, ConstantComparison> = {
  greaterThan: 'lessThan',
  lessThan: 'greaterThan',
  crossesAbove: 'crossesBelow',
  crossesBelow: 'crossesAbove',
};

/**
 * A comparison of the series in slot `series` with the constant `k` (`constantFirst`: k is the
 * block's A input). Same values as the block over a column of k, batch and streaming; the
 * compiler picks it when one input comes from a Number block or a typed constant.
 */
export function compareWithConstant(type: ConstantComparison, series: number, k: number, constantFirst: boolean, out: number): NodeRuntime {
  const op = constantFirst ? MIRRORED[type] : type;
  switch (op) {
    case 'greaterThan':
      return {
        batch: (c, n) => cond.greaterThanConstantSeries(c.num[series]!, k, c.bool[out]!, n),
        stepper: (r) => () => {
          r.bool[out] = cond.greaterThan(r.num[series]!, k);
        },
      };
    case 'lessThan':
      return {
        batch: (c, n) => cond.lessThanConstantSeries(c.num[series]!, k, c.bool[out]!, n),
        stepper: (r) => () => {
          r.bool[out] = cond.lessThan(r.num[series]!, k);
        },
      };
    case 'crossesAbove':
      return {
        batch: (c, n) => cond.crossesAboveConstantSeries(c.num[series]!, k, c.bool[out]!, n),
        stepper: (r) => crossingStepper(r, series, k, out, cond.crossesAbove),
      };
    case 'crossesBelow':
      return {
        batch: (c, n) => cond.crossesBelowConstantSeries(c.num[series]!, k, c.bool[out]!, n),
        stepper: (r) => crossingStepper(r, series, k, out, cond.crossesBelow),
      };
  }
}

/** The constant has no value before the first bar, as a column of it would not: the first bar is unknown. */
function crossingStepper(
  r: Registers,
  series: number,
  k: number,
  out: number,
  crosses: (a: number, b: number, prevA: number, prevB: number) => number,
): () => void {
  let prevX = NaN;
  let prevK = NaN;
  return () => {
    const x = r.num[series]!;
    r.bool[out] = crosses(x, k, prevX, prevK);
    prevX = x;
    prevK = k;
  };
}
