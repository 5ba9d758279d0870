/** Runtimes of the candle patterns, the bar-logic blocks and the time filters. */
import { WEEKDAYS } from '../../../../shared/strategy/blocks/time-blocks';
import { BarsSinceKernel, LagKernel, barsSinceSeries, lagSeries } from '../kernels/bar-history';
import * as pat from '../kernels/candle-patterns';
import {
  HourOfDayKernel,
  SessionKernel,
  WeekdayKernel,
  hourOfDaySeries,
  minuteOfDay,
  sessionSeries,
  weekdaySeries,
} from '../kernels/time-filters';
import { CANDLE_SLOTS, type ColumnStore, type NodeRuntimeFactory, type Registers } from './runtime-types';

const O = CANDLE_SLOTS.open;
const H = CANDLE_SLOTS.high;
const L = CANDLE_SLOTS.low;
const C = CANDLE_SLOTS.close;
const T = CANDLE_SLOTS.time;

function ohlc(c: ColumnStore) {
  return { open: c.num[O]!, high: c.num[H]!, low: c.num[L]!, close: c.num[C]! };
}

function pushBar(w: pat.CandleWindow, r: Registers): void {
  w.push(r.num[O]!, r.num[H]!, r.num[L]!, r.num[C]!);
}

export const bullishEngulfing: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.bullishEngulfingSeries(ohlc(c), c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.bullishEngulfing(w);
      };
    },
  };
};

export const bearishEngulfing: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.bearishEngulfingSeries(ohlc(c), c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.bearishEngulfing(w);
      };
    },
  };
};

export const hammer: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.hammerSeries(ohlc(c), c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.hammer(w);
      };
    },
  };
};

export const invertedHammer: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.invertedHammerSeries(ohlc(c), c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.invertedHammer(w);
      };
    },
  };
};

export const doji: NodeRuntimeFactory = (p, _ins, outs) => {
  const bodyPercent = p.bodyPercent as number;
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.dojiSeries(ohlc(c), bodyPercent, c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.doji(w, bodyPercent);
      };
    },
  };
};

export const morningStar: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.morningStarSeries(ohlc(c), c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.morningStar(w);
      };
    },
  };
};

export const eveningStar: NodeRuntimeFactory = (_p, _ins, outs) => {
  const out = outs[0]!;
  return {
    batch: (c, n) => pat.eveningStarSeries(ohlc(c), c.bool[out]!, n),
    stepper: (r) => {
      const w = new pat.CandleWindow();
      return () => {
        pushBar(w, r);
        r.bool[out] = pat.eveningStar(w);
      };
    },
  };
};

export const barsAgo: NodeRuntimeFactory = (p, ins, outs) => {
  const bars = p.bars as number;
  const [src, out] = [ins[0]!, outs[0]!];
  return {
    batch: (c, n) => lagSeries(c.num[src]!, bars, c.num[out]!, n),
    stepper: (r) => {
      const k = new LagKernel(bars);
      return () => {
        r.num[out] = k.next(r.num[src]!);
      };
    },
  };
};

export const barsSince: NodeRuntimeFactory = (_p, ins, outs) => {
  const [src, out] = [ins[0]!, outs[0]!];
  return {
    batch: (c, n) => barsSinceSeries(c.bool[src]!, c.num[out]!, n),
    stepper: (r) => {
      const k = new BarsSinceKernel();
      return () => {
        r.num[out] = k.next(r.bool[src]!);
      };
    },
  };
};

function weekdayIndex(value: unknown): number {
  return WEEKDAYS.indexOf(value as (typeof WEEKDAYS)[number]);
}

export const hourOfDay: NodeRuntimeFactory = (p, _ins, outs) => {
  const make = () => new HourOfDayKernel(p.timeZone as string, p.from as number, p.to as number);
  const out = outs[0]!;
  return {
    batch: (c, n) => hourOfDaySeries(c.num[T]!, make(), c.bool[out]!, n),
    stepper: (r) => {
      const k = make();
      return () => {
        r.bool[out] = k.next(r.num[T]!);
      };
    },
  };
};

export const weekday: NodeRuntimeFactory = (p, _ins, outs) => {
  const make = () => new WeekdayKernel(p.timeZone as string, weekdayIndex(p.from), weekdayIndex(p.to));
  const out = outs[0]!;
  return {
    batch: (c, n) => weekdaySeries(c.num[T]!, make(), c.bool[out]!, n),
    stepper: (r) => {
      const k = make();
      return () => {
        r.bool[out] = k.next(r.num[T]!);
      };
    },
  };
};

export const session: NodeRuntimeFactory = (p, _ins, outs) => {
  const make = () =>
    new SessionKernel(p.timeZone as string, minuteOfDay(p.start as string), minuteOfDay(p.end as string), p.days === 'weekdays');
  const out = outs[0]!;
  return {
    batch: (c, n) => sessionSeries(c.num[T]!, make(), c.bool[out]!, n),
    stepper: (r) => {
      const k = make();
      return () => {
        r.bool[out] = k.next(r.num[T]!);
      };
    },
  };
};
