import type { BlockDefinition, BlockType } from '../block-types';
import { port } from './spec-helpers';

export const constantBlock: BlockDefinition = {
  type: 'constant',
  category: 'math',
  title: 'Number',
  description: 'A fixed number, the same on every bar (e.g. an RSI level).',
  inputs: [],
  outputs: [port('value', 'number', 'Value', 'The number on every bar.')],
  params: [
    {
      name: 'value',
      kind: 'number',
      title: 'Value',
      description: 'The number.',
      min: -1e12,
      max: 1e12,
      default: 0,
      step: 1,
    },
  ],
};

function arithmetic(type: BlockType, title: string, description: string, result: string): BlockDefinition {
  return {
    type,
    category: 'math',
    title,
    description,
    inputs: [port('a', 'number', 'A', 'Left operand.'), port('b', 'number', 'B', 'Right operand.')],
    outputs: [port('value', 'number', 'Result', result)],
    params: [],
  };
}

export const addBlock = arithmetic('add', 'Add', 'A + B per bar.', 'A + B.');
export const subtractBlock = arithmetic('subtract', 'Subtract', 'A − B per bar.', 'A − B.');
export const multiplyBlock = arithmetic('multiply', 'Multiply', 'A × B per bar.', 'A × B.');
export const divideBlock = arithmetic('divide', 'Divide', 'A ÷ B per bar; empty where B is 0.', 'A ÷ B.');
