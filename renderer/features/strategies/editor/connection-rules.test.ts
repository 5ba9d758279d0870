import { describe, expect, it } from 'vitest';
import { STRATEGY_FORMAT, STRATEGY_SCHEMA_VERSION, type StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { connectionProblem } from './connection-rules';

const graph: StrategyGraph = {
  format: STRATEGY_FORMAT,
  version: STRATEGY_SCHEMA_VERSION,
  name: 't',
  nodes: [
    { id: 'candle', type: 'candle', params: {} },
    { id: 'sma1', type: 'sma', params: { period: 10 } },
    { id: 'sma2', type: 'sma', params: { period: 30 } },
    { id: 'crossesAbove1', type: 'crossesAbove', params: {} },
    { id: 'enterLong1', type: 'enterLong', params: {} },
    { id: 'stopLoss1', type: 'stopLoss', params: {} },
  ],
  edges: [
    { from: { node: 'candle', port: 'close' }, to: { node: 'sma1', port: 'source' } },
    { from: { node: 'sma1', port: 'value' }, to: { node: 'sma2', port: 'source' } },
    { from: { node: 'sma1', port: 'value' }, to: { node: 'crossesAbove1', port: 'a' } },
  ],
};

const attempt = (source: string, sourceHandle: string, target: string, targetHandle: string) =>
  connectionProblem(graph, { source, sourceHandle, target, targetHandle });

describe('connection refusal reasons', () => {
  it('accepts a free input of the same type', () => {
    expect(attempt('sma2', 'value', 'crossesAbove1', 'b')).toBeNull();
    expect(attempt('crossesAbove1', 'value', 'enterLong1', 'when')).toBeNull();
    expect(attempt('enterLong1', 'position', 'stopLoss1', 'entry')).toBeNull();
  });

  it('refuses a type mismatch, naming both ports and their types', () => {
    expect(attempt('sma2', 'value', 'enterLong1', 'when')).toBe(
      'Enter long 1 input "When" takes a boolean, but SMA 2 output "Value" gives a number.',
    );
    expect(attempt('crossesAbove1', 'value', 'stopLoss1', 'entry')).toBe(
      'Stop-loss 1 input "Entry" takes an action, but Crosses above 1 output "Condition" gives a boolean.',
    );
  });

  it('refuses a second connection into one input, saying where the first comes from', () => {
    expect(attempt('sma2', 'value', 'crossesAbove1', 'a')).toBe(
      'Crosses above 1 input "A" is already connected (from SMA 1); an input takes one connection, so delete that one first.',
    );
  });

  it('refuses a cycle and a block feeding itself', () => {
    expect(attempt('sma2', 'value', 'sma1', 'source')).toBe(
      'SMA 1 input "Source" is already connected (from Candle); an input takes one connection, so delete that one first.',
    );
    const open = { ...graph, edges: graph.edges.slice(1) };
    expect(connectionProblem(open, { source: 'sma2', sourceHandle: 'value', target: 'sma1', targetHandle: 'source' })).toBe(
      'Connecting SMA 2 to SMA 1 would make a cycle: SMA 1 already feeds SMA 2.',
    );
    expect(connectionProblem(open, { source: 'sma2', sourceHandle: 'value', target: 'sma2', targetHandle: 'source' })).toBe(
      'SMA 2 cannot take its own output.',
    );
  });

  it('refuses ports that do not exist and drops that are not on a port', () => {
    expect(attempt('sma2', 'upper', 'crossesAbove1', 'b')).toBe('SMA 2 has no output "upper".');
    expect(attempt('sma2', 'value', 'crossesAbove1', 'c')).toBe('Crosses above 1 has no input "c".');
    expect(connectionProblem(graph, { source: 'sma2', sourceHandle: 'value', target: null, targetHandle: null })).toMatch(
      /^Connect an output/,
    );
  });
});
