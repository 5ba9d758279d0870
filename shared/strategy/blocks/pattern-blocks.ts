import type { BlockDefinition, BlockType } from '../block-types';
import { percentParam, port } from './spec-helpers';

/**
 * Candlestick patterns: shape only, judged on the bar that completes the pattern. The textbooks
 * also ask for a preceding trend (a hammer after a decline); wire that as a separate condition.
 * Body = |close − open|, range = high − low, shadows = what the range has beyond the body.
 */
const PATTERN_OUTPUT = port('value', 'boolean', 'Pattern', 'True on the bar that completes the pattern.');

function pattern(type: BlockType, title: string, description: string): BlockDefinition {
  return { type, category: 'pattern', title, description, inputs: [], outputs: [PATTERN_OUTPUT], params: [] };
}

export const bullishEngulfingBlock = pattern(
  'bullishEngulfing',
  'Bullish engulfing',
  'A falling candle (close < open) followed by a rising one whose body covers it: open ≤ previous close, close ≥ previous open, and a larger body.',
);

export const bearishEngulfingBlock = pattern(
  'bearishEngulfing',
  'Bearish engulfing',
  'A rising candle (close > open) followed by a falling one whose body covers it: open ≥ previous close, close ≤ previous open, and a larger body.',
);

export const hammerBlock = pattern(
  'hammer',
  'Hammer',
  'A small body at the top of the range: lower shadow at least twice the body, upper shadow at most 10 % of the range (a dragonfly doji counts). Called a hammer after a decline, a hanging man after a rise.',
);

export const invertedHammerBlock = pattern(
  'invertedHammer',
  'Inverted hammer / shooting star',
  'A small body at the bottom of the range: upper shadow at least twice the body, lower shadow at most 10 % of the range. Called an inverted hammer after a decline, a shooting star after a rise.',
);

export const dojiBlock: BlockDefinition = {
  type: 'doji',
  category: 'pattern',
  title: 'Doji',
  description:
    'Open and close (almost) equal: the body is at most the given percent of the high-low range. A bar that did not move at all counts.',
  inputs: [],
  outputs: [PATTERN_OUTPUT],
  params: [
    percentParam('bodyPercent', 'Largest body', 'Body as a percent of the range, at most.', { min: 0, max: 50, default: 10, step: 1 }),
  ],
};

export const morningStarBlock = pattern(
  'morningStar',
  'Morning star',
  'Three candles: a falling one; a small "star" (body at most a third of the first body) whose body lies at or below the first close; then a rising candle that closes above the midpoint of the first body.',
);

export const eveningStarBlock = pattern(
  'eveningStar',
  'Evening star',
  'Three candles: a rising one; a small "star" (body at most a third of the first body) whose body lies at or above the first close; then a falling candle that closes below the midpoint of the first body.',
);
