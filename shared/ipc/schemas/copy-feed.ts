/**
 * Contract entries for publishing a signed copy feed (issue #14): a leader of this Tradewind (an
 * account or one of the person's bots) publishes its fills, each event numbered and signed with
 * the feed's Ed25519 key, served by the headless host at `/feeds/<id>`. The private key stays in
 * the secret store; the public key is what followers pin. Following a feed is a copy link whose
 * leader is `{ kind: 'feed', url, publicKey }` (schemas/copy.ts).
 */
import { z } from 'zod';
import { COPY_LINK_NAME_MAX } from './copy';

const id = z.string().min(1).max(64);

export const FeedLeaderSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('account'), accountId: id }),
  z.strictObject({ kind: z.literal('bot'), botId: id }),
]);
export type FeedLeader = z.infer<typeof FeedLeaderSchema>;

export const FeedInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'a feed needs a name')
    .max(COPY_LINK_NAME_MAX)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  leader: FeedLeaderSchema,
});
export type FeedInput = z.infer<typeof FeedInputSchema>;

export const FeedViewSchema = z.object({
  id,
  name: z.string(),
  leader: FeedLeaderSchema,
  leaderLabel: z.string(),
  /** `ed25519:` + the raw key in base64url: what followers pin. Not a secret. */
  publicKey: z.string(),
  /** Path on the headless host (`/feeds/<id>`); followers use `https://<this host>` + it. */
  path: z.string(),
  /** Sequence number of the latest event (0: none yet). */
  lastSeq: z.number().int(),
  createdAt: z.number(),
  /** Whether this host serves feeds (the headless host does; the desktop app only records them). */
  servedHere: z.boolean(),
  /** Why the feed cannot sign now (its key could not be read from the secret store); null when it can. */
  problem: z.string().nullable(),
});
export type FeedView = z.infer<typeof FeedViewSchema>;

export const copyFeedMethods = {
  'copy.feeds.list': { input: z.strictObject({}).optional(), output: z.array(FeedViewSchema) },
  /** A new feed with a new Ed25519 key pair (private key written to the secret store first). */
  'copy.feeds.create': { input: FeedInputSchema, output: FeedViewSchema },
  /** Stops publishing: the feed, its events and its private key are deleted. */
  'copy.feeds.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
} as const;
