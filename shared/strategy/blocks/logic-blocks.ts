import type { BlockDefinition, BlockType } from '../block-types';
import { periodParam, port } from './spec-helpers';

const CONDITION_OUTPUT = port('value', 'boolean', 'Condition', 'True or false per bar.');

/** The level B when its input is left unconnected: typed on the block instead of a Number block. */
export const COMPARISON_CONSTANT = 'b';

function comparison(type: BlockType, title: string, description: string): BlockDefinition {
  return {
    type,
    category: 'comparison',
    title,
    description: `${description} B is a connected series, or the number typed on the block when B is not connected.`,
    inputs: [
      port('a', 'number', 'A', 'The series tested.'),
      {
        ...port('b', 'number', 'B', 'The series compared with; leave it unconnected to compare with the typed number.'),
        constantParam: COMPARISON_CONSTANT,
      },
    ],
    outputs: [CONDITION_OUTPUT],
    params: [
      {
        name: COMPARISON_CONSTANT,
        kind: 'number',
        title: 'B',
        description: 'The level compared with when input B is not connected (e.g. 30 for RSI < 30); unused when B is connected.',
        min: -1e12,
        max: 1e12,
        default: 0,
        step: 1,
      },
    ],
  };
}

export const greaterThanBlock = comparison('greaterThan', 'Greater than', 'True on bars where A > B.');
export const lessThanBlock = comparison('lessThan', 'Less than', 'True on bars where A < B.');
export const crossesAboveBlock = comparison(
  'crossesAbove',
  'Crosses above',
  'True on the bar where A moves above B (A > B now, A ≤ B on the previous bar).',
);
export const crossesBelowBlock = comparison(
  'crossesBelow',
  'Crosses below',
  'True on the bar where A moves below B (A < B now, A ≥ B on the previous bar).',
);

function connective(type: BlockType, title: string, description: string): BlockDefinition {
  return {
    type,
    category: 'logic',
    title,
    description,
    inputs: [port('a', 'boolean', 'A', 'First condition.'), port('b', 'boolean', 'B', 'Second condition.')],
    outputs: [CONDITION_OUTPUT],
    params: [],
  };
}

export const andBlock = connective('and', 'And', 'True when both A and B are true.');
export const orBlock = connective('or', 'Or', 'True when A or B (or both) is true.');

export const notBlock: BlockDefinition = {
  type: 'not',
  category: 'logic',
  title: 'Not',
  description: 'True when the input is false (still unknown while the input warms up).',
  inputs: [port('input', 'boolean', 'Input', 'The condition to invert.')],
  outputs: [CONDITION_OUTPUT],
  params: [],
};

export const trueForBarsBlock: BlockDefinition = {
  type: 'trueForBars',
  category: 'logic',
  title: 'True for N bars',
  description: 'True when the input has been true on each of the last N bars, this bar included.',
  inputs: [port('input', 'boolean', 'Input', 'The condition that must hold.')],
  outputs: [CONDITION_OUTPUT],
  params: [periodParam(3, 1000, 'How many consecutive bars the input must be true.', 1, 'bars', 'Bars')],
};
