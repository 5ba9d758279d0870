import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRATEGY_NAME_MAX } from '../../../shared/ipc/schemas/strategies';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { StrategiesRepo } from './strategies-repo';
import { copyName, firstFreeName, normaliseName } from './strategy-names';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let repo: StrategiesRepo;
let clock = 1_000;

beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  repo = new StrategiesRepo(db, () => clock);
});

afterEach(() => {
  db.close();
  temp.cleanup();
});

describe('strategy names', () => {
  it('are trimmed and single-spaced', () => {
    expect(normaliseName('  My   cross \t')).toBe('My cross');
  });

  it('get a number when taken, and "copy" for duplicates, always within the length limit', () => {
    const taken = new Set(['SMA cross', 'SMA cross 2', 'X copy']);
    const isTaken = (n: string) => taken.has(n);
    expect(firstFreeName('SMA cross', isTaken)).toBe('SMA cross 3');
    expect(copyName('Y', isTaken)).toBe('Y copy');
    expect(copyName('X', isTaken)).toBe('X copy 2');
    const long = 'a'.repeat(STRATEGY_NAME_MAX);
    const free = firstFreeName(long, (n) => n === long);
    expect(free.length).toBeLessThanOrEqual(STRATEGY_NAME_MAX);
    expect(free.endsWith(' 2')).toBe(true);
    expect(copyName(long, () => false).length).toBeLessThanOrEqual(STRATEGY_NAME_MAX);
  });
});

describe('StrategiesRepo', () => {
  it('creates from a template, blank, or a graph, naming each uniquely', () => {
    const a = repo.create({ template: 'sma-cross' });
    const b = repo.create({ template: 'sma-cross' });
    const blank = repo.create({});
    expect([a.name, b.name, blank.name]).toEqual(['SMA cross', 'SMA cross 2', 'New strategy']);
    expect(a.graph.name).toBe('SMA cross');
    expect(b.graph.name).toBe('SMA cross 2');
    expect(a.errors).toBe(0);
    expect(blank.graph.nodes.map((n) => n.type)).toEqual(['candle']);
    // A blank strategy cannot trade yet: that is an error to fix, not a reason to refuse saving.
    expect(blank.errors).toBe(1);
    const imported = repo.create({ graph: { ...a.graph, name: 'Imported' } });
    expect(imported.name).toBe('Imported');
    expect(repo.list().map((s) => s.name)).toEqual(['Imported', 'New strategy', 'SMA cross', 'SMA cross 2']);
    // The list tells each graph in words; a graph without an entry says what to add.
    expect(repo.list().map((s) => s.summary)).toEqual([
      'Buy when SMA(10) of the close crosses above SMA(30) of the close; sell when SMA(10) of the close crosses below SMA(30) of the close.',
      'No entry: add an Enter long or Enter short block.',
      'Buy when SMA(10) of the close crosses above SMA(30) of the close; sell when SMA(10) of the close crosses below SMA(30) of the close.',
      'Buy when SMA(10) of the close crosses above SMA(30) of the close; sell when SMA(10) of the close crosses below SMA(30) of the close.',
    ]);
  });

  it('refuses an explicit name that is taken, ignoring case', () => {
    repo.create({ template: 'macd-trend', name: 'Trend' });
    expect(() => repo.create({ template: 'macd-trend', name: ' trend ' })).toThrow(/A strategy named "trend" already exists/);
    expect(() => repo.create({ template: 'nope' })).toThrow(/no template "nope"/);
  });

  it('saves a graph (even an unfinished one), keeping the record name', () => {
    const s = repo.create({ template: 'rsi-reversion' });
    clock = 2_000;
    const graph = { ...s.graph, name: 'ignored', nodes: s.graph.nodes.filter((n) => n.id !== 'exit') };
    const saved = repo.save(s.id, graph);
    expect(saved.updatedAt).toBe(2_000);
    expect(saved.errors).toBeGreaterThan(0);
    const back = repo.get(s.id);
    expect(back.graph.name).toBe('RSI reversion');
    expect(back.graph.nodes.some((n) => n.id === 'exit')).toBe(false);
  });

  it('renames (graph name follows), refusing a taken name but allowing a case change of its own', () => {
    const a = repo.create({ template: 'sma-cross' });
    repo.create({ template: 'bollinger-breakout' });
    expect(() => repo.rename(a.id, 'bollinger BREAKOUT')).toThrow(/already exists/);
    expect(repo.rename(a.id, 'sma CROSS').name).toBe('sma CROSS');
    expect(repo.rename(a.id, 'Fast cross').name).toBe('Fast cross');
    expect(repo.get(a.id).graph.name).toBe('Fast cross');
    expect(() => repo.rename(a.id, '   ')).toThrow(/needs a name/);
  });

  it('duplicates with a copy name and an independent graph; deletes', () => {
    const a = repo.create({ template: 'sma-cross' });
    const copy = repo.duplicate(a.id);
    const copy2 = repo.duplicate(a.id);
    expect([copy.name, copy2.name]).toEqual(['SMA cross copy', 'SMA cross copy 2']);
    expect(copy.id).not.toBe(a.id);
    expect(copy.graph.nodes).toEqual(a.graph.nodes);
    repo.save(copy.id, { ...copy.graph, nodes: copy.graph.nodes.slice(0, 1), edges: [] });
    expect(repo.get(a.id).graph.nodes).toHaveLength(a.graph.nodes.length);
    expect(repo.delete(copy.id)).toBe(true);
    expect(repo.delete(copy.id)).toBe(false);
    expect(() => repo.get(copy.id)).toThrow(/no longer exists/);
  });

  it('opens a stored document of a newer format as an error, and lists it without hiding the others', () => {
    const a = repo.create({ template: 'sma-cross' });
    repo.create({ template: 'macd-trend' });
    db.prepare('UPDATE strategies SET graph_json = ? WHERE id = ?').run(JSON.stringify({ ...a.graph, version: 99 }), a.id);
    expect(() => repo.get(a.id)).toThrow(/newer Tradewind/);
    expect(repo.list().map((s) => [s.name, s.errors])).toEqual([
      ['MACD trend', 0],
      ['SMA cross', 1],
    ]);
  });
});
