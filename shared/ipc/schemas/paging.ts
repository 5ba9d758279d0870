/**
 * Cursor paging for long lists (orders, trades, bot events, the audit log). A page is the next
 * `limit` rows after a cursor, newest first, by a key that never changes once a row exists
 * (keyset paging): rows inserted while a client pages land before its cursor, so pages never
 * repeat or skip a row. The cursor is opaque to clients: they pass back the `nextCursor` they got.
 * Each list has its own prefix, so a cursor from one list is refused by another.
 */
import { z } from 'zod';
import { TradewindError } from '../errors';

export const PAGE_LIMIT_DEFAULT = 100;
export const PAGE_LIMIT_MAX = 500;

export const PageLimitSchema = z
  .number()
  .int()
  .min(1)
  .max(PAGE_LIMIT_MAX, `must be at most ${PAGE_LIMIT_MAX} rows per page; ask for the next page with nextCursor`);

/** Where a page starts: strictly after the row with this key (time, then a tie-breaking id). */
export interface PageKey {
  time: number;
  id: number;
}

type CursorKind = 'orders' | 'trades' | 'botEvents' | 'audit';
const PREFIX: Record<CursorKind, string> = { orders: 'o1', trades: 't1', botEvents: 'e1', audit: 'a1' };
const INT = '(0|[1-9][0-9]{0,15})';

/** The contract schema of one list's cursor: a bad one is refused at the boundary, naming what to do. */
export function cursorSchema(kind: CursorKind) {
  const pattern = kind === 'orders' ? new RegExp(`^${PREFIX[kind]}\\.${INT}\\.${INT}$`) : new RegExp(`^${PREFIX[kind]}\\.${INT}$`);
  return z
    .string()
    .max(64)
    .regex(pattern, `is not a cursor this list gave out; pass the nextCursor of its previous page, or none for the first page`);
}

/** The answer of a paged list: `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export function encodeCursor(kind: CursorKind, key: PageKey): string {
  return kind === 'orders' ? `${PREFIX[kind]}.${key.time}.${key.id}` : `${PREFIX[kind]}.${key.id}`;
}

/** The key of a cursor the contract already validated; `time` is 0 for lists keyed by id alone. */
export function decodeCursor(kind: CursorKind, cursor: string): PageKey {
  const parts = cursor.split('.');
  if (parts[0] !== PREFIX[kind])
    throw new TradewindError('invalid_input', `cursor: is not a cursor of this list; pass the nextCursor of its previous page`);
  return kind === 'orders' ? { time: Number(parts[1]), id: Number(parts[2]) } : { time: 0, id: Number(parts[1]) };
}
