import type { ResolvedParams } from '../../../../shared/strategy/block-types';
import { AtrKernel, RsiKernel, atrSeries, rsiSeries } from '../kernels/wilder';
import { BollingerKernel, bollingerSeries } from '../kernels/bollinger';
import { ExtremeKernel, extremeSeries } from '../kernels/extremes';
import { MacdKernel, macdSeries } from '../kernels/macd';
import { EmaKernel, SmaKernel, WmaKernel, emaSeries, smaSeries, wmaSeries } from '../kernels/moving-averages';
import { RocKernel, rocSeries } from '../kernels/roc';
import { StochasticKernel, stochasticSeries } from '../kernels/stochastic';
import { VwapKernel, vwapSeries } from '../kernels/vwap';
import { CANDLE_SLOTS, type NodeRuntimeFactory } from './runtime-types';

const H = CANDLE_SLOTS.high;
const L = CANDLE_SLOTS.low;
const C = CANDLE_SLOTS.close;
const V = CANDLE_SLOTS.volume;

function int(p: ResolvedParams, name: string): number {
  return p[name] as number;
}

/**
 * Every batch loop lives in its own kernel module (smaSeries, emaSeries, ...) so each loop
 * calls exactly one kernel class: a monomorphic call the JIT inlines.
 */
export const sma: NodeRuntimeFactory = (p, ins, outs) => {
  const period = int(p, 'period');
  const src = ins[0]!;
  const out = outs[0]!;
  return {
    batch: (c, n) => smaSeries(c.num[src]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new SmaKernel(period);
      return () => {
        r.num[out] = k.next(r.num[src]!);
      };
    },
  };
};

export const ema: NodeRuntimeFactory = (p, ins, outs) => {
  const period = int(p, 'period');
  const src = ins[0]!;
  const out = outs[0]!;
  return {
    batch: (c, n) => emaSeries(c.num[src]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new EmaKernel(period);
      return () => {
        r.num[out] = k.next(r.num[src]!);
      };
    },
  };
};

export const wma: NodeRuntimeFactory = (p, ins, outs) => {
  const period = int(p, 'period');
  const src = ins[0]!;
  const out = outs[0]!;
  return {
    batch: (c, n) => wmaSeries(c.num[src]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new WmaKernel(period);
      return () => {
        r.num[out] = k.next(r.num[src]!);
      };
    },
  };
};

export const rsi: NodeRuntimeFactory = (p, ins, outs) => {
  const period = int(p, 'period');
  const src = ins[0]!;
  const out = outs[0]!;
  return {
    batch: (c, n) => rsiSeries(c.num[src]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new RsiKernel(period);
      return () => {
        r.num[out] = k.next(r.num[src]!);
      };
    },
  };
};

export const macd: NodeRuntimeFactory = (p, ins, outs) => {
  const [fast, slow, signal] = [int(p, 'fast'), int(p, 'slow'), int(p, 'signal')];
  const src = ins[0]!;
  const [oMacd, oSignal, oHist] = [outs[0]!, outs[1]!, outs[2]!];
  return {
    batch: (c, n) =>
      macdSeries(c.num[src]!, fast, slow, signal, { macd: c.num[oMacd]!, signal: c.num[oSignal]!, histogram: c.num[oHist]! }, n),
    stepper: (r) => {
      const k = new MacdKernel(fast, slow, signal);
      return () => {
        k.next(r.num[src]!);
        r.num[oMacd] = k.macd;
        r.num[oSignal] = k.signal;
        r.num[oHist] = k.histogram;
      };
    },
  };
};

export const bollinger: NodeRuntimeFactory = (p, ins, outs) => {
  const period = int(p, 'period');
  const deviations = p.deviations as number;
  const src = ins[0]!;
  const [oUp, oMid, oLow] = [outs[0]!, outs[1]!, outs[2]!];
  return {
    batch: (c, n) => bollingerSeries(c.num[src]!, period, deviations, { upper: c.num[oUp]!, middle: c.num[oMid]!, lower: c.num[oLow]! }, n),
    stepper: (r) => {
      const k = new BollingerKernel(period, deviations);
      return () => {
        k.next(r.num[src]!);
        r.num[oUp] = k.upper;
        r.num[oMid] = k.middle;
        r.num[oLow] = k.lower;
      };
    },
  };
};

export const atr: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = int(p, 'period');
  const out = outs[0]!;
  return {
    batch: (c, n) => atrSeries(c.num[H]!, c.num[L]!, c.num[C]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new AtrKernel(period);
      return () => {
        r.num[out] = k.next(r.num[H]!, r.num[L]!, r.num[C]!);
      };
    },
  };
};

export const stochastic: NodeRuntimeFactory = (p, _ins, outs) => {
  const params = { period: int(p, 'period'), smoothing: int(p, 'smoothing'), signal: int(p, 'signal') };
  const [oK, oD] = [outs[0]!, outs[1]!];
  return {
    batch: (c, n) => stochasticSeries(c.num[H]!, c.num[L]!, c.num[C]!, params, { k: c.num[oK]!, d: c.num[oD]! }, n),
    stepper: (r) => {
      const k = new StochasticKernel(params.period, params.smoothing, params.signal);
      return () => {
        k.next(r.num[H]!, r.num[L]!, r.num[C]!);
        r.num[oK] = k.k;
        r.num[oD] = k.d;
      };
    },
  };
};

export const vwap: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = int(p, 'period');
  const out = outs[0]!;
  return {
    batch: (c, n) => vwapSeries(c.num[H]!, c.num[L]!, c.num[C]!, c.num[V]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new VwapKernel(period);
      return () => {
        r.num[out] = k.next(r.num[H]!, r.num[L]!, r.num[C]!, r.num[V]!);
      };
    },
  };
};

function extreme(highest: boolean): NodeRuntimeFactory {
  return (p, ins, outs) => {
    const period = int(p, 'period');
    const src = ins[0]!;
    const out = outs[0]!;
    return {
      batch: (c, n) => extremeSeries(c.num[src]!, period, highest, c.num[out]!, n),
      stepper: (r) => {
        const k = new ExtremeKernel(period, highest);
        return () => {
          r.num[out] = k.next(r.num[src]!);
        };
      },
    };
  };
}

export const highest = extreme(true);
export const lowest = extreme(false);

export const roc: NodeRuntimeFactory = (p, ins, outs) => {
  const period = int(p, 'period');
  const src = ins[0]!;
  const out = outs[0]!;
  return {
    batch: (c, n) => rocSeries(c.num[src]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new RocKernel(period);
      return () => {
        r.num[out] = k.next(r.num[src]!);
      };
    },
  };
};
