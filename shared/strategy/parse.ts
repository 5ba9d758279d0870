/**
 * Loading a strategy from untrusted JSON: migrate to the current version, check the shape
 * with zod, then check the meaning. Never throws on bad input; every problem is an issue.
 */
import type { z } from 'zod';
import { StrategyGraphSchema, type StrategyGraph } from './graph-schema';
import { hasErrors, type StrategyIssue } from './issues';
import { strategyMigrator, type Migrator } from './migrations';
import { validateStrategyGraph } from './validate';

/** Imported files are size-limited before parsing (threat model: untrusted input). */
export const MAX_STRATEGY_JSON_CHARS = 1_000_000;

export type StrategyLoadResult =
  | { ok: true; graph: StrategyGraph; issues: StrategyIssue[]; upgradedFrom?: number }
  | { ok: false; issues: StrategyIssue[]; graph?: StrategyGraph };

export function parseStrategyJson(text: string): StrategyLoadResult {
  if (text.length > MAX_STRATEGY_JSON_CHARS) {
    return fail('schema', `The strategy file is too large (${text.length} characters; the limit is ${MAX_STRATEGY_JSON_CHARS}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail('invalid_json', `The strategy file is not valid JSON: ${(error as Error).message}`);
  }
  return loadStrategyDocument(raw);
}

/** Migrate + shape check + meaning check. `ok` is false when any issue is an error. */
export function loadStrategyDocument(raw: unknown, migrator: Migrator = strategyMigrator): StrategyLoadResult {
  const migrated = migrator.migrate(raw);
  if (!migrated.ok) return fail('unsupported_version', `Cannot read this strategy: ${migrated.message}.`);
  const parsed = StrategyGraphSchema.safeParse(migrated.doc);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => schemaIssue(i, migrated.doc)) };
  const graph = parsed.data;
  const issues = validateStrategyGraph(graph);
  if (hasErrors(issues)) return { ok: false, issues, graph };
  const upgraded = migrated.fromVersion < migrator.currentVersion ? { upgradedFrom: migrated.fromVersion } : {};
  return { ok: true, graph, issues, ...upgraded };
}

function fail(code: StrategyIssue['code'], message: string): StrategyLoadResult {
  return { ok: false, issues: [{ severity: 'error', code, message }] };
}

function schemaIssue(issue: z.core.$ZodIssue, doc: Record<string, unknown>): StrategyIssue {
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  const nodeId = nodeIdAt(issue.path, doc);
  const where = nodeId ? `Node "${nodeId}", ${path}` : path || 'document';
  return {
    severity: 'error',
    code: 'schema',
    path,
    ...(nodeId ? { nodeId } : {}),
    message: `${where}: ${issue.message}.`,
  };
}

function nodeIdAt(path: readonly PropertyKey[], doc: Record<string, unknown>): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const nodes = doc.nodes;
  if (!Array.isArray(nodes)) return undefined;
  const node: unknown = nodes[path[1]];
  if (typeof node !== 'object' || node === null) return undefined;
  const id = (node as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}
