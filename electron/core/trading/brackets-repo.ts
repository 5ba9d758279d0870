import { z } from 'zod';
import type { BracketStatus, OrderSide } from '../../../shared/ipc/schemas/orders';
import type { Db } from '../db/connection';

const num = z.number().finite();
const level = z.object({ price: num.nullable(), percent: num.nullable() });

/** What the person asked for (editable: stop, trailing). */
const PlanSchema = z.object({
  amount: num,
  entry: z.object({ type: z.enum(['market', 'limit']), price: num.nullable() }),
  stopLoss: level.nullable(),
  trailing: z.object({ callbackPct: num }).nullable(),
});
export type BracketPlan = z.infer<typeof PlanSchema>;

/** What core has done about it: targets and their orders, the resolved stop, the trailing extreme. */
const StateSchema = z.object({
  base: z.string(),
  quote: z.string(),
  targets: z.array(
    z.object({
      /** Stable id of the target: its orders carry the role `target:<key>`, whatever edits do to the list. */
      key: z.number().int(),
      price: num.nullable(),
      percent: num.nullable(),
      share: num,
      status: z.enum(['waiting', 'open', 'filled', 'cancelled', 'failed']),
      clientOrderId: z.string().nullable(),
      amount: num.nullable(),
    }),
  ),
  /** The last target key handed out. */
  targetKeys: z.number().int(),
  stopPrice: num.nullable(),
  extreme: num.nullable(),
  closeReason: z.enum(['targets', 'stop_loss', 'trailing_stop', 'manual', 'cancelled', 'failed']).nullable(),
  closeAttempts: z.number().int(),
  message: z.string().nullable(),
});
export type BracketState = z.infer<typeof StateSchema>;
export type StoredTarget = BracketState['targets'][number];

export interface BracketRecord {
  id: string;
  accountId: string;
  symbol: string;
  side: OrderSide;
  status: BracketStatus;
  plan: BracketPlan;
  state: BracketState;
  createdAt: number;
  updatedAt: number;
}

interface Raw {
  id: string;
  account_id: string;
  symbol: string;
  side: OrderSide;
  status: BracketStatus;
  plan_json: string;
  state_json: string;
  created_at: number;
  updated_at: number;
}

// Our own rows, but parsed anyway: a hand-edited or corrupt row must fail loudly, not misbehave.
const toRecord = (r: Raw): BracketRecord => ({
  id: r.id,
  accountId: r.account_id,
  symbol: r.symbol,
  side: r.side,
  status: r.status,
  plan: PlanSchema.parse(JSON.parse(r.plan_json)),
  state: StateSchema.parse(JSON.parse(r.state_json)),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const ACTIVE_BRACKET_STATUSES: readonly BracketStatus[] = ['pending_entry', 'open_position', 'closing'];

export class BracketsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  insert(record: Omit<BracketRecord, 'createdAt' | 'updatedAt'>): BracketRecord {
    const at = this.now();
    this.db
      .prepare(
        'INSERT INTO brackets (id, account_id, symbol, side, status, plan_json, state_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.accountId,
        record.symbol,
        record.side,
        record.status,
        JSON.stringify(record.plan),
        JSON.stringify(record.state),
        at,
        at,
      );
    return this.require(record.id);
  }

  save(record: BracketRecord): BracketRecord {
    this.db
      .prepare('UPDATE brackets SET status = ?, plan_json = ?, state_json = ?, updated_at = ? WHERE id = ?')
      .run(record.status, JSON.stringify(record.plan), JSON.stringify(record.state), this.now(), record.id);
    return this.require(record.id);
  }

  get(id: string): BracketRecord | undefined {
    const raw = this.db.prepare('SELECT * FROM brackets WHERE id = ?').get(id) as Raw | undefined;
    return raw && toRecord(raw);
  }

  require(id: string): BracketRecord {
    const record = this.get(id);
    if (!record) throw new Error(`bracket ${id} is not stored`);
    return record;
  }

  list(query: { accountId?: string | undefined; symbol?: string | undefined; statuses?: readonly BracketStatus[] }): BracketRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.accountId) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    if (query.symbol) {
      where.push('symbol = ?');
      params.push(query.symbol);
    }
    if (query.statuses) {
      where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
      params.push(...query.statuses);
    }
    const sql = `SELECT * FROM brackets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT 500`;
    return (this.db.prepare(sql).all(...params) as Raw[]).map(toRecord);
  }
}
