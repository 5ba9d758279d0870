/** Runtime of the Position block: no batch form, because its input is decided bar by bar by whoever holds the position. */
import { PositionTracker, type PositionValues } from '../kernels/position-tracker';
import { CANDLE_SLOTS, type NodeRuntimeFactory } from './runtime-types';

export const position: NodeRuntimeFactory = (_p, _ins, outs) => {
  const [inPosition, entryPrice, unrealisedPct, barsInTrade, highest, lowest] = outs as [number, number, number, number, number, number];
  return {
    stepper: (r) => {
      const tracker = new PositionTracker();
      const values: PositionValues = {
        inPosition: 0,
        entryPrice: NaN,
        unrealisedPct: NaN,
        barsInTrade: NaN,
        highestSinceEntry: NaN,
        lowestSinceEntry: NaN,
      };
      return () => {
        tracker.next(r.position, r.num[CANDLE_SLOTS.high]!, r.num[CANDLE_SLOTS.low]!, r.num[CANDLE_SLOTS.close]!, values);
        r.bool[inPosition] = values.inPosition;
        r.num[entryPrice] = values.entryPrice;
        r.num[unrealisedPct] = values.unrealisedPct;
        r.num[barsInTrade] = values.barsInTrade;
        r.num[highest] = values.highestSinceEntry;
        r.num[lowest] = values.lowestSinceEntry;
      };
    },
  };
};
