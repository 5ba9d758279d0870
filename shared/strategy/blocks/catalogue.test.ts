import { describe, expect, it } from 'vitest';
import { BLOCK_TYPES } from '../block-types';
import { BLOCKS } from './index';

/** Action blocks linked to an entry (or being one). */
const ORDER_ACTIONS: readonly string[] = ['enterLong', 'enterShort', 'limitEntry', 'offsetEntry', 'addToPosition'];

describe('block catalogue', () => {
  it.each(BLOCK_TYPES)('%s: described, with unique ports and defaults inside their ranges', (type) => {
    const block = BLOCKS[type];
    expect(block.type).toBe(type);
    expect(block.title.length).toBeGreaterThan(0);
    expect(block.description.length).toBeGreaterThan(10);
    for (const ports of [block.inputs, block.outputs]) {
      expect(new Set(ports.map((p) => p.name)).size).toBe(ports.length);
      for (const p of ports) expect(p.description.length).toBeGreaterThan(0);
    }
    expect(new Set(block.params.map((p) => p.name)).size).toBe(block.params.length);
    for (const p of block.params) {
      expect(p.description.length).toBeGreaterThan(0);
      if (p.kind === 'choice') {
        expect(p.options.map((o) => o.value)).toContain(p.default);
      } else if (p.kind === 'text') {
        expect(typeof p.default).toBe('string');
      } else {
        expect(p.min).toBeLessThan(p.max);
        expect(p.default).toBeGreaterThanOrEqual(p.min);
        expect(p.default).toBeLessThanOrEqual(p.max);
        if (p.kind === 'integer') expect(Number.isInteger(p.default)).toBe(true);
      }
    }
  });

  it('only actions and risk blocks touch action ports', () => {
    for (const type of BLOCK_TYPES) {
      const block = BLOCKS[type];
      const usesAction = [...block.inputs, ...block.outputs].some((p) => p.type === 'action');
      expect(usesAction).toBe(block.category === 'risk' || ORDER_ACTIONS.includes(type));
    }
  });

  it('an input that takes a typed number names a number parameter of its own block', () => {
    const typed = BLOCK_TYPES.flatMap((type) => BLOCKS[type].inputs.filter((p) => p.constantParam).map((p) => ({ type, port: p })));
    expect(typed.map((t) => t.type).sort()).toEqual(['crossesAbove', 'crossesBelow', 'greaterThan', 'lessThan']);
    for (const { type, port } of typed) {
      expect(port.type).toBe('number');
      expect(BLOCKS[type].params.find((p) => p.name === port.constantParam)?.kind).toBe('number');
    }
  });

  it('is plain data the editor can serialise (apart from cross-parameter checks)', () => {
    const json = JSON.parse(JSON.stringify(BLOCKS)) as typeof BLOCKS;
    expect(Object.keys(json).sort()).toEqual([...BLOCK_TYPES].sort());
  });
});
