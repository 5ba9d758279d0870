/**
 * Dragging an order's, a target's or a stop's price line to amend it: what each draggable line
 * stands for, and the request its new price becomes (orders.amend, or brackets.update through the
 * same form logic as the brackets table). Pure, so it is tested without a canvas.
 */
import type { BracketView } from '../../../shared/ipc/schemas/orders';
import { formatForInput } from '../../lib/number-format/number-format';
import { buildBracketUpdate, startEdit } from '../orders/bracket-edit';

export type LineDrag =
  | { kind: 'order'; accountId: string; clientOrderId: string }
  | { kind: 'target'; bracketId: string; index: number }
  | { kind: 'stop'; bracketId: string };

export type DragRequest =
  | { method: 'orders.amend'; input: { accountId: string; clientOrderId: string; price: number; confirmed?: boolean } }
  | { method: 'brackets.update'; input: NonNullable<Exclude<ReturnType<typeof buildBracketUpdate>, string>> };

/** The request a dragged line's new price makes, or why it cannot be made. */
export function dragRequest(drag: LineDrag, price: number, brackets: readonly BracketView[]): DragRequest | string {
  if (!(price > 0) || !Number.isFinite(price)) return 'Drop the line at a positive price.';
  if (drag.kind === 'order')
    return { method: 'orders.amend', input: { accountId: drag.accountId, clientOrderId: drag.clientOrderId, price } };
  const bracket = brackets.find((candidate) => candidate.id === drag.bracketId);
  if (!bracket) return 'That smart trade is no longer active.';
  const form = startEdit(bracket);
  const text = formatForInput(price);
  const edited = drag.kind === 'stop' ? { ...form, stop: text } : { ...form, targets: { ...form.targets, [drag.index]: text } };
  const update = buildBracketUpdate(bracket, edited);
  if (update === null) return 'The line is back where it was: nothing to change.';
  return typeof update === 'string' ? update : { method: 'brackets.update', input: update };
}

/** "Move the buy order to 29,500.00?" for the confirmation on a live account. */
export function describeDrag(drag: LineDrag, price: string): string {
  switch (drag.kind) {
    case 'order':
      return `Move the order to ${price}`;
    case 'target':
      return `Move take-profit ${drag.index + 1} to ${price}`;
    case 'stop':
      return `Move the stop-loss to ${price}`;
  }
}
