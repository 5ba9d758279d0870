/**
 * Contract entries for copy trading (issue #14): follow links (a leader → a follower account with
 * the follower's own rules), the copy log, pause/resume, closing copied positions. The engine is
 * built for leaders of every kind (one typed `LeaderFill` stream); this session ships two: another
 * connected account and one of the person's own bots. The signed remote feed and index leaders
 * plug into the same stream later.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const finite = z.number().finite();
const confirmationCode = z.string().max(32).optional();
const positive = z.number().finite().positive();
/** Same rule as the contract's SymbolSchema: a perpetual swap keeps its settle currency (BTC/USDT:USDT). */
const symbol = z
  .string()
  .max(48)
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

export const LeaderSpecSchema = z.discriminatedUnion('kind', [
  /** Every fill of another connected account's orders (manual, brackets, bots, adopted ones). */
  z.strictObject({ kind: z.literal('account'), accountId: id }),
  /** The fills of one of the person's own bots. */
  z.strictObject({ kind: z.literal('bot'), botId: id }),
  /**
   * A remote Tradewind leader's signed feed: its URL (`https://host/feeds/<feedId>`; http only to
   * this machine) and the leader's Ed25519 public key, pinned (`ed25519:` + 43 base64url characters).
   */
  z.strictObject({
    kind: z.literal('feed'),
    url: z.string().trim().min(1, 'enter the feed URL the leader gave you').max(500),
    publicKey: z.string().trim().min(1, "enter the leader's public key").max(100),
  }),
]);
export type LeaderSpec = z.infer<typeof LeaderSpecSchema>;

export const AllocationSchema = z.discriminatedUnion('mode', [
  /** The leader's amount times `ratio` (0.5 = half the leader's size). */
  z.strictObject({ mode: z.literal('ratio'), ratio: positive.max(1000) }),
  /** The leader's amount times follower equity / leader equity (both valued in USD now). */
  z.strictObject({ mode: z.literal('equity') }),
  /** A fixed quote amount per leader buy; sells close the same share of the copied position the leader sold. */
  z.strictObject({ mode: z.literal('quote'), amount: positive }),
]);
export type Allocation = z.infer<typeof AllocationSchema>;

export const SymbolMapEntrySchema = z.strictObject({ leader: symbol, follower: symbol });

export const CopyRulesSchema = z.strictObject({
  allocation: AllocationSchema,
  /** Largest value (follower quote) of one copy; a larger copy is cut down to it. */
  maxPerTrade: positive.nullable(),
  /** Largest value (follower quote, at cost) the follower holds in copies of this leader; buys beyond it are cut or skipped. */
  maxTotal: positive.nullable(),
  /** Leader market → follower market (BTC/USDT → BTC/USDC on another venue); unmapped markets copy as they are. */
  symbolMap: z.array(SymbolMapEntrySchema).max(50),
  /** Leader markets to copy; empty copies every market. */
  allow: z.array(symbol).max(100),
  /** Leader markets never copied (wins over `allow`). */
  deny: z.array(symbol).max(100),
  /** Skip a copy whose follower price is worse than the leader's fill price by more than this (percent). */
  maxSlippagePct: positive.max(50).nullable(),
  /** Skip a copy the follower would send more than this long after the leader's fill (ms). */
  maxSignalAgeMs: z.number().int().min(100).max(86_400_000).nullable(),
  /**
   * Take-profit and stop: `leader` mirrors the leader's own bracket exits (its targets rest as
   * limit sells on the follower, its stop and trailing stop are watched here); `own` uses
   * `takeProfitPct` / `stopLossPct` below. Links stored before this rule existed read as `own`.
   */
  protection: z.enum(['leader', 'own']).default('own'),
  /** The follower's own take-profit (`own`): sell a copied position at market when its price rises this far above its average entry (percent). */
  takeProfitPct: positive.max(1000).nullable().default(null),
  /** The follower's own stop (`own`): sell a copied position at market when its price falls this far below its average entry (percent). */
  stopLossPct: positive.max(99).nullable(),
  /** Stop copying this leader once the follower's loss on it (realised + unrealised, in the link's currency) reaches this. */
  maxLoss: positive.nullable(),
  /**
   * The currency of the amounts above (fixed amount, max per trade, max total, loss limit),
   * converted per order at the rate the portfolio values balances with. Unset: each follower
   * market's own quote (a link whose copies are all in one quote); totals over copies in several
   * quotes are then summed in USD. Links whose markets map into several quotes should set it.
   */
  currency: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be a currency code such as USD, USDT or EUR')
    .nullable()
    .optional(),
});
export type CopyRules = z.infer<typeof CopyRulesSchema>;

export const COPY_LINK_NAME_MAX = 60;
export const CopyLinkInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'a follow link needs a name')
    .max(COPY_LINK_NAME_MAX)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  leader: LeaderSpecSchema,
  followerAccountId: id,
  rules: CopyRulesSchema,
});
export type CopyLinkInput = z.infer<typeof CopyLinkInputSchema>;

export const CopyLinkStatusSchema = z.enum(['active', 'paused', 'stopped']);
export type CopyLinkStatus = z.infer<typeof CopyLinkStatusSchema>;

export const CopyPositionViewSchema = z.object({
  symbol: z.string(),
  /** Base held from copies of this leader (bought − sold). */
  amount: finite,
  averagePrice: finite.nullable(),
  realisedPnl: finite,
  /** True after the person closed it by hand: the leader's later exits of it are ignored. */
  closedByHand: z.boolean(),
});
export type CopyPositionView = z.infer<typeof CopyPositionViewSchema>;

export const CopyLinkViewSchema = z.object({
  id,
  name: z.string(),
  leader: LeaderSpecSchema,
  leaderLabel: z.string(),
  followerAccountId: id,
  followerLabel: z.string(),
  rules: CopyRulesSchema,
  status: CopyLinkStatusSchema,
  /** Why it is paused or stopped (by hand, loss limit). */
  statusReason: z.string().nullable(),
  createdAt: finite,
  positions: z.array(CopyPositionViewSchema),
  /** Realised + unrealised PnL of the copies, in `pnlCurrency`; null while a price or a rate is missing. */
  pnl: finite.nullable(),
  /** The currency `pnl` is summed in (the link's currency, or the one quote its copies share, else USD); null when nothing was copied. */
  pnlCurrency: z.string().nullable().optional(),
});
export type CopyLinkView = z.infer<typeof CopyLinkViewSchema>;

/** `sending`: decided and recorded, the order not yet answered (or the host stopped before it was sent; re-sent once on start-up if the ledger never got it). */
export const CopyOutcomeSchema = z.enum(['sending', 'copied', 'skipped', 'ignored', 'failed', 'closed']);
export type CopyOutcome = z.infer<typeof CopyOutcomeSchema>;

export const CopyLogEntrySchema = z.object({
  seq: z.number().int(),
  linkId: id,
  /** The leader event this row decides (leader id + event id); one row per link and event. */
  eventId: z.string(),
  at: finite,
  outcome: CopyOutcomeSchema,
  leaderSymbol: z.string(),
  followerSymbol: z.string().nullable(),
  side: z.enum(['buy', 'sell']),
  leaderAmount: finite,
  /** In the leader market's quote. */
  leaderPrice: finite,
  /**
   * The leader's price in the follower market's quote (equal to `leaderPrice` when both quotes are
   * the same), which slippage is measured against; null when no rate between the quotes was known.
   */
  leaderPriceConverted: finite.nullable().optional(),
  leaderFilledAt: finite,
  /** The follower's order (amount asked, its client id); null when nothing was sent. */
  amount: finite.nullable(),
  clientOrderId: z.string().nullable(),
  /** The follower's price: its average fill when filled, else the quote it was checked against. */
  followerPrice: finite.nullable(),
  /** Leader fill → follower order sent (ms). */
  delayMs: finite.nullable(),
  /** Follower price vs leader price, signed so positive is worse for the follower (percent). */
  slippagePct: finite.nullable(),
  /** Why it was skipped, ignored or failed; what happened otherwise. */
  reason: z.string(),
});
export type CopyLogEntry = z.infer<typeof CopyLogEntrySchema>;

export const copyMethods = {
  'copy.links.list': { input: z.strictObject({}).optional(), output: z.array(CopyLinkViewSchema) },
  /**
   * Copying into a live account sends real orders: it needs the host's own confirmation (a native
   * dialog, or on the headless host the code printed on its terminal as `confirmationCode`).
   */
  'copy.links.create': { input: CopyLinkInputSchema.extend({ confirmationCode }), output: CopyLinkViewSchema },
  /**
   * New rules (and name); the leader and follower of a link do not change. New rules on a link into
   * a live account need the host's confirmation (showing them), as creating it does.
   */
  'copy.links.update': {
    input: z.strictObject({ id, name: CopyLinkInputSchema.shape.name, rules: CopyRulesSchema, confirmationCode }),
    output: CopyLinkViewSchema,
  },
  /** Pause (copies nothing, keeps positions), resume, or stop. */
  'copy.links.setStatus': { input: z.strictObject({ id, status: CopyLinkStatusSchema, confirmationCode }), output: CopyLinkViewSchema },
  /** Deletes the link; its copied orders stay in the ledger. */
  'copy.links.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Sells one copied position at market by hand; the leader's later exits of it are ignored. */
  'copy.positions.close': { input: z.strictObject({ id, symbol }), output: CopyLinkViewSchema },
  /** Pauses the link and sells every copied position of it at market. */
  'copy.links.closeAll': { input: z.strictObject({ id }), output: CopyLinkViewSchema },
  /** Newest first. */
  'copy.log': {
    input: z.strictObject({ linkId: id.optional(), limit: z.number().int().min(1).max(500).optional() }).optional(),
    output: z.array(CopyLogEntrySchema),
  },
} as const;

export const copyEvents = {
  /** A copy decision was made or its order changed: the log row as it stands. */
  'copy.log': CopyLogEntrySchema,
  /** A link's status or positions changed. */
  'copy.links.changed': z.object({ ids: z.array(id) }),
} as const;
