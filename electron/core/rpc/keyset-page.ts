import { PAGE_LIMIT_DEFAULT } from '../../../shared/ipc/schemas/paging';

/** How many rows to read for a page: one more than asked, to know whether another page follows. */
export function rowsToRead(limit: number | undefined): number {
  return (limit ?? PAGE_LIMIT_DEFAULT) + 1;
}

/**
 * A page from the rows a keyset query read (`rowsToRead` of them, newest first): the cursor names
 * the last row shown, and is null when nothing older exists, so a client never asks for an empty page.
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number | undefined,
  item: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit ?? PAGE_LIMIT_DEFAULT);
  const last = shown[shown.length - 1];
  return { items: shown.map(item), nextCursor: rows.length > shown.length && last !== undefined ? cursorOf(last) : null };
}
