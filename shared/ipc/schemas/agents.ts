/**
 * AI agents (MCP): scoped tokens created in the app and the approval queue for their live
 * proposals. A token is shown once and stored hashed; an agent never approves anything itself —
 * `agents.proposals.approve/deny` and the token methods are refused to agents (core's agent policy).
 */
import { z } from 'zod';
import { BracketInputSchema, OrderTicketSchema } from './orders';
import { confirmationCodeField } from './trust';

const finite = z.number().finite();
const id = z.string().min(1).max(64);
const empty = z.strictObject({}).optional();

/**
 * read: look at accounts, markets, strategies, bots, orders; run backtests.
 * paper: also create and start paper bots. propose-live: also propose live actions for a person to approve.
 */
export const AGENT_SCOPES = ['read', 'paper', 'propose-live'] as const;
export const AgentScopeSchema = z.enum(AGENT_SCOPES);
export type AgentScope = z.infer<typeof AgentScopeSchema>;

export const AgentNameSchema = z
  .string()
  .trim()
  .min(1, 'give the agent a name, e.g. "Claude desktop"')
  .max(64)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const AgentTokenViewSchema = z.object({
  id,
  name: z.string(),
  scopes: z.array(AgentScopeSchema),
  createdAt: finite,
  expiresAt: finite,
  /** Most the agent's proposals may add up to per UTC day, in USD. */
  dailyNotionalCap: finite,
  /** USD proposed today (pending and approved proposals). */
  usedToday: finite,
  lastUsedAt: finite.nullable(),
  revokedAt: finite.nullable(),
});
export type AgentTokenView = z.infer<typeof AgentTokenViewSchema>;

/** What a proposal would do once approved: exactly the input of the normal RPC method. */
export const ProposalActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('order'), order: OrderTicketSchema }),
  z.strictObject({ kind: z.literal('bracket'), bracket: BracketInputSchema.omit({ confirmed: true }) }),
  z.strictObject({ kind: z.literal('bot.start'), botId: id }),
  z.strictObject({ kind: z.literal('bot.stop'), botId: id }),
]);
export type ProposalAction = z.infer<typeof ProposalActionSchema>;
export type ProposalActionRequest = z.input<typeof ProposalActionSchema>;

export const PROPOSAL_STATUSES = ['pending', 'approved', 'denied', 'expired', 'failed'] as const;
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

export const ProposalReasonSchema = z.string().trim().min(1, 'say why, in a sentence the person approving will read').max(500);

export const ProposalViewSchema = z.object({
  id,
  agentId: id,
  agentName: z.string(),
  accountId: id.nullable(),
  action: ProposalActionSchema,
  /** One line saying exactly what will be sent ("Buy 0.01 BTC/USDT limit 30,000 on Live"). */
  summary: z.string(),
  /** The agent's stated reason: data to read, never an instruction. */
  reason: z.string(),
  status: ProposalStatusSchema,
  /** USD value at proposal time (orders and brackets); null for bot starts/stops. */
  notionalUsd: finite.nullable(),
  /** The market price core saw when the proposal was made. */
  referencePrice: finite.nullable(),
  createdAt: finite,
  expiresAt: finite,
  decidedAt: finite.nullable(),
  /** What approving produced (a client order id, a bracket id, the bot's state) or why it failed. */
  result: z.string().nullable(),
});
export type ProposalView = z.infer<typeof ProposalViewSchema>;

export const PROPOSAL_EDIT = z.strictObject({
  /** New limit price of an order or a bracket's limit entry. */
  price: finite.positive().optional(),
  /** New base amount of an order or a bracket. */
  amount: finite.positive().optional(),
});

/** The MCP endpoint's port rule, with the words a person needs when a port is refused. */
export const McpPortSchema = z
  .number({ error: 'The MCP port must be a whole number from 1024 to 65535.' })
  .int('The MCP port must be a whole number from 1024 to 65535.')
  .min(1024, 'The MCP port must be 1024 or higher (lower ports need administrator rights); 8765 is a common choice.')
  .max(65535, 'The MCP port must be 65535 or lower (that is the highest TCP port).');

/**
 * The desktop app's loopback MCP endpoint (http://127.0.0.1:<port>/mcp): off by default. The
 * headless host ignores it (it serves `/mcp` on its own address).
 */
export const McpEndpointSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Null until a port is chosen; kept while off so switching on again reuses it. */
  port: McpPortSchema.nullable(),
});
export type McpEndpointSettings = z.infer<typeof McpEndpointSettingsSchema>;

export const agentMethods = {
  /** The desktop app's MCP endpoint switch (the person's: the agent policy refuses both to agents). */
  'agents.mcpEndpoint': { input: empty, output: McpEndpointSettingsSchema },
  /** Switching on needs a port (given here or saved before); the desktop opens or closes the endpoint at once. */
  'agents.setMcpEndpoint': {
    input: z.strictObject({ enabled: z.boolean().optional(), port: McpPortSchema.optional() }),
    output: McpEndpointSettingsSchema,
  },
  'agents.tokens.list': { input: empty, output: z.array(AgentTokenViewSchema) },
  /**
   * Creates a token and returns it ONCE (only its SHA-256 is stored). A token with the
   * `propose-live` scope needs the host's trusted confirmation (native dialog / printed code).
   */
  'agents.tokens.create': {
    input: z.strictObject({
      name: AgentNameSchema,
      scopes: z.array(AgentScopeSchema).min(1, 'pick at least one scope').max(AGENT_SCOPES.length),
      expiresInDays: z.number().int().min(1).max(365),
      dailyNotionalCap: finite.positive().max(1_000_000),
      ...confirmationCodeField,
    }),
    output: z.object({ token: z.string(), agent: AgentTokenViewSchema }),
  },
  'agents.tokens.revoke': { input: z.strictObject({ id }), output: AgentTokenViewSchema },
  'agents.proposals.list': {
    input: z.strictObject({ status: ProposalStatusSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).optional(),
    output: z.array(ProposalViewSchema),
  },
  /**
   * A person approves: the action runs through the normal path (limits, guards, kill switch, the
   * host's confirmation where a live bot start needs it). `edit` changes price/amount first.
   */
  'agents.proposals.approve': {
    input: z.strictObject({ id, edit: PROPOSAL_EDIT.optional(), ...confirmationCodeField }),
    output: ProposalViewSchema,
  },
  'agents.proposals.deny': { input: z.strictObject({ id }), output: ProposalViewSchema },
  /** Agents only: store a live action for a person to approve; nothing is sent. */
  'agents.proposals.create': {
    input: z.strictObject({ action: ProposalActionSchema, reason: ProposalReasonSchema }),
    output: ProposalViewSchema,
  },
  /** Agents only: one of the calling agent's own proposals. */
  'agents.proposals.get': { input: z.strictObject({ id }), output: ProposalViewSchema },
} as const;

export const agentEvents = {
  /** The MCP endpoint was switched or its port changed (the desktop app opens or closes it). */
  'agents.mcpEndpoint': McpEndpointSettingsSchema,
  /** Proposals were created or decided; the Approvals panel re-reads and the badge shows `pending`. */
  'agents.proposals.changed': z.object({ pending: z.number().int().nonnegative(), ids: z.array(id) }),
} as const;
