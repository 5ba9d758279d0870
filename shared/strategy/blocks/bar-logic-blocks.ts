import type { BlockDefinition } from '../block-types';
import { periodParam, port } from './spec-helpers';

export const barsAgoBlock: BlockDefinition = {
  type: 'barsAgo',
  category: 'math',
  title: 'Value N bars ago',
  description: 'The source as it was N bars before this one (close 1 bar ago = the previous close). Empty for the first N bars.',
  inputs: [port('source', 'number', 'Source', 'The series to look back on.')],
  outputs: [port('value', 'number', 'Value', 'The source N bars ago.')],
  params: [periodParam(1, 5000, 'How many bars back.', 1, 'bars', 'Bars ago')],
};

export const barsSinceBlock: BlockDefinition = {
  type: 'barsSince',
  category: 'logic',
  title: 'Bars since',
  description:
    'How many bars ago the condition was last true: 0 on a bar where it is true. Empty until it has been true once, and again after a bar where the condition is unknown (warming up).',
  inputs: [port('input', 'boolean', 'Condition', 'The condition to count from.')],
  outputs: [port('value', 'number', 'Bars', 'Bars since the condition was last true.')],
  params: [],
};
