import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import { AGENT_SCOPES, type AgentScope, type AgentTokenView } from '../../../shared/ipc/schemas/agents';
import { AuditCoalescer } from '../audit/audit-coalescer';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { utcDayStart } from '../limits/limits-repo';

const DAY_MS = 86_400_000;
/** Tokens are recognisable in a leaked config file (and by secret scanners): `twa_` + 32 random bytes. */
export const AGENT_TOKEN_PREFIX = 'twa_';

/** Who an MCP call comes from, after its token was checked on this very call. */
export interface AgentPrincipal {
  id: string;
  name: string;
  scopes: ReadonlySet<AgentScope>;
  dailyNotionalCap: number;
}

interface TokenRow {
  id: string;
  name: string;
  token_hash: string;
  scopes_json: string;
  daily_cap_usd: number;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const hashAgentToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

function parseScopes(json: string): AgentScope[] {
  const raw: unknown = JSON.parse(json);
  return Array.isArray(raw) ? AGENT_SCOPES.filter((scope) => raw.includes(scope)) : [];
}

/**
 * Agent tokens: created in the app (shown once), stored as SHA-256 only, checked on every call
 * (so a revoke or an expiry takes effect mid-session), listed with their last use.
 */
export class AgentTokens {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    /** Refusals of a dead token repeat as fast as a client retries: one line per minute, counted. */
    private readonly repeats: AuditCoalescer = new AuditCoalescer(audit),
    private readonly now: () => number = Date.now,
  ) {}

  create(input: { name: string; scopes: AgentScope[]; expiresInDays: number; dailyNotionalCap: number }): {
    token: string;
    agent: AgentTokenView;
  } {
    const token = `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = `agent_${randomUUID()}`;
    const at = this.now();
    const scopes = AGENT_SCOPES.filter((scope) => input.scopes.includes(scope));
    this.db
      .prepare(
        `INSERT INTO agent_tokens (id, name, token_hash, scopes_json, daily_cap_usd, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.name, hashAgentToken(token), JSON.stringify(scopes), input.dailyNotionalCap, at, at + input.expiresInDays * DAY_MS);
    this.audit.append(
      'agent.token_created',
      `Agent "${input.name}": scopes ${scopes.join(', ')}, expires in ${input.expiresInDays} d, cap ${input.dailyNotionalCap} USD/day`,
    );
    return { token, agent: this.view(this.row(id)) };
  }

  list(): AgentTokenView[] {
    const rows = this.db.prepare('SELECT * FROM agent_tokens ORDER BY created_at DESC, id').all() as TokenRow[];
    return rows.map((row) => this.view(row));
  }

  get(id: string): AgentTokenView {
    return this.view(this.row(id));
  }

  revoke(id: string): AgentTokenView {
    const row = this.row(id);
    if (row.revoked_at === null) {
      this.db.prepare('UPDATE agent_tokens SET revoked_at = ? WHERE id = ?').run(this.now(), id);
      this.audit.append('agent.token_revoked', `Agent "${row.name}" revoked: its token no longer works`);
    }
    return this.get(id);
  }

  /**
   * The agent a token belongs to, or a refusal saying why (unknown, revoked, expired). Runs on
   * every call and records the use.
   */
  authenticate(token: string): AgentPrincipal {
    const row = this.db.prepare('SELECT * FROM agent_tokens WHERE token_hash = ?').get(hashAgentToken(token)) as TokenRow | undefined;
    if (!row) {
      throw new TradewindError(
        'auth',
        'This agent token is not known to Tradewind. Create one in Tradewind → Agents and give it to the MCP client.',
      );
    }
    if (row.revoked_at !== null) {
      this.refusedToken(row, 'revoked');
      throw new TradewindError('auth', `The token of agent "${row.name}" was revoked. Create a new one in Tradewind → Agents.`);
    }
    const at = this.now();
    if (at >= row.expires_at) {
      this.refusedToken(row, 'expired');
      throw new TradewindError(
        'auth',
        `The token of agent "${row.name}" expired on ${new Date(row.expires_at).toISOString()}. Create a new one in Tradewind → Agents.`,
      );
    }
    this.db.prepare('UPDATE agent_tokens SET last_used_at = ? WHERE id = ?').run(at, row.id);
    return { id: row.id, name: row.name, scopes: new Set(parseScopes(row.scopes_json)), dailyNotionalCap: row.daily_cap_usd };
  }

  /** USD of the agent's pending and approved proposals this UTC day (what its cap is measured against). */
  usedToday(agentId: string): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(notional_usd), 0) AS used FROM agent_proposals
         WHERE agent_id = ? AND created_at >= ? AND status IN ('pending', 'approved')`,
      )
      .get(agentId, utcDayStart(this.now())) as { used: number };
    return row.used;
  }

  private refusedToken(row: TokenRow, why: 'revoked' | 'expired'): void {
    this.repeats.append({
      key: `token-refused:${row.id}`,
      kind: 'agent.refused',
      subject: `Agent "${row.name}"`,
      summary: `Agent "${row.name}": call with its ${why} token refused`,
      label: `call with its ${why} token refused`,
    });
  }

  private row(id: string): TokenRow {
    const row = this.db.prepare('SELECT * FROM agent_tokens WHERE id = ?').get(id) as TokenRow | undefined;
    if (!row) throw new TradewindError('not_found', `No agent token ${id}. Pick one from the Agents list.`);
    return row;
  }

  private view(row: TokenRow): AgentTokenView {
    return {
      id: row.id,
      name: row.name,
      scopes: parseScopes(row.scopes_json),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      dailyNotionalCap: row.daily_cap_usd,
      usedToday: this.usedToday(row.id),
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    };
  }
}
