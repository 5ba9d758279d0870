import { isMethodName, methods } from '../../../shared/ipc/contract';
import { TradewindError, type Envelope } from '../../../shared/ipc/errors';
import type { AuditCoalescer } from '../audit/audit-coalescer';
import type { AuditLog } from '../audit/audit-log';
import type { CallContext } from '../types';
import { agentRule } from './agent-policy';
import type { AgentTokens } from './agent-tokens';

type Invoke = (method: string, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

const refusal = (error: TradewindError): Envelope<never> => ({ ok: false, error: { code: error.code, message: error.message } });

/**
 * The door every agent (MCP) call goes through before the normal dispatch: the token is checked
 * on this call (revoked / expired mid-session → refused), the method must be in the agent policy
 * and granted by the token's scopes, and the call is written to the audit log with the agent's name.
 */
export function agentInvoke(tokens: AgentTokens, audit: AuditLog, repeats: AuditCoalescer, invoke: Invoke): Invoke {
  return async (method, input, ctx) => {
    const token = ctx.agentToken ?? '';
    let agent;
    try {
      agent = tokens.authenticate(token);
    } catch (error) {
      if (error instanceof TradewindError) return refusal(error);
      throw error;
    }
    const shown = typeof method === 'string' ? method.slice(0, 64) : typeof method;
    const refuse = (text: string): Envelope<never> => {
      repeats.append({
        key: `refused:${agent.id}`,
        kind: 'agent.refused',
        subject: `Agent "${agent.name}" refused`,
        summary: `Agent "${agent.name}": ${shown} refused: ${text}`,
        label: shown,
      });
      return refusal(new TradewindError('permission', text));
    };
    if (!isMethodName(method)) return invoke(method, input, ctx); // unknown_method, with the list
    const rule = agentRule(method);
    if (!rule) return refuse(`Agents may not call ${method}: it is for the person using Tradewind.`);
    if (!agent.scopes.has(rule.scope)) {
      return refuse(
        `${method} needs the "${rule.scope}" scope; agent "${agent.name}" has ${[...agent.scopes].join(', ') || 'none'}. A person can create a token with that scope in Tradewind → Agents.`,
      );
    }
    if (rule.check) {
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) return invoke(method, input, ctx); // the normal invalid_input, naming the field
      try {
        await rule.check(parsed.data, async (botId) => {
          const bot = await invoke('bots.get', { id: botId }, { sessionId: ctx.sessionId });
          if (!bot.ok) throw new TradewindError(bot.error.code, bot.error.message);
          return (bot.value as { bot: { mode: 'paper' | 'live' } }).bot.mode;
        });
      } catch (error) {
        if (error instanceof TradewindError && error.code === 'permission') return refuse(error.message);
        if (error instanceof TradewindError) return refusal(error);
        throw error;
      }
    }
    // Reads are folded per agent per minute (an agent polling a ticker would otherwise write a line
    // a second); anything that can change state keeps its own line.
    if (rule.scope === 'read')
      repeats.append({
        key: `read:${agent.id}`,
        kind: 'agent.call',
        subject: `Agent "${agent.name}"`,
        summary: `Agent "${agent.name}": ${method}`,
        label: method,
      });
    else audit.append('agent.call', `Agent "${agent.name}": ${method}`);
    return invoke(method, input, ctx);
  };
}
