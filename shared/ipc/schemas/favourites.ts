/**
 * Contract entries for the markets browser's favourites: a per-account set of symbols kept in
 * core so it survives restarts and follows the account into every window.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const symbol = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

/** Enough for any watch list a person curates by hand; bounds what one account can store. */
export const MAX_FAVOURITES = 500;

/** The account's favourites, oldest first (the order they were starred in). */
export const FavouritesSchema = z.object({ accountId: z.string(), symbols: z.array(z.string()) });
export type Favourites = z.infer<typeof FavouritesSchema>;

export const favouriteMethods = {
  'favourites.list': {
    input: z.strictObject({ accountId: id }),
    output: FavouritesSchema,
  },
  /** Stars (`favourite: true`) or unstars one market; returns the whole set afterwards. */
  'favourites.set': {
    input: z.strictObject({ accountId: id, symbol, favourite: z.boolean() }),
    output: FavouritesSchema,
  },
} as const;
