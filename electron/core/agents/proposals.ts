import { randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import type { ProposalAction, ProposalStatus, ProposalView } from '../../../shared/ipc/schemas/agents';
import type { BotDetail } from '../../../shared/ipc/schemas/bots';
import type { BracketView, OrderPreview, OrderTicket, OrderView } from '../../../shared/ipc/schemas/orders';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import type { AgentPrincipal, AgentTokens } from './agent-tokens';

/** A proposal nobody decided on within this time expires: nothing is sent. */
export const DEFAULT_PROPOSAL_TTL_MS = 30 * 60_000;
/** A person decides each proposal; more than this many waiting from one agent is a flood, not research. */
export const MAX_PENDING_PER_AGENT = 20;
const USD_QUOTES = new Set(['USD', 'USDT', 'USDC', 'FDUSD', 'TUSD', 'DAI']);
/** Host confirmation answers that leave a proposal pending: the person types the printed code and approves again. */
const CONFIRMATION_PENDING = new Set(['confirmation_code_required', 'confirmation_code_invalid']);

/** Runs a contract method as core's own caller (no agent check) and returns its value or throws its error. */
export type RunMethod = <T>(method: string, input: unknown) => Promise<T>;

interface ProposalRow {
  id: string;
  agent_id: string;
  agent_name: string;
  account_id: string | null;
  action_json: string;
  summary: string;
  reason: string;
  status: ProposalStatus;
  notional_usd: number | null;
  reference_price: number | null;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  result: string | null;
}

export interface ProposalDeps {
  db: Db;
  tokens: AgentTokens;
  audit: AuditLog;
  run: RunMethod;
  /** Proposals created or decided (the Approvals badge and panel). */
  onChanged: (pending: number, ids: string[]) => void;
  /** The notification centre (and so the desktop notification and the person's channels): a proposal is waiting. */
  notify?: (title: string, body: string) => void;
  now?: () => number;
  ttlMs?: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 8 });
const usd = (n: number): string => `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`;

function describeOrder(o: Pick<OrderTicket, 'side' | 'type' | 'symbol' | 'price' | 'stopPrice'>, amount: string): string {
  const price = o.price !== undefined ? ` at ${fmt(o.price)}` : '';
  const stop = o.stopPrice !== undefined ? ` (trigger ${fmt(o.stopPrice)})` : '';
  return `${o.side === 'buy' ? 'Buy' : 'Sell'} ${amount} ${o.symbol} ${o.type.replace('_', '-')}${price}${stop}`;
}

function sizeText(size: OrderTicket['size'], base: string): string {
  if (size.unit === 'base') return `${fmt(size.amount)} ${base}`;
  if (size.unit === 'quote') return `${fmt(size.amount)} quote worth of`;
  return `${fmt(size.percent)} % of the free balance in`;
}

/**
 * The approval queue: an agent's live action is stored with its stated reason and does nothing
 * until a person approves it in the app. Approving runs the same contract method a person's click
 * would (orders.place / brackets.place / bots.start / bots.stop), so limits, risk guards, the kill
 * switch and the host's confirmation for a live bot start all apply; deny or expiry sends nothing.
 */
export class Proposals {
  private readonly now: () => number;
  private readonly ttlMs: number;
  /** Approvals in flight: a double click must not send twice. */
  private readonly approving = new Set<string>();

  constructor(private readonly deps: ProposalDeps) {
    this.now = deps.now ?? Date.now;
    this.ttlMs = deps.ttlMs ?? DEFAULT_PROPOSAL_TTL_MS;
  }

  async create(agent: AgentPrincipal, action: ProposalAction, reason: string): Promise<ProposalView> {
    this.expireDue();
    const waiting = this.pendingOf(agent.id);
    if (waiting >= MAX_PENDING_PER_AGENT) {
      throw new TradewindError(
        'rate_limited',
        `Agent "${agent.name}" already has ${waiting} proposals waiting for a person (the most one agent may have). Nothing was stored. Wait until the person approves or denies some in Tradewind → Agents → Approvals.`,
      );
    }
    const planned = await this.plan(action);
    if (planned.notionalUsd !== null) {
      const used = this.deps.tokens.usedToday(agent.id);
      if (used + planned.notionalUsd > agent.dailyNotionalCap) {
        this.deps.audit.append('agent.refused', `Agent "${agent.name}": proposal over its daily cap refused (${planned.summary})`);
        throw new TradewindError(
          'limit_daily_notional',
          `This proposal is worth ${usd(planned.notionalUsd)}; agent "${agent.name}" has proposed ${usd(used)} today (UTC) of its ${usd(agent.dailyNotionalCap)} daily cap. Nothing was stored. Propose less, or ask the person to raise the agent's cap.`,
        );
      }
    }
    const id = `prop_${randomUUID()}`;
    const at = this.now();
    this.deps.db
      .prepare(
        `INSERT INTO agent_proposals (id, agent_id, agent_name, account_id, action_json, summary, reason, status, notional_usd, reference_price, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      )
      .run(
        id,
        agent.id,
        agent.name,
        planned.accountId,
        JSON.stringify(action),
        planned.summary,
        reason,
        planned.notionalUsd,
        planned.referencePrice,
        at,
        at + this.ttlMs,
      );
    this.deps.audit.append('proposal.created', `Agent "${agent.name}" proposed: ${planned.summary}`, planned.accountId);
    this.deps.notify?.(`Agent "${agent.name}" proposes a live action`, `${planned.summary}. Approve or deny it in Agents → Approvals.`);
    this.changed([id]);
    return this.get(id);
  }

  list(filter: { status?: ProposalStatus; limit?: number } = {}): ProposalView[] {
    this.expireDue();
    const rows = (
      filter.status
        ? this.deps.db
            .prepare('SELECT * FROM agent_proposals WHERE status = ? ORDER BY created_at DESC, id LIMIT ?')
            .all(filter.status, filter.limit ?? 200)
        : this.deps.db.prepare('SELECT * FROM agent_proposals ORDER BY created_at DESC, id LIMIT ?').all(filter.limit ?? 200)
    ) as ProposalRow[];
    return rows.map(view);
  }

  get(id: string): ProposalView {
    this.expireDue();
    return view(this.row(id));
  }

  /** An agent polls only its own proposals. */
  getForAgent(agent: AgentPrincipal, id: string): ProposalView {
    const proposal = this.get(id);
    if (proposal.agentId !== agent.id) throw new TradewindError('not_found', `Agent "${agent.name}" has no proposal ${id}.`);
    return proposal;
  }

  private pendingOf(agentId: string): number {
    return (
      this.deps.db.prepare("SELECT COUNT(*) AS n FROM agent_proposals WHERE status = 'pending' AND agent_id = ?").get(agentId) as {
        n: number;
      }
    ).n;
  }

  pendingCount(): number {
    return (this.deps.db.prepare("SELECT COUNT(*) AS n FROM agent_proposals WHERE status = 'pending'").get() as { n: number }).n;
  }

  deny(id: string): ProposalView {
    const row = this.pending(id);
    this.decide(row.id, 'denied', 'Denied by the person; nothing was sent.');
    this.deps.audit.append('proposal.denied', `Denied agent "${row.agent_name}"'s proposal: ${row.summary}`, row.account_id);
    return this.get(id);
  }

  /**
   * Denies every pending proposal (of one agent, or all): a revoked agent's or a kill-switched
   * terminal's queue must not stay one click from sending. Returns how many were denied.
   */
  denyPending(why: string, agentId?: string): number {
    const rows = (
      agentId === undefined
        ? this.deps.db.prepare("SELECT id FROM agent_proposals WHERE status = 'pending'").all()
        : this.deps.db.prepare("SELECT id FROM agent_proposals WHERE status = 'pending' AND agent_id = ?").all(agentId)
    ) as { id: string }[];
    const ids = rows.map((r) => r.id).filter((proposalId) => !this.approving.has(proposalId));
    if (ids.length === 0) return 0;
    const update = this.deps.db.prepare(
      "UPDATE agent_proposals SET status = 'denied', decided_at = ?, result = ? WHERE id = ? AND status = 'pending'",
    );
    const at = this.now();
    for (const proposalId of ids) update.run(at, `${why}; nothing was sent.`, proposalId);
    this.deps.audit.append('proposal.denied', `${ids.length} pending agent proposal(s) denied: ${why}`);
    this.changed(ids);
    return ids.length;
  }

  async approve(
    id: string,
    edit: { price?: number; amount?: number } | undefined,
    confirmationCode: string | undefined,
  ): Promise<ProposalView> {
    const row = this.pending(id);
    if (this.approving.has(id)) throw new TradewindError('invalid_input', `Proposal ${id} is being approved already.`);
    this.approving.add(id);
    try {
      const action = applyEdit(JSON.parse(row.action_json) as ProposalAction, edit);
      const edited = edit !== undefined && (edit.price !== undefined || edit.amount !== undefined);
      // An edited action is checked and valued again: what is stored, audited and counted against the
      // agent's day is what was sent, not what the agent first asked for.
      const replanned = edited ? await this.plan(action) : null;
      let result: string;
      try {
        result = await this.execute(action, confirmationCode);
      } catch (error) {
        if (error instanceof TradewindError && CONFIRMATION_PENDING.has(error.code)) throw error; // still pending
        const message = error instanceof Error ? error.message : String(error);
        this.decide(id, 'failed', message.slice(0, 500));
        throw error;
      }
      if (replanned) {
        this.deps.db
          .prepare('UPDATE agent_proposals SET action_json = ?, summary = ?, notional_usd = ?, reference_price = ? WHERE id = ?')
          .run(JSON.stringify(action), replanned.summary, replanned.notionalUsd, replanned.referencePrice, id);
      }
      this.decide(id, 'approved', result);
      const what = replanned ? ` (edited before approval): ${row.summary}, sent as ${replanned.summary}` : `: ${row.summary}`;
      this.deps.audit.append('proposal.approved', `Approved agent "${row.agent_name}"'s proposal${what} → ${result}`, row.account_id);
      return this.get(id);
    } finally {
      this.approving.delete(id);
    }
  }

  /** Pending proposals past their time become expired (nothing is sent); called on every read and by a timer. */
  expireDue(): void {
    const at = this.now();
    const due = this.deps.db.prepare("SELECT id FROM agent_proposals WHERE status = 'pending' AND expires_at <= ?").all(at) as {
      id: string;
    }[];
    const ids = due.map((d) => d.id).filter((proposalId) => !this.approving.has(proposalId));
    if (ids.length === 0) return;
    const update = this.deps.db.prepare(
      "UPDATE agent_proposals SET status = 'expired', decided_at = ?, result = 'Expired before a person decided; nothing was sent.' WHERE id = ? AND status = 'pending'",
    );
    for (const proposalId of ids) update.run(at, proposalId);
    this.changed(ids);
  }

  private async execute(action: ProposalAction, confirmationCode: string | undefined): Promise<string> {
    switch (action.kind) {
      case 'order': {
        const order = await this.deps.run<OrderView>('orders.place', { ...action.order, confirmed: true });
        return `Order ${order.clientOrderId} ${order.status}`;
      }
      case 'bracket': {
        const bracket = await this.deps.run<BracketView>('brackets.place', { ...action.bracket, confirmed: true });
        return `Smart trade ${bracket.id} ${bracket.status.replace('_', ' ')}`;
      }
      case 'bot.start': {
        const bot = await this.deps.run<{ name: string; state: string }>('bots.start', {
          id: action.botId,
          confirmed: true,
          confirmationCode,
        });
        return `Bot "${bot.name}" ${bot.state}`;
      }
      case 'bot.stop': {
        const bot = await this.deps.run<{ name: string; state: string }>('bots.stop', { id: action.botId });
        return `Bot "${bot.name}" ${bot.state}`;
      }
    }
  }

  /** What the action would do, checked now: a live account, a valid ticket, its USD value. */
  private async plan(
    action: ProposalAction,
  ): Promise<{ accountId: string | null; summary: string; notionalUsd: number | null; referencePrice: number | null }> {
    if (action.kind === 'bot.start' || action.kind === 'bot.stop') {
      const { bot } = await this.deps.run<BotDetail>('bots.get', { id: action.botId });
      if (bot.mode !== 'live') {
        throw new TradewindError(
          'invalid_input',
          `Bot "${bot.name}" is a paper bot: start or stop it directly with the paper scope, no proposal needed.`,
        );
      }
      const verb = action.kind === 'bot.start' ? 'Start' : 'Stop';
      return {
        accountId: bot.accountId,
        summary: `${verb} live ${bot.kind} bot "${bot.name}" on ${bot.symbol} (${bot.accountLabel})`,
        notionalUsd: null,
        referencePrice: null,
      };
    }
    const ticket: OrderTicket =
      action.kind === 'order'
        ? action.order
        : {
            accountId: action.bracket.accountId,
            symbol: action.bracket.symbol,
            side: action.bracket.side,
            type: action.bracket.entry.type,
            size: action.bracket.size,
            ...(action.bracket.entry.price !== undefined ? { price: action.bracket.entry.price } : {}),
          };
    const preview = await this.deps.run<OrderPreview>('orders.preview', ticket);
    if (preview.accountKind !== 'live') {
      throw new TradewindError(
        'invalid_input',
        'Proposals are for live accounts; on the paper account, create and start a paper bot instead.',
      );
    }
    if (!preview.valid) {
      const issues = preview.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      throw new TradewindError('invalid_order', `The order would be refused, so nothing was proposed: ${issues}`);
    }
    const base = preview.market?.base ?? ticket.symbol.split('/')[0] ?? '';
    const amount = preview.amount !== null ? `${fmt(preview.amount)} ${base}` : sizeText(ticket.size, base);
    const label = await this.accountLabel(ticket.accountId);
    const what =
      action.kind === 'order' ? describeOrder(ticket, amount) : `Smart trade: ${describeOrder(ticket, amount)}${bracketExits(action)}`;
    const quote = preview.market?.quote ?? ticket.symbol.split('/')[1] ?? '';
    const notionalUsd = preview.cost === null ? null : preview.cost * (await this.usdPer(ticket.accountId, quote));
    if (notionalUsd === null)
      throw new TradewindError(
        'limit_unpriced',
        `The value of ${ticket.symbol} cannot be priced now, so the agent's cap cannot be checked: nothing was proposed.`,
      );
    return { accountId: ticket.accountId, summary: `${what} on ${label}`, notionalUsd, referencePrice: preview.referencePrice };
  }

  private async usdPer(accountId: string, quote: string): Promise<number> {
    if (USD_QUOTES.has(quote.toUpperCase())) return 1;
    const preview = await this.deps.run<OrderPreview>('orders.preview', {
      accountId,
      symbol: `${quote}/USDT`,
      side: 'sell',
      type: 'market',
      size: { unit: 'base', amount: 1 },
    });
    if (preview.referencePrice === null)
      throw new TradewindError(
        'limit_unpriced',
        `${quote} has no USDT price now, so the agent's cap cannot be checked: nothing was proposed.`,
      );
    return preview.referencePrice;
  }

  private async accountLabel(accountId: string): Promise<string> {
    const accounts = await this.deps.run<{ id: string; label: string }[]>('accounts.list', undefined);
    return `"${accounts.find((a) => a.id === accountId)?.label ?? accountId}"`;
  }

  private pending(id: string): ProposalRow {
    this.expireDue();
    const row = this.row(id);
    if (row.status !== 'pending') {
      throw new TradewindError(
        'invalid_input',
        `Proposal ${id} is ${row.status}${row.result ? ` (${row.result})` : ''}: only a pending proposal can be approved or denied.`,
      );
    }
    return row;
  }

  private decide(id: string, status: ProposalStatus, result: string): void {
    this.deps.db
      .prepare('UPDATE agent_proposals SET status = ?, decided_at = ?, result = ? WHERE id = ?')
      .run(status, this.now(), result, id);
    this.changed([id]);
  }

  private changed(ids: string[]): void {
    this.deps.onChanged(this.pendingCount(), ids);
  }

  private row(id: string): ProposalRow {
    const row = this.deps.db.prepare('SELECT * FROM agent_proposals WHERE id = ?').get(id) as ProposalRow | undefined;
    if (!row) throw new TradewindError('not_found', `No proposal ${id}.`);
    return row;
  }
}

function bracketExits(action: Extract<ProposalAction, { kind: 'bracket' }>): string {
  const b = action.bracket;
  const targets = b.targets.map((t) => (t.price !== undefined ? fmt(t.price) : `+${fmt(t.percent ?? 0)} %`) + ` (${fmt(t.share)} %)`);
  const stop = b.stopLoss ? `, stop ${b.stopLoss.price !== undefined ? fmt(b.stopLoss.price) : `-${fmt(b.stopLoss.percent ?? 0)} %`}` : '';
  const trailing = b.trailing ? `, trailing ${fmt(b.trailing.callbackPct)} %` : '';
  return `${targets.length ? `, targets ${targets.join(', ')}` : ''}${stop}${trailing}`;
}

/** The person's edit before approving: a new limit price and/or base amount. */
function applyEdit(action: ProposalAction, edit: { price?: number; amount?: number } | undefined): ProposalAction {
  if (!edit || (edit.price === undefined && edit.amount === undefined)) return action;
  if (action.kind === 'order') {
    const order = { ...action.order };
    if (edit.price !== undefined) {
      if (order.price === undefined) throw new TradewindError('invalid_input', 'edit.price: this order has no limit price to change.');
      order.price = edit.price as typeof order.price;
    }
    if (edit.amount !== undefined) order.size = { unit: 'base', amount: edit.amount as never };
    return { kind: 'order', order };
  }
  if (action.kind === 'bracket') {
    const bracket = { ...action.bracket, entry: { ...action.bracket.entry } };
    if (edit.price !== undefined) {
      if (bracket.entry.type !== 'limit')
        throw new TradewindError('invalid_input', 'edit.price: this smart trade enters at market; there is no price to change.');
      bracket.entry.price = edit.price as typeof bracket.entry.price;
    }
    if (edit.amount !== undefined) bracket.size = { unit: 'base', amount: edit.amount as never };
    return { kind: 'bracket', bracket };
  }
  throw new TradewindError('invalid_input', 'edit: a bot start or stop has no price or amount to change; approve or deny it as it is.');
}

function view(row: ProposalRow): ProposalView {
  return {
    id: row.id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    accountId: row.account_id,
    action: JSON.parse(row.action_json) as ProposalAction,
    summary: row.summary,
    reason: row.reason,
    status: row.status,
    notionalUsd: row.notional_usd,
    referencePrice: row.reference_price,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    result: row.result,
  };
}
