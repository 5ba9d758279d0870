import { describe, expect, it } from 'vitest';
import { commit, createHistory, endCoalescing, HISTORY_LIMIT, redo, undo } from './editor-history';

describe('undo/redo history', () => {
  it('undoes and redoes snapshots in order; a new edit drops the redo branch', () => {
    let h = createHistory('a');
    h = commit(h, 'b');
    h = commit(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = commit(h, 'd');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('merges edits of one gesture (same key) into one step until the gesture ends', () => {
    let h = createHistory('start');
    h = commit(h, 'x1', 'move');
    h = commit(h, 'x2', 'move');
    h = commit(h, 'x3', 'move');
    expect(h.past).toEqual(['start']);
    h = endCoalescing(h);
    h = commit(h, 'x4', 'move');
    expect(h.past).toEqual(['start', 'x3']);
    h = commit(h, 'p1', 'param:sma1.period');
    expect(h.past).toEqual(['start', 'x3', 'x4']);
    expect(undo(h).present).toBe('x4');
  });

  it('ignores a commit that changes nothing, and keeps at most HISTORY_LIMIT steps', () => {
    const h0 = createHistory(0);
    expect(commit(h0, 0)).toBe(h0);
    let h = h0;
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = commit(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });
});
