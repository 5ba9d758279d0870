import { describe, expect, it } from 'vitest';
import type { NumberParamSpec } from './block-types';
import { BLOCKS } from './blocks/index';
import { sweepBounds } from './sweep-bounds';
import { buildFromTemplate } from './templates/index';

function graphOf(name: string) {
  const built = buildFromTemplate(name);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

const constantValue = BLOCKS.constant.params.find((p) => p.name === 'value') as NumberParamSpec;
const smaPeriod = BLOCKS.sma.params.find((p) => p.name === 'period') as NumberParamSpec;

describe('sweep bounds', () => {
  it('keeps RSI levels within 0–100', () => {
    const graph = graphOf('rsi-reversion');
    expect(sweepBounds(graph, 'lower', constantValue)).toEqual({ min: 0, max: 100 });
    expect(sweepBounds(graph, 'upper', constantValue)).toEqual({ min: 0, max: 100 });
  });

  it("uses the catalogue's own bounds for other parameters", () => {
    expect(sweepBounds(graphOf('sma-cross'), 'fast', smaPeriod)).toEqual({ min: smaPeriod.min, max: smaPeriod.max });
  });
});
