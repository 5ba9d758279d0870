import { describe, expect, it } from 'vitest';
import { STRATEGY_FORMAT, STRATEGY_SCHEMA_VERSION } from './graph-schema';
import { STRATEGY_MIGRATIONS, createMigrator, type RawDocument } from './migrations';
import { loadStrategyDocument, parseStrategyJson } from './parse';
import { STRATEGY_TEMPLATES, findTemplate } from './templates/index';

describe('loading strategy documents', () => {
  it.each(STRATEGY_TEMPLATES.map((t) => t.name))('%s survives a JSON round trip unchanged', (name) => {
    const graph = findTemplate(name)!.graph();
    const loaded = parseStrategyJson(JSON.stringify(graph));
    expect(loaded).toEqual({ ok: true, graph, issues: [] });
  });

  it('fills parameters the file leaves out with their defaults when compiling, not in the document', () => {
    const graph = findTemplate('sma-cross')!.graph();
    const doc = { ...graph, nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type, params: n.id === 'fast' ? {} : n.params })) };
    const loaded = parseStrategyJson(JSON.stringify(doc));
    expect(loaded.ok).toBe(true);
    expect(loaded.graph?.nodes.find((n) => n.id === 'fast')?.params).toEqual({});
  });

  it('explains files that are not strategies', () => {
    expect(parseStrategyJson('{nope').issues[0]).toMatchObject({ code: 'invalid_json' });
    expect(parseStrategyJson('[]').issues[0]!.message).toMatch(/must be a JSON object/);
    expect(parseStrategyJson('{"format":"other"}').issues[0]!.message).toMatch(/"format" must be "tradewind.strategy"/);
    const future = { format: STRATEGY_FORMAT, version: STRATEGY_SCHEMA_VERSION + 1 };
    expect(parseStrategyJson(JSON.stringify(future)).issues[0]!.message).toMatch(/saved by a newer Tradewind/);
  });

  it('names the node when the shape is wrong', () => {
    const graph = findTemplate('sma-cross')!.graph();
    const doc = JSON.parse(JSON.stringify(graph)) as { nodes: { id: string; params: unknown }[] };
    doc.nodes[1]!.params = { period: [10] };
    const loaded = loadStrategyDocument(doc);
    expect(loaded.ok).toBe(false);
    expect(loaded.issues[0]).toMatchObject({ code: 'schema', nodeId: 'fast', path: 'nodes[1].params.period' });
    expect(loaded.issues[0]!.message).toMatch(/^Node "fast", nodes\[1\]\.params\.period: /);
  });

  it('limits the size of what it parses', () => {
    expect(parseStrategyJson(' '.repeat(1_000_001)).issues[0]!.message).toMatch(/too large/);
  });
});

describe('migrations', () => {
  it('have a step from every older version to the current one', () => {
    expect(STRATEGY_MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: STRATEGY_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('lift an old document step by step before it is checked', () => {
    // A made-up history: v1 named the field `kind`, v2 renamed it to `type`, v3 added `label`s.
    const migrator = createMigrator(3, [
      {
        from: 1,
        describe: 'node.kind → node.type',
        up: (doc) => ({ ...doc, nodes: (doc.nodes as RawDocument[]).map(({ kind, ...n }) => ({ ...n, type: kind })) }),
      },
      { from: 2, describe: 'labels', up: (doc) => ({ ...doc, nodes: (doc.nodes as RawDocument[]).map((n) => ({ ...n, label: n.id })) }) },
    ]);
    const outcome = migrator.migrate({ format: STRATEGY_FORMAT, version: 1, nodes: [{ id: 'a', kind: 'sma' }] });
    expect(outcome).toEqual({
      ok: true,
      fromVersion: 1,
      applied: ['node.kind → node.type', 'labels'],
      doc: { format: STRATEGY_FORMAT, version: 3, nodes: [{ id: 'a', type: 'sma', label: 'a' }] },
    });
    expect(() => createMigrator(3, [])).toThrow(/no step from version 1/);
  });

  it('reports which version a loaded document was upgraded from', () => {
    const graph = findTemplate('sma-cross')!.graph();
    const migrator = createMigrator(STRATEGY_SCHEMA_VERSION, []);
    expect(loadStrategyDocument(graph, migrator)).toMatchObject({ ok: true });
    expect('upgradedFrom' in loadStrategyDocument(graph, migrator)).toBe(false);
  });
});
