import type { Envelope } from '../../shared/ipc/errors';

/**
 * How the MCP server reaches core: one contract call made with the agent's token. In process
 * that is `core.invoke(method, input, { sessionId, agentToken })`; core checks the token, the
 * scope and the input on every call, so the MCP layer holds no authority of its own.
 */
export type AgentCall = (method: string, input: unknown) => Promise<Envelope<unknown>>;
