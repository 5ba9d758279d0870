import { TradewindError } from '../../../shared/ipc/errors';
import type { TicketIssue } from '../../../shared/ipc/schemas/orders';
import { resolveLevel } from './bracket-math';
import { checkStop, checkTargets } from './bracket-validation';
import type { BracketBook } from './bracket-view';
import type { BracketRecord, StoredTarget } from './brackets-repo';
import { refusal, type TicketInputs } from './ticket-service';

export type BracketUpdate = {
  bracketId: string;
  stopLoss?: { price?: number | undefined; percent?: number | undefined } | null | undefined;
  targets?: Array<{ price?: number | undefined; percent?: number | undefined; share: number }> | undefined;
  trailing?: { callbackPct: number } | null | undefined;
};

export const level = (spec: { price?: number | undefined; percent?: number | undefined }) => ({
  price: spec.price ?? null,
  percent: spec.percent ?? null,
});

/**
 * Applies an edit to a bracket that is waiting for its entry or holds a position: a new stop
 * (checked against the market once the position is open, so it may be moved past the entry to
 * lock in profit), a new trailing callback, or new targets for what has not filled yet (filled
 * targets stay; their shares count towards the 100%). Validates first and changes nothing on a
 * refusal. Returns the targets whose resting orders must now be cancelled.
 */
export function applyEdit(
  record: BracketRecord,
  book: BracketBook,
  inputs: Pick<TicketInputs, 'rules' | 'precision' | 'quote'>,
  input: BracketUpdate,
): StoredTarget[] {
  if (record.status === 'closed' || record.status === 'cancelled')
    throw new TradewindError('invalid_order', `The bracket is ${record.status}; it can no longer be edited.`);
  if (record.status === 'closing')
    throw new TradewindError('invalid_order', 'The bracket is closing at market; it can no longer be edited.');
  const open = record.status === 'open_position';
  const average = book.figures.entryAverage;
  const entryPrice = average ?? record.plan.entry.price ?? inputs.quote?.last ?? null;
  if (entryPrice === null) throw new TradewindError('unavailable', `No price for ${record.symbol} yet; try again in a moment.`);
  const check = {
    side: record.side,
    rules: inputs.rules,
    precision: inputs.precision,
    entryPrice,
    held: open ? book.figures.entryUnits : record.plan.amount,
    settledShare: 0,
    currentPrice: open ? (inputs.quote?.last ?? null) : null,
  };
  const issues: TicketIssue[] = [];
  const stopLoss = input.stopLoss ? level(input.stopLoss) : input.stopLoss;
  if (stopLoss) issues.push(...checkStop(stopLoss, check));
  const kept = record.state.targets.filter((t) => t.status === 'filled');
  const targets = input.targets?.map((t) => ({ ...level(t), share: t.share }));
  if (targets) issues.push(...checkTargets(targets, { ...check, settledShare: kept.reduce((s, t) => s + t.share, 0) }));
  if (issues.length > 0) throw refusal(issues);

  if (stopLoss !== undefined) {
    record.plan.stopLoss = stopLoss;
    // A %-stop waiting for its entry is resolved from the filled average later.
    record.state.stopPrice =
      stopLoss && (stopLoss.price !== null || average !== null)
        ? resolveLevel(stopLoss, average ?? entryPrice, record.side, 'stop', inputs.precision)
        : null;
  }
  if (input.trailing !== undefined) {
    record.plan.trailing = input.trailing;
    if (input.trailing && open && record.state.extreme === null) record.state.extreme = inputs.quote?.last ?? average;
  }
  let replaced: StoredTarget[] = [];
  if (targets) {
    replaced = record.state.targets.filter((t) => t.status === 'open' && t.clientOrderId);
    for (const t of replaced) t.status = 'cancelled';
    record.state.targets = [
      ...kept,
      ...targets.map((t) => ({
        ...t,
        key: ++record.state.targetKeys,
        price: t.price ?? (average !== null ? resolveLevel(t, average, record.side, 'target', inputs.precision) : null),
        status: 'waiting' as const,
        clientOrderId: null,
        amount: null,
      })),
    ];
  }
  record.state.message = 'Edited.';
  return replaced;
}
