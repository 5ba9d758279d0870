/**
 * Contract entries for exchange accounts, API keys, the audit log and the multi-account
 * portfolio. Secrets only ever travel renderer → core, inside `accounts.add` and
 * `accounts.rotateKey` inputs; no output or event carries one.
 */
import { z } from 'zod';
import { confirmationCodeField } from './trust';
import { cursorSchema, pageSchema, PageLimitSchema } from './paging';

const finite = z.number().finite();
const id = z.string().min(1).max(64);

/** ccxt's `requiredCredentials` names; each exchange needs its own subset (see `exchanges.catalog`). */
export const CREDENTIAL_FIELDS = [
  'apiKey',
  'secret',
  'password',
  'uid',
  'login',
  'accountId',
  'privateKey',
  'walletAddress',
  'token',
  'twofa',
] as const;
export const CredentialFieldSchema = z.enum(CREDENTIAL_FIELDS);

const credential = z.string().max(16_384).optional();
/** Write-only: what the person typed into the add-account or rotate form. Core checks the exchange's required fields. */
export const CredentialsInputSchema = z.strictObject({
  apiKey: credential,
  secret: credential,
  password: credential,
  uid: credential,
  login: credential,
  accountId: credential,
  privateKey: credential,
  walletAddress: credential,
  token: credential,
  twofa: credential,
});

export const RightSchema = z.enum(['yes', 'no', 'unknown']);
export const KeyRightsSchema = z.object({
  read: RightSchema,
  trade: RightSchema,
  withdraw: RightSchema,
  ipRestricted: RightSchema,
  /** What to do about rights we could not read, or the risk of rights we did read. */
  advice: z.string(),
});
export type KeyRights = z.infer<typeof KeyRightsSchema>;

export const KeyStatusSchema = z.enum(['pending', 'active', 'retiring', 'retired', 'revoked']);
export const KeyVersionSchema = z.object({
  accountId: id,
  version: z.number().int().positive(),
  status: KeyStatusSchema,
  createdAt: finite,
  lastUsedAt: finite.nullable(),
  /** The last 4 characters of the API key (never of the secret). */
  last4: z.string().max(4),
  rights: KeyRightsSchema,
  /** When a retiring key is deleted from the keychain. */
  retireAt: finite.nullable(),
  retiredAt: finite.nullable(),
  withdrawOverride: z.boolean(),
});
export type KeyVersion = z.infer<typeof KeyVersionSchema>;

export const AccountStateSchema = z.object({
  status: z.enum(['ok', 'connecting', 'stale', 'auth_error', 'rate_limited', 'offline', 'exchange_down', 'keychain_error']),
  /** For stale: since when the balances are not fresh. */
  since: finite.nullable(),
  message: z.string(),
});
export type AccountState = z.infer<typeof AccountStateSchema>;

/**
 * What an account trades: spot markets, or USDT-margined linear perpetual swaps (ccxt market type
 * `swap`, linear, settled in USDT; one-way position mode, 1× leverage set before the first order).
 */
export const ACCOUNT_MARKET_TYPES = ['spot', 'swap'] as const;
export const AccountMarketTypeSchema = z.enum(ACCOUNT_MARKET_TYPES);
export type AccountMarketType = z.infer<typeof AccountMarketTypeSchema>;

export const AccountDetailSchema = z.object({
  id,
  label: z.string(),
  exchangeId: z.string(),
  exchangeName: z.string(),
  kind: z.enum(['paper', 'live']),
  sandbox: z.boolean(),
  marketType: AccountMarketTypeSchema,
  createdAt: finite,
  canTrade: z.boolean(),
  /** Why trading is refused (read-only key, revoked key...), when canTrade is false. */
  tradeBlockedReason: z.string().nullable(),
  activeKey: KeyVersionSchema.nullable(),
  /** The active key is older than the account's reminder age: rotate it. */
  rotationDue: z.boolean(),
  keyMaxAgeDays: z.number().int().positive(),
  state: AccountStateSchema,
});
export type AccountDetail = z.infer<typeof AccountDetailSchema>;

export const ExchangeCatalogEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  credentials: z.array(CredentialFieldSchema),
  capabilities: z.object({
    websocket: z.boolean(),
    oco: z.boolean(),
    stopOrders: z.boolean(),
    sandbox: z.boolean(),
    balance: z.boolean(),
    /** ccxt lists swap markets and can set their leverage: the account can be added for USDT perpetuals. */
    perpetuals: z.boolean(),
  }),
  /** Wallet-key venues: which private key the form expects (an agent / API wallet key) and where to create it. */
  keyHint: z.string().optional(),
});

export const AUDIT_KINDS = [
  'account.added',
  'account.removed',
  'key.added',
  'key.verified',
  'key.verify_failed',
  'key.rotated',
  'key.retired',
  'key.revoked',
  'key.withdraw_override',
  'order.placed',
  'order.cancelled',
  /** A live order refused by the account's limits (notional per order/day, price band). */
  'order.refused_limit',
  /** A weakening action the host confirmed (native dialog / one-time code), naming what was allowed. */
  'trust.approved',
  /** A weakening action refused, unanswered, or with a wrong code. */
  'trust.denied',
  'settings.changed',
  'limits.changed',
  'bot.started',
  'bot.stopped',
  'bots.kill_switch',
  /** An agent token was created (name, scopes, expiry, cap; never the token). */
  'agent.token_created',
  'agent.token_revoked',
  /** An MCP tool call, with the agent's name and the method. */
  'agent.call',
  /** An agent's call refused: bad/expired/revoked token, missing scope, over its cap. */
  'agent.refused',
  'proposal.created',
  'proposal.approved',
  'proposal.denied',
] as const;
export const AuditKindSchema = z.enum(AUDIT_KINDS);
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: finite,
  kind: AuditKindSchema,
  accountId: z.string().nullable(),
  keyVersion: z.number().int().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const QUOTE_CURRENCIES = ['USDT', 'USD', 'EUR', 'BTC'] as const;
export const QuoteCurrencySchema = z.enum(QUOTE_CURRENCIES);

const AddOrRotateOptions = {
  credentials: CredentialsInputSchema,
  /**
   * A REQUEST to accept a withdraw-capable or unverifiable key: the host still confirms it outside
   * the renderer (native dialog, or the code it printed, sent back as confirmationCode).
   */
  acceptWithdrawRisk: z.literal(true).optional(),
  ...confirmationCodeField,
};

export const accountMethods = {
  'exchanges.catalog': {
    input: z.strictObject({}).optional(),
    output: z.array(ExchangeCatalogEntrySchema),
  },
  'accounts.details': {
    input: z.strictObject({}).optional(),
    output: z.array(AccountDetailSchema),
  },
  'accounts.add': {
    input: z.strictObject({
      exchangeId: z.string().regex(/^[a-z0-9]{2,32}$/, 'must be a ccxt exchange id such as "binance"'),
      label: z.string().trim().min(1, 'is required').max(64),
      sandbox: z.boolean(),
      /** Absent: spot. */
      marketType: AccountMarketTypeSchema.optional(),
      ...AddOrRotateOptions,
    }),
    output: AccountDetailSchema,
  },
  'accounts.remove': {
    input: z.strictObject({ accountId: id }),
    output: z.object({ removed: z.boolean(), deletedKeys: z.number().int() }),
  },
  'accounts.update': {
    input: z.strictObject({
      accountId: id,
      label: z.string().trim().min(1).max(64).optional(),
      keyMaxAgeDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: AccountDetailSchema,
  },
  'accounts.keys': {
    input: z.strictObject({ accountId: id }),
    output: z.array(KeyVersionSchema),
  },
  'accounts.rotateKey': {
    input: z.strictObject({
      accountId: id,
      /** How long the previous key keeps working before it is retired and deleted. */
      overlapHours: z
        .number()
        .min(0)
        .max(24 * 30)
        .optional(),
      ...AddOrRotateOptions,
    }),
    output: z.array(KeyVersionSchema),
  },
  'accounts.revokeKey': {
    input: z.strictObject({ accountId: id, version: z.number().int().positive() }),
    output: z.array(KeyVersionSchema),
  },
  'audit.list': {
    input: z.strictObject({
      accountId: id.optional(),
      kinds: z.array(AuditKindSchema).max(AUDIT_KINDS.length).optional(),
      since: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.array(AuditEntrySchema),
  },
  /** Audit entries newest first, a page at a time (`audit.appended` brings new ones live). */
  'audit.page': {
    input: z.strictObject({
      accountId: id.optional(),
      kinds: z.array(AuditKindSchema).max(AUDIT_KINDS.length).optional(),
      since: z.number().int().nonnegative().optional(),
      limit: PageLimitSchema.optional(),
      cursor: cursorSchema('audit').optional(),
    }),
    output: pageSchema(AuditEntrySchema),
  },
  'portfolio.history': {
    input: z.strictObject({ quote: QuoteCurrencySchema.optional(), since: z.number().int().nonnegative().optional() }),
    output: z.array(z.object({ at: finite, value: finite })),
  },
} as const;

export const accountEvents = {
  /** Accounts, their keys or their states changed; clients re-read `accounts.details`. */
  'accounts.changed': z.object({ accountIds: z.array(z.string()) }),
  'audit.appended': AuditEntrySchema,
} as const;
