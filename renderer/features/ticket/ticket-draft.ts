import { z } from 'zod';
import { EMPTY_BRACKET, EMPTY_TICKET, type BracketForm, type TicketForm } from './ticket-input';

/**
 * The ticket as typed, kept in localStorage for one account and market, so a reload (or a crash
 * of the window) does not throw away a half-prepared order. Only what was typed is kept; nothing
 * is ever sent from a draft. A draft that does not check out is ignored.
 */
export const TICKET_DRAFT_KEY = 'tradewind.ticketDraft';

const text = z.string().max(64);
const DraftSchema = z.object({
  accountId: z.string().max(64),
  symbol: z.string().max(48),
  mode: z.enum(['order', 'bracket']),
  form: z.object({
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit', 'stop_limit', 'stop_market']),
    price: text,
    stopPrice: text,
    amount: text,
    unit: z.enum(['base', 'quote']),
    percent: z.number().min(0).max(100).nullable(),
  }),
  bracket: z.object({
    entryType: z.enum(['market', 'limit']),
    targets: z.array(z.object({ value: text, mode: z.enum(['price', 'percent']), share: text })).max(10),
    stopLoss: text,
    stopLossMode: z.enum(['price', 'percent']),
    trailing: text,
  }),
});
export type TicketDraft = { accountId: string; symbol: string; mode: 'order' | 'bracket'; form: TicketForm; bracket: BracketForm };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The saved draft of this account and market, or null. */
export function loadTicketDraft(accountId: string | null, symbol: string | null): TicketDraft | null {
  if (!accountId || !symbol) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(storage()?.getItem(TICKET_DRAFT_KEY) ?? 'null');
  } catch {
    return null;
  }
  const parsed = DraftSchema.safeParse(raw);
  if (!parsed.success || parsed.data.accountId !== accountId || parsed.data.symbol !== symbol) return null;
  return parsed.data as TicketDraft;
}

const isEmpty = (draft: TicketDraft) =>
  draft.mode === 'order' &&
  JSON.stringify({ ...draft.form, side: EMPTY_TICKET.side, type: EMPTY_TICKET.type }) === JSON.stringify(EMPTY_TICKET) &&
  JSON.stringify(draft.bracket) === JSON.stringify(EMPTY_BRACKET);

/** Keeps the draft (an untouched ticket clears it). */
export function saveTicketDraft(draft: TicketDraft): void {
  try {
    if (isEmpty(draft)) storage()?.removeItem(TICKET_DRAFT_KEY);
    else storage()?.setItem(TICKET_DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or refused: the ticket works, the draft just does not survive a reload.
  }
}
