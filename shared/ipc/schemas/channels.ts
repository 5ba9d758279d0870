/**
 * Contract entries for alert delivery channels: Telegram, a signed webhook and e-mail. Core
 * delivers every notification it emits to each enabled channel whose filters let it through.
 * Secrets (bot token, HMAC secret, SMTP password) are write-only: they go in with `secret` and
 * never come back; a channel view only says whether one is stored (`hasSecret`).
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

export const CHANNEL_KINDS = ['telegram', 'webhook', 'email'] as const;
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** The lowest level a channel sends: a fill or info is `info`, a warning `warning`, an error `critical`. */
export const CHANNEL_LEVELS = ['info', 'warning', 'critical'] as const;
export const ChannelLevelSchema = z.enum(CHANNEL_LEVELS);
export type ChannelLevel = z.infer<typeof ChannelLevelSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 22:00');

/** An IANA time zone the runtime knows (checked with Intl, so "Europe/Paris" passes and "Mars/Base" does not). */
const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a time zone this computer knows; use an IANA name such as Europe/London or UTC' },
  );

export const QuietHoursSchema = z.strictObject({
  start: clock,
  end: clock,
  timeZone,
  /** Critical notifications still go out during quiet hours. */
  criticalOverrides: z.boolean(),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .url('must be a full URL such as https://example.com/hook')
  // Zod runs this refinement even after the URL check failed, so an unparsable value must not throw here.
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { message: 'must start with http:// or https://' });

export const TelegramSettingsSchema = z.strictObject({
  kind: z.literal('telegram'),
  /** A numeric chat id (negative for groups) or a public @channel name. */
  chatId: z
    .string()
    .trim()
    .regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'must be a numeric chat id (e.g. 123456789 or -1001234567890) or @channelname'),
});
/**
 * A webhook's address often carries the receiver's own token in its path or query, so it is a
 * secret: it goes in here (absent on an edit keeps the stored one) and is kept in the keychain.
 */
export const WebhookSettingsInputSchema = z.strictObject({ kind: z.literal('webhook'), url: httpUrl.optional() });
/** What a channel view shows of the address: scheme and host, the rest masked (`maskWebhookUrl`). */
export const WebhookSettingsViewSchema = z.strictObject({ kind: z.literal('webhook'), url: z.string() });
export const EMAIL_TLS_MODES = ['tls', 'starttls', 'none'] as const;
const email = z.string().trim().max(254).email('must be an e-mail address such as me@example.com');
export const EmailSettingsSchema = z.strictObject({
  kind: z.literal('email'),
  host: text(253),
  port: z.number().int().min(1).max(65_535),
  /** `tls`: TLS from the first byte (usually 465); `starttls`: upgrade required (587); `none`: plain text (loopback relays only). */
  tls: z.enum(EMAIL_TLS_MODES),
  /** SMTP login; empty when the server takes mail without one. */
  user: z.string().trim().max(254),
  from: email,
  to: email,
});
export const ChannelSettingsInputSchema = z.discriminatedUnion('kind', [
  TelegramSettingsSchema,
  WebhookSettingsInputSchema,
  EmailSettingsSchema,
]);
export const ChannelSettingsSchema = z.discriminatedUnion('kind', [TelegramSettingsSchema, WebhookSettingsViewSchema, EmailSettingsSchema]);
/** A channel's settings as stored and shown (a webhook's address masked). */
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

/** The end of a masked webhook address; an address in a row without it was saved before addresses moved to the keychain. */
export const MASKED_URL_TAIL = '/••••';

/** `https://hooks.example.com/T0/B1/xyz` → `https://hooks.example.com/••••` (the origin alone when there is no path). */
export function maskWebhookUrl(url: string): string {
  if (!URL.canParse(url)) return MASKED_URL_TAIL;
  const parsed = new URL(url);
  const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return rest === '/' || rest === '' ? parsed.origin : `${parsed.origin}${MASKED_URL_TAIL}`;
}

export const MAX_RATE_PER_MINUTE = 120;

const channelFields = {
  name: text(80),
  enabled: z.boolean(),
  minLevel: ChannelLevelSchema,
  /** At most this many messages a minute; the excess is summarised in one later message. */
  ratePerMinute: z.number().int().min(1).max(MAX_RATE_PER_MINUTE),
  quietHours: QuietHoursSchema.nullable(),
};
/** Bot token (Telegram), HMAC signing secret (webhook) or SMTP password (e-mail). */
const secret = z.string().min(1).max(4096);

export const ChannelInputSchema = z.strictObject({ ...channelFields, settings: ChannelSettingsInputSchema, secret: secret.optional() });
export type ChannelInput = z.input<typeof ChannelInputSchema>;

export const ChannelViewSchema = z.object({
  id: z.string(),
  ...channelFields,
  settings: ChannelSettingsSchema,
  hasSecret: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The last attempt's outcome, so the list can show a failing channel without opening the log. */
  lastOutcome: z.enum(['sent', 'failed']).nullable(),
});
export type ChannelView = z.infer<typeof ChannelViewSchema>;

export const DELIVERY_OUTCOMES = ['sent', 'failed', 'retrying', 'rate_limited', 'quiet_hours', 'dropped'] as const;
export const DeliveryViewSchema = z.object({
  id: z.number(),
  channelId: z.string(),
  at: z.number(),
  /** The notification's id, or `test-…` for a send test, `summary-…` for a rate-limit summary. */
  notificationId: z.string(),
  title: z.string(),
  attempt: z.number(),
  outcome: z.enum(DELIVERY_OUTCOMES),
  /** What happened in words, e.g. "Telegram said 401 Unauthorized: the bot token is wrong." */
  reason: z.string(),
});
export type DeliveryView = z.infer<typeof DeliveryViewSchema>;

export const channelMethods = {
  'channels.list': { input: z.strictObject({}).optional(), output: z.array(ChannelViewSchema) },
  /** `secret` is required for Telegram and webhooks; for e-mail when `user` is set. */
  'channels.create': { input: ChannelInputSchema, output: ChannelViewSchema },
  /** Without `secret` the stored one is kept; the kind cannot change. */
  'channels.update': { input: ChannelInputSchema.extend({ id }), output: ChannelViewSchema },
  'channels.delete': { input: z.strictObject({ id }), output: z.object({ id: z.string() }) },
  /** Sends a test message now (past filters, rate limit and quiet hours) and reports the exact result. */
  'channels.test': {
    input: z.strictObject({ id }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
  /** The delivery log newest first: every attempt with its outcome and reason. */
  'channels.deliveries': {
    input: z.strictObject({
      channelId: id.optional(),
      failuresOnly: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.array(DeliveryViewSchema),
  },
} as const;

export const channelEvents = {
  /** One delivery log row was written (the screen refreshes its log and the list's outcome). */
  'channels.delivery': DeliveryViewSchema,
} as const;
