import { formatForInput, parseDecimal } from '../../lib/number-format/number-format';
import type { BracketView, MethodInputFor } from './types';

export interface BracketEditForm {
  stop: string;
  /** Price text per target index; filled targets are not editable. */
  targets: Record<number, string>;
}

export type BracketUpdateInput = MethodInputFor<'brackets.update'>;

function text(value: number | null): string {
  return value === null ? '' : formatForInput(value);
}

export function editableTargets(bracket: BracketView) {
  return bracket.targets.filter((target) => target.status !== 'filled');
}

export function startEdit(bracket: BracketView): BracketEditForm {
  const targets: Record<number, string> = {};
  for (const target of editableTargets(bracket)) targets[target.index] = text(target.price);
  return { stop: text(bracket.stopLoss?.price ?? null), targets };
}

/** Read like the ticket: the chosen decimal mark, never a comma dropped as a thousands separator. */
function positive(value: string): number | null {
  const parsed = parseDecimal(value);
  return parsed.ok && parsed.value > 0 ? parsed.value : null;
}

/**
 * The `brackets.update` input for an inline edit: the stop when it changed (empty removes it),
 * and the unfilled targets when any price changed (filled ones stay on core's side). Returns a
 * message instead when a field cannot be read, or null when nothing changed.
 */
export function buildBracketUpdate(bracket: BracketView, form: BracketEditForm): BracketUpdateInput | string | null {
  const update: BracketUpdateInput = { bracketId: bracket.id };
  const initial = startEdit(bracket);
  if (form.stop.trim() !== initial.stop) {
    if (form.stop.trim() === '') update.stopLoss = null;
    else {
      const price = positive(form.stop);
      if (price === null) return 'The stop price must be a positive number.';
      update.stopLoss = { price };
    }
  }
  const editable = editableTargets(bracket);
  const changed = editable.some((target) => (form.targets[target.index] ?? '').trim() !== initial.targets[target.index]);
  if (changed) {
    const targets: NonNullable<BracketUpdateInput['targets']> = [];
    for (const target of editable) {
      const value = (form.targets[target.index] ?? '').trim();
      if (value === initial.targets[target.index] && target.price === null && target.percent !== null) {
        targets.push({ percent: target.percent, share: target.share });
        continue;
      }
      const price = positive(value);
      if (price === null) return `Target ${target.index + 1} needs a positive price.`;
      targets.push({ price, share: target.share });
    }
    update.targets = targets;
  }
  return update.stopLoss === undefined && update.targets === undefined ? null : update;
}
