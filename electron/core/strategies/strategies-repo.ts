/**
 * Saved strategies in SQLite: one row per strategy with its graph as versioned JSON. Documents
 * are read back through the strategy migrator, so a strategy saved by an older Tradewind keeps
 * opening after the format changes. A strategy may be saved unfinished (with validation errors):
 * the editor saves work in progress; core validates again before anything runs.
 */
import { randomUUID } from 'node:crypto';
import type { StrategyRecord, StrategySummary } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import { STRATEGY_FORMAT, STRATEGY_SCHEMA_VERSION, type StrategyGraph } from '../../../shared/strategy/graph-schema';
import { hasErrors } from '../../../shared/strategy/issues';
import { loadStrategyDocument } from '../../../shared/strategy/parse';
import { summarizeStrategy } from '../../../shared/strategy/summary';
import { findTemplate } from '../../../shared/strategy/templates/index';
import type { Db } from '../db/connection';
import { copyName, firstFreeName, normaliseName } from './strategy-names';

interface StrategyRow {
  id: string;
  name: string;
  graph_json: string;
  created_at: number;
  updated_at: number;
}

export interface CreateStrategyInput {
  name?: string;
  template?: string;
  graph?: StrategyGraph;
}

/** A new strategy with nothing but the bars' fields to build on. */
export function blankGraph(name: string): StrategyGraph {
  return {
    format: STRATEGY_FORMAT,
    version: STRATEGY_SCHEMA_VERSION,
    name,
    nodes: [{ id: 'candle', type: 'candle', params: {}, position: { x: 0, y: 140 } }],
    edges: [],
  };
}

export class StrategiesRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): StrategySummary[] {
    const rows = this.db.prepare('SELECT * FROM strategies ORDER BY name COLLATE NOCASE').all() as StrategyRow[];
    return rows.map((row) => {
      try {
        return summaryOf(this.toRecord(row));
      } catch {
        // One unreadable document (e.g. from a newer Tradewind) must not hide the others.
        return { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at, blocks: 0, errors: 1 };
      }
    });
  }

  get(id: string): StrategyRecord {
    return this.toRecord(this.row(id));
  }

  create(input: CreateStrategyInput): StrategyRecord {
    let graph: StrategyGraph;
    let base: string;
    if (input.template !== undefined) {
      const template = findTemplate(input.template);
      if (!template) throw new TradewindError('invalid_input', `There is no template "${input.template}".`);
      graph = template.graph();
      base = template.title;
    } else if (input.graph !== undefined) {
      graph = input.graph;
      base = graph.name;
    } else {
      base = 'New strategy';
      graph = blankGraph(base);
    }
    // An explicit name must be free; a name we pick is made free.
    const name = input.name !== undefined ? this.requireFreeName(input.name) : firstFreeName(base, (n) => this.isTaken(n));
    const id = `st_${randomUUID()}`;
    const at = this.now();
    this.db
      .prepare('INSERT INTO strategies (id, name, graph_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, JSON.stringify({ ...graph, name }), at, at);
    return this.get(id);
  }

  save(id: string, graph: StrategyGraph): StrategySummary {
    const row = this.row(id);
    const at = Math.max(this.now(), row.updated_at + 1);
    this.db
      .prepare('UPDATE strategies SET graph_json = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify({ ...graph, name: row.name }), at, id);
    return summaryOf(this.get(id));
  }

  rename(id: string, rawName: string): StrategySummary {
    const row = this.row(id);
    const name = this.requireFreeName(rawName, id);
    const graph = { ...(JSON.parse(row.graph_json) as Record<string, unknown>), name };
    const at = Math.max(this.now(), row.updated_at + 1);
    this.db.prepare('UPDATE strategies SET name = ?, graph_json = ?, updated_at = ? WHERE id = ?').run(name, JSON.stringify(graph), at, id);
    return summaryOf(this.get(id));
  }

  duplicate(id: string, rawName?: string): StrategyRecord {
    const source = this.get(id);
    const name = rawName !== undefined ? this.requireFreeName(rawName) : copyName(source.name, (n) => this.isTaken(n));
    return this.create({ graph: source.graph, name });
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM strategies WHERE id = ?').run(id).changes > 0;
  }

  private row(id: string): StrategyRow {
    const row = this.db.prepare('SELECT * FROM strategies WHERE id = ?').get(id) as StrategyRow | undefined;
    if (!row) throw new TradewindError('not_found', 'That strategy no longer exists; it may have been deleted in another window.');
    return row;
  }

  private isTaken(name: string, exceptId?: string): boolean {
    const row = this.db.prepare('SELECT id FROM strategies WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined;
    return row !== undefined && row.id !== exceptId;
  }

  private requireFreeName(raw: string, exceptId?: string): string {
    const name = normaliseName(raw);
    if (name === '') throw new TradewindError('invalid_input', 'A strategy needs a name.');
    if (this.isTaken(name, exceptId))
      throw new TradewindError('invalid_input', `A strategy named "${name}" already exists; pick another name.`);
    return name;
  }

  private toRecord(row: StrategyRow): StrategyRecord {
    const loaded = loadStrategyDocument(JSON.parse(row.graph_json) as unknown);
    if (!loaded.graph) {
      const reason = loaded.issues[0]?.message ?? 'unreadable document';
      throw new TradewindError('invalid_input', `Strategy "${row.name}" cannot be opened: ${reason}`);
    }
    const { issues } = loaded;
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      blocks: loaded.graph.nodes.length,
      errors: hasErrors(issues) ? issues.filter((i) => i.severity === 'error').length : 0,
      summary: summarizeStrategy(loaded.graph).text,
      graph: loaded.graph,
      upgradedFrom: loaded.ok ? (loaded.upgradedFrom ?? null) : null,
    };
  }
}

function summaryOf(record: StrategyRecord): StrategySummary {
  const { id, name, createdAt, updatedAt, blocks, errors, summary } = record;
  return { id, name, createdAt, updatedAt, blocks, errors, summary };
}
