/**
 * A bot's realised PnL recomputed from the ledger's fills alone, the way an auditor would, to
 * hold against what the bot booked: fills taken in the order the ledger recorded them (`seq`),
 * never by their market times. Written apart from the bots' own code on purpose.
 */
import type { OrderView, TradeView } from '../../../shared/ipc/schemas/orders';

export interface RecomputedPnl {
  /** Realised profit by deal (DCA) or in total (grid, key 0). */
  profits: Map<number, number>;
  /** Sales of more base than the position held before them, in words (empty when sound). */
  problems: string[];
}

const ledgerOrder = (trades: readonly TradeView[]) => [...trades].sort((a, b) => a.seq - b.seq);

function rolesById(orders: readonly OrderView[], botId: string): Map<string, string> {
  const roles = new Map<string, string>();
  for (const o of orders) if (o.origin === 'bot' && o.originId === botId && o.originRole) roles.set(o.clientOrderId, o.originRole);
  return roles;
}

const baseFee = (t: TradeView, base: string) => (t.feeAsset === base ? t.fee : 0);
const quoteFee = (t: TradeView, quote: string) => (t.feeAsset === quote ? t.fee : 0);

/** DCA: each deal (`dca:r<run>:d<key>:…`) is its own average-cost position; its take-profit's proceeds less what the sold base cost. */
export function dcaProfits(
  orders: readonly OrderView[],
  trades: readonly TradeView[],
  botId: string,
  base: string,
  quote: string,
): RecomputedPnl {
  const roles = rolesById(orders, botId);
  const deals = new Map<number, { held: number; paid: number; profit: number }>();
  const problems: string[] = [];
  for (const t of ledgerOrder(trades)) {
    const match = /^dca:r\d+:d(\d+):/.exec(roles.get(t.clientOrderId) ?? '');
    if (!match) continue;
    const key = Number(match[1]);
    const deal = deals.get(key) ?? { held: 0, paid: 0, profit: 0 };
    deals.set(key, deal);
    if (t.side === 'buy') {
      deal.held += t.amount - baseFee(t, base);
      deal.paid += t.cost + quoteFee(t, quote);
      continue;
    }
    const out = t.amount + baseFee(t, base);
    if (out > deal.held + 1e-12)
      problems.push(`deal ${key}: fill ${t.tradeId} (seq ${t.seq}) sold ${out} ${base} while the deal held ${deal.held}`);
    const average = deal.held > 0 ? deal.paid / deal.held : 0;
    deal.profit += t.cost - quoteFee(t, quote) - average * out;
    deal.paid -= average * out;
    deal.held -= out;
  }
  return { profits: new Map([...deals].map(([key, d]) => [key, d.profit])), problems };
}

/**
 * Grid: every level (`grid:r<run>:c<cell>:<cycle>`) sells the base its own last buy bought, at
 * that buy's cost per unit (fees included); levels that start as sells carry the start-up buy's
 * (`…:init`). A pair's profit is the sale's proceeds, net of fees, less that cost.
 */
export function gridProfit(
  orders: readonly OrderView[],
  trades: readonly TradeView[],
  botId: string,
  base: string,
  quote: string,
): RecomputedPnl {
  const roles = rolesById(orders, botId);
  const problems: string[] = [];
  const init = { held: 0, paid: 0 };
  const cells = new Map<number, { held: number; paid: number; basis: number | null; selling: boolean }>();
  let profit = 0;
  for (const t of ledgerOrder(trades)) {
    const role = roles.get(t.clientOrderId) ?? '';
    if (/^grid:r\d+:init(:\d+)?$/.test(role)) {
      init.held += t.amount - baseFee(t, base);
      init.paid += t.cost + quoteFee(t, quote);
      continue;
    }
    const match = /^grid:r\d+:c(\d+):\d+$/.exec(role);
    if (!match) continue;
    const cell = Number(match[1]);
    const lot = cells.get(cell) ?? { held: 0, paid: 0, basis: null, selling: false };
    cells.set(cell, lot);
    if (t.side === 'buy') {
      if (lot.selling) Object.assign(lot, { held: 0, paid: 0, selling: false });
      lot.held += t.amount - baseFee(t, base);
      lot.paid += t.cost + quoteFee(t, quote);
      lot.basis = lot.paid / lot.held;
      continue;
    }
    if (lot.basis === null) {
      // A level that started as a sell: it sells part of the start-up buy.
      if (init.held <= 0) problems.push(`level ${cell}: fill ${t.tradeId} (seq ${t.seq}) sold before the grid's start-up buy`);
      Object.assign(lot, { held: t.amount, basis: init.held > 0 ? init.paid / init.held : t.price });
    } else if (!lot.selling && t.amount > lot.held + 1e-12) {
      problems.push(`level ${cell}: fill ${t.tradeId} (seq ${t.seq}) sold ${t.amount} ${base} while the level held ${lot.held}`);
    }
    lot.selling = true;
    profit += t.cost - quoteFee(t, quote) - baseFee(t, base) * t.price - t.amount * (lot.basis as number);
  }
  return { profits: new Map([[0, profit]]), problems };
}
