/**
 * The DCA bot. A deal opens with a market base order; then its safety orders rest as limit buys
 * below the first fill, and one take-profit limit sell covers everything the deal holds at
 * average × (1 + take-profit %). When a safety order fills, the take-profit is cancelled and a
 * new one (`tp<k+1>`) placed for the new amount and average. The deal's position and profit are
 * always derived from its recorded fills.
 */
import type { BotLevel, DcaConfig, DcaDeal } from '../../../../../shared/ipc/schemas/bots';
import { isFinal } from '../../../orders/order-state';
import type { OrderRow } from '../../../orders/orders-repo';
import { formatMoney, formatNumber } from '../../../exchange/precision';
import type { BotStep } from '../../bot-step';
import { safetyOrders, safetyPrice, takeProfitPrice } from './dca-math';
import type { DcaDealState, DcaState } from './dca-state';

const dealRole = (key: number, part: string) => `d${key}:${part}`;

export function initDca(): DcaState {
  return { kind: 'dca', deals: [], nextKey: 1, lastBar: null };
}

const active = (st: DcaState) => st.deals.filter((d) => d.status !== 'closed');

function dealRows(step: BotStep, key: number): OrderRow[] {
  const prefix = `${step.prefix}d${key}:`;
  return step.rows.filter((r) => r.originRole?.startsWith(prefix));
}

/** Opens a deal (recorded first; its base order goes out in the step). Refused past the max active deals. */
export function openDeal(step: BotStep, st: DcaState, why: string): boolean {
  const config = step.bot.config as DcaConfig;
  if (active(st).length >= config.maxActiveDeals) {
    step.event(
      'warning',
      `${why}, but ${config.maxActiveDeals} deal${config.maxActiveDeals > 1 ? 's are' : ' is'} already active (max active deals); no new deal.`,
    );
    return false;
  }
  const key = st.nextKey++;
  st.deals.push({ key, status: 'opening', openedAt: step.now(), closedAt: null, firstPrice: null, tp: 1, realisedPnl: 0 });
  step.save();
  step.event('info', `${why}: deal ${key} opens.`);
  return true;
}

export async function stepDca(step: BotStep): Promise<void> {
  const st = step.state<DcaState>();
  const config = step.bot.config as DcaConfig;
  if (config.start === 'immediately' && active(st).length === 0 && step.running()) openDeal(step, st, 'Starting immediately');
  for (const deal of active(st)) await stepDeal(step, st, deal, config);
}

async function stepDeal(step: BotStep, st: DcaState, deal: DcaDealState, config: DcaConfig): Promise<void> {
  if (deal.status === 'opening') {
    if (!step.order(dealRole(deal.key, 'base'))) {
      const price = await step.price();
      if (price === null) return;
      await step.place(dealRole(deal.key, 'base'), { side: 'buy', type: 'market', amount: config.baseOrder / price, price: null });
    }
    const base = step.order(dealRole(deal.key, 'base'));
    if (!base || !isFinal(base.status)) return;
    if (base.filled <= 0) {
      Object.assign(deal, { status: 'closed', closedAt: step.now() });
      step.save();
      step.event(
        'error',
        `Deal ${deal.key}: the base order was ${base.status}${base.error ? ` (${base.error})` : ''}; the deal is closed.`,
      );
      return;
    }
    Object.assign(deal, { status: 'open', firstPrice: base.averagePrice });
    step.save();
    step.event(
      'fill',
      `Deal ${deal.key}: bought ${formatNumber(base.filled)} ${step.rules.base} at ${formatNumber(base.averagePrice ?? 0)}.`,
    );
    step.notify(
      'fill',
      `${step.bot.name}: deal ${deal.key} opened`,
      `Bought ${formatNumber(base.filled)} ${step.bot.symbol} at ${formatNumber(base.averagePrice ?? 0)}.`,
    );
  }
  if (deal.status === 'open') await manageOpenDeal(step, deal, config);
  if ((deal.status as DcaDealState['status']) === 'closing') await closeDeal(step, deal);
}

async function manageOpenDeal(step: BotStep, deal: DcaDealState, config: DcaConfig): Promise<void> {
  const tpRole = () => dealRole(deal.key, `tp${deal.tp}`);
  let tp = step.order(tpRole());
  if (tp?.status === 'filled') return markClosing(step, deal);
  for (const so of safetyOrders(config)) {
    if (step.order(dealRole(deal.key, `so${so.n}`))) continue;
    const price = safetyPrice(deal.firstPrice as number, so);
    const outcome = await step.place(dealRole(deal.key, `so${so.n}`), {
      side: 'buy',
      type: 'limit',
      amount: so.quote / step.precision.price(price),
      price,
    });
    if (outcome.kind === 'held' || outcome.kind === 'refused') break;
  }
  let target = takeProfitOf(step, deal, config);
  if (tp && !isFinal(tp.status)) {
    if (target === null || (tp.amount === target.amount && tp.price === target.price)) return;
    // A safety order filled: the take-profit must cover the new amount at the new average.
    await step.cancel(tp);
    tp = step.order(tpRole());
    if (!tp || !isFinal(tp.status)) return;
    if (tp.status === 'filled') return markClosing(step, deal);
  }
  if (tp && isFinal(tp.status)) {
    if (tp.status === 'rejected' && step.refusedDefinitely(tp)) {
      step.requestStop('error', `Deal ${deal.key}: the take-profit was refused: ${tp.error ?? 'rejected'}.`);
      return;
    }
    deal.tp++;
    step.save();
    target = takeProfitOf(step, deal, config);
  }
  if (target === null || step.isDust(target.amount, target.price)) return;
  const placed = await step.place(tpRole(), { side: 'sell', type: 'limit', amount: target.amount, price: target.price });
  if (placed.kind === 'placed' && deal.tp > 1)
    step.event(
      'info',
      `Deal ${deal.key}: take-profit moved to ${formatNumber(target.price)} for ${formatNumber(target.amount)} ${step.rules.base}.`,
    );
}

/** Amount and price of the take-profit the deal needs now, from its fills. */
function takeProfitOf(step: BotStep, deal: DcaDealState, config: DcaConfig): { amount: number; price: number } | null {
  const position = step.position(dealRows(step, deal.key));
  if (position.averagePrice === null) return null;
  return { amount: step.precision.amount(position.amount), price: step.precision.price(takeProfitPrice(position.averagePrice, config)) };
}

function markClosing(step: BotStep, deal: DcaDealState): void {
  deal.status = 'closing';
  step.save();
}

/** The take-profit filled: cancel the safety orders still resting, book the profit. */
async function closeDeal(step: BotStep, deal: DcaDealState): Promise<void> {
  for (const row of dealRows(step, deal.key).filter((r) => !isFinal(r.status))) await step.cancel(row);
  const rows = dealRows(step, deal.key);
  if (rows.some((r) => !isFinal(r.status))) return;
  const position = step.position(rows);
  Object.assign(deal, { status: 'closed', closedAt: step.now(), realisedPnl: position.realised });
  step.bot.realisedPnl += position.realised;
  step.save();
  const q = step.rules.quote;
  step.event('fill', `Deal ${deal.key} closed at its take-profit: ${formatMoney(position.realised, q)} ${q}.`);
  step.notify('fill', `${step.bot.name}: deal ${deal.key} closed`, `Take-profit filled; profit ${formatMoney(position.realised, q)} ${q}.`);
}

export function dcaDealsView(step: BotStep, st: DcaState): DcaDeal[] {
  return st.deals.map((deal) => {
    const rows = dealRows(step, deal.key);
    const position = step.position(rows);
    const tp = step.order(dealRole(deal.key, `tp${deal.tp}`));
    return {
      key: deal.key,
      status: deal.status,
      openedAt: deal.openedAt,
      closedAt: deal.closedAt,
      amount: position.amount,
      averagePrice: position.averagePrice,
      safetyOrdersFilled: rows.filter((r) => /:so\d+$/.test(r.originRole ?? '') && r.status === 'filled').length,
      takeProfitPrice: tp?.price ?? null,
      realisedPnl: deal.status === 'closed' ? deal.realisedPnl : position.realised,
    };
  });
}

export function dcaLevelsView(step: BotStep, st: DcaState, config: DcaConfig): BotLevel[] {
  const levels: BotLevel[] = [];
  for (const deal of active(st)) {
    if (deal.firstPrice === null) continue;
    for (const so of safetyOrders(config)) {
      const row = step.order(dealRole(deal.key, `so${so.n}`));
      if (row?.status === 'filled') continue;
      levels.push({
        price: row?.price ?? safetyPrice(deal.firstPrice, so),
        kind: 'safety',
        label: `Deal ${deal.key} SO ${so.n}`,
        clientOrderId: row && !isFinal(row.status) ? row.clientOrderId : null,
      });
    }
    const tp = step.order(dealRole(deal.key, `tp${deal.tp}`));
    if (tp?.price)
      levels.push({
        price: tp.price,
        kind: 'take_profit',
        label: `Deal ${deal.key} TP`,
        clientOrderId: isFinal(tp.status) ? null : tp.clientOrderId,
      });
    const position = step.position(dealRows(step, deal.key));
    if (position.averagePrice !== null)
      levels.push({ price: position.averagePrice, kind: 'average', label: `Deal ${deal.key} average`, clientOrderId: null });
  }
  return levels;
}
