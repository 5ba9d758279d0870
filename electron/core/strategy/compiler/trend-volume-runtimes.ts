/** Runtimes of the trend, channel and volume indicators (the shape of indicator-runtimes.ts). */
import type { ResolvedParams } from '../../../../shared/strategy/block-types';
import { cciSeries, CciKernel } from '../kernels/cci';
import { DonchianKernel, KeltnerKernel, WilliamsRKernel, donchianSeries, keltnerSeries, williamsRSeries } from '../kernels/channels';
import { AdxKernel, adxSeries } from '../kernels/directional';
import { IchimokuKernel, ichimokuSeries } from '../kernels/ichimoku';
import { ParabolicSarKernel, parabolicSarSeries } from '../kernels/parabolic-sar';
import { SuperTrendKernel, superTrendSeries } from '../kernels/supertrend';
import { MfiKernel, ObvKernel, mfiSeries, obvSeries } from '../kernels/volume-flow';
import { CANDLE_SLOTS, type NodeRuntimeFactory } from './runtime-types';

const H = CANDLE_SLOTS.high;
const L = CANDLE_SLOTS.low;
const C = CANDLE_SLOTS.close;
const V = CANDLE_SLOTS.volume;

function num(p: ResolvedParams, name: string): number {
  return p[name] as number;
}

export const adx: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = num(p, 'period');
  const [oAdx, oPlus, oMinus] = [outs[0]!, outs[1]!, outs[2]!];
  return {
    batch: (c, n) =>
      adxSeries(c.num[H]!, c.num[L]!, c.num[C]!, period, { adx: c.num[oAdx]!, plusDi: c.num[oPlus]!, minusDi: c.num[oMinus]! }, n),
    stepper: (r) => {
      const k = new AdxKernel(period);
      return () => {
        k.next(r.num[H]!, r.num[L]!, r.num[C]!);
        r.num[oAdx] = k.adx;
        r.num[oPlus] = k.plusDi;
        r.num[oMinus] = k.minusDi;
      };
    },
  };
};

export const parabolicSar: NodeRuntimeFactory = (p, _ins, outs) => {
  const [step, max] = [num(p, 'step'), num(p, 'max')];
  const out = outs[0]!;
  return {
    batch: (c, n) => parabolicSarSeries(c.num[H]!, c.num[L]!, c.num[C]!, step, max, c.num[out]!, n),
    stepper: (r) => {
      const k = new ParabolicSarKernel(step, max);
      return () => {
        r.num[out] = k.next(r.num[H]!, r.num[L]!, r.num[C]!);
      };
    },
  };
};

export const ichimoku: NodeRuntimeFactory = (p, _ins, outs) => {
  const params = { tenkan: num(p, 'tenkan'), kijun: num(p, 'kijun'), senkou: num(p, 'senkou'), displacement: num(p, 'displacement') };
  const [oT, oK, oA, oB] = [outs[0]!, outs[1]!, outs[2]!, outs[3]!];
  return {
    batch: (c, n) =>
      ichimokuSeries(c.num[H]!, c.num[L]!, params, { tenkan: c.num[oT]!, kijun: c.num[oK]!, spanA: c.num[oA]!, spanB: c.num[oB]! }, n),
    stepper: (r) => {
      const k = new IchimokuKernel(params.tenkan, params.kijun, params.senkou, params.displacement);
      return () => {
        k.next(r.num[H]!, r.num[L]!);
        r.num[oT] = k.tenkan;
        r.num[oK] = k.kijun;
        r.num[oA] = k.spanA;
        r.num[oB] = k.spanB;
      };
    },
  };
};

export const superTrend: NodeRuntimeFactory = (p, _ins, outs) => {
  const params = { period: num(p, 'period'), multiplier: num(p, 'multiplier') };
  // Ports: value and direction are number slots, up a boolean slot.
  const [oValue, oDirection, oUp] = [outs[0]!, outs[1]!, outs[2]!];
  return {
    batch: (c, n) =>
      superTrendSeries(
        c.num[H]!,
        c.num[L]!,
        c.num[C]!,
        params,
        { value: c.num[oValue]!, direction: c.num[oDirection]!, up: c.bool[oUp]! },
        n,
      ),
    stepper: (r) => {
      const k = new SuperTrendKernel(params.period, params.multiplier);
      return () => {
        k.next(r.num[H]!, r.num[L]!, r.num[C]!);
        r.num[oValue] = k.value;
        r.num[oDirection] = k.direction;
        r.bool[oUp] = k.up;
      };
    },
  };
};

export const obv: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => obvSeries(c.num[C]!, c.num[V]!, c.num[out]!, n),
    stepper: (r) => {
      const k = new ObvKernel();
      return () => {
        r.num[out] = k.next(r.num[C]!, r.num[V]!);
      };
    },
  };
};

export const mfi: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = num(p, 'period');
  const out = outs[0]!;
  return {
    batch: (c, n) => mfiSeries(c.num[H]!, c.num[L]!, c.num[C]!, c.num[V]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new MfiKernel(period);
      return () => {
        r.num[out] = k.next(r.num[H]!, r.num[L]!, r.num[C]!, r.num[V]!);
      };
    },
  };
};

export const cci: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = num(p, 'period');
  const out = outs[0]!;
  return {
    batch: (c, n) => cciSeries(c.num[H]!, c.num[L]!, c.num[C]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new CciKernel(period);
      return () => {
        r.num[out] = k.next(r.num[H]!, r.num[L]!, r.num[C]!);
      };
    },
  };
};

export const keltner: NodeRuntimeFactory = (p, _ins, outs) => {
  const params = { period: num(p, 'period'), atrPeriod: num(p, 'atrPeriod'), multiplier: num(p, 'multiplier') };
  const [oUp, oMid, oLow] = [outs[0]!, outs[1]!, outs[2]!];
  return {
    batch: (c, n) =>
      keltnerSeries(c.num[H]!, c.num[L]!, c.num[C]!, params, { upper: c.num[oUp]!, middle: c.num[oMid]!, lower: c.num[oLow]! }, n),
    stepper: (r) => {
      const k = new KeltnerKernel(params.period, params.atrPeriod, params.multiplier);
      return () => {
        k.next(r.num[H]!, r.num[L]!, r.num[C]!);
        r.num[oUp] = k.upper;
        r.num[oMid] = k.middle;
        r.num[oLow] = k.lower;
      };
    },
  };
};

export const donchian: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = num(p, 'period');
  const [oUp, oMid, oLow] = [outs[0]!, outs[1]!, outs[2]!];
  return {
    batch: (c, n) => donchianSeries(c.num[H]!, c.num[L]!, period, { upper: c.num[oUp]!, middle: c.num[oMid]!, lower: c.num[oLow]! }, n),
    stepper: (r) => {
      const k = new DonchianKernel(period);
      return () => {
        k.next(r.num[H]!, r.num[L]!);
        r.num[oUp] = k.upper;
        r.num[oMid] = k.middle;
        r.num[oLow] = k.lower;
      };
    },
  };
};

export const williamsR: NodeRuntimeFactory = (p, _ins, outs) => {
  const period = num(p, 'period');
  const out = outs[0]!;
  return {
    batch: (c, n) => williamsRSeries(c.num[H]!, c.num[L]!, c.num[C]!, period, c.num[out]!, n),
    stepper: (r) => {
      const k = new WilliamsRKernel(period);
      return () => {
        r.num[out] = k.next(r.num[H]!, r.num[L]!, r.num[C]!);
      };
    },
  };
};
