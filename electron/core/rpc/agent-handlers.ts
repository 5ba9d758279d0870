import { TradewindError } from '../../../shared/ipc/errors';
import type { agentMethods } from '../../../shared/ipc/schemas/agents';
import type { AgentTokens } from '../agents/agent-tokens';
import type { McpEndpointSettingsStore } from '../agents/mcp-endpoint-settings';
import type { Proposals } from '../agents/proposals';
import type { TrustedGate } from '../trust/trusted-gate';
import type { CallContext } from '../types';
import type { Handlers } from './dispatch';

type AgentHandlers = Pick<Handlers, keyof typeof agentMethods>;

/**
 * Agent tokens and the approval queue. The token and approve/deny methods are the person's (the
 * agent policy refuses them to agents); create/get of proposals are the agent's own (they need
 * the token core checked for this call).
 */
export function createAgentHandlers(deps: {
  tokens: AgentTokens;
  proposals: Proposals;
  mcpEndpoint: McpEndpointSettingsStore;
  trust: TrustedGate;
}): AgentHandlers {
  const { tokens, proposals } = deps;
  const callingAgent = (ctx: CallContext) => {
    if (ctx.agentToken === undefined) {
      throw new TradewindError(
        'permission',
        'Only an AI agent connected over MCP makes proposals; approve or deny them in the Approvals panel.',
      );
    }
    return tokens.authenticate(ctx.agentToken);
  };

  return {
    'agents.mcpEndpoint': () => deps.mcpEndpoint.get(),

    'agents.setMcpEndpoint': (patch) => deps.mcpEndpoint.set(patch),

    'agents.tokens.list': () => tokens.list(),

    'agents.tokens.create': async ({ name, scopes, expiresInDays, dailyNotionalCap, confirmationCode }) => {
      // Letting an agent propose live trades weakens safety: the host confirms it outside the renderer.
      if (scopes.includes('propose-live')) {
        await deps.trust.require(
          {
            action: 'agent.live_scope',
            accountId: null,
            title: 'Let an AI agent propose live trades',
            detail: `Agent "${name}" may propose live orders and bot starts/stops (each still waits for your approval), up to ${dailyNotionalCap} USD a day, for ${expiresInDays} days.`,
          },
          confirmationCode,
        );
      }
      return tokens.create({ name, scopes, expiresInDays, dailyNotionalCap });
    },

    'agents.tokens.revoke': ({ id }) => {
      const view = tokens.revoke(id);
      proposals.denyPending(`Agent "${view.name}" was revoked`, id);
      return view;
    },

    'agents.proposals.list': (input) => proposals.list(input ?? {}),

    'agents.proposals.approve': ({ id, edit, confirmationCode }) => proposals.approve(id, edit, confirmationCode),

    'agents.proposals.deny': ({ id }) => proposals.deny(id),

    'agents.proposals.create': ({ action, reason }, ctx) => proposals.create(callingAgent(ctx), action, reason),

    'agents.proposals.get': ({ id }, ctx) => proposals.getForAgent(callingAgent(ctx), id),
  };
}
