/** What a signal bot's run persists: its deals and the orders its signals asked for (see kind-state.ts). */
import type { KindStateBase } from '../../kind-state';

export interface SignalDeal {
  n: number;
  /** The signal that opened it. */
  signalId: string;
  status: 'open' | 'closed';
  takeProfit: number | null;
  stopLoss: number | null;
  /** Exit orders asked for so far (roles `deal:<n>:exit:<k>`). */
  exits: number;
}

/** An order a signal (or a deal's take-profit / stop-loss) asked for, kept until the ledger has it final. */
export interface SignalSlot {
  /** `deal:<n>:entry` or `deal:<n>:exit:<k>`. */
  role: string;
  deal: number;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  amount: number;
  price: number | null;
  signalId: string;
  /** When the signal asked for it (bot clock). Absent in states saved before it was recorded. */
  askedAt?: number;
}

export interface SignalBotState extends KindStateBase {
  kind: 'signal';
  deals: SignalDeal[];
  slots: SignalSlot[];
  nextDeal: number;
}
