import { BLOCK_TYPES, type BlockCategory, type BlockDefinition } from '../../../../shared/strategy/block-types';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';

export const CATEGORY_TITLES: Record<BlockCategory, string> = {
  price: 'Price',
  indicator: 'Indicators',
  pattern: 'Candle patterns',
  time: 'Time filters',
  position: 'Position',
  signal: 'Signals',
  model: 'Models',
  math: 'Math',
  comparison: 'Comparisons',
  logic: 'Logic',
  action: 'Actions',
  risk: 'Risk',
};

const CATEGORY_ORDER: readonly BlockCategory[] = [
  'price',
  'indicator',
  'pattern',
  'time',
  'position',
  'signal',
  'model',
  'math',
  'comparison',
  'logic',
  'action',
  'risk',
];

/** Blocks whose title, type or description contain every word of the query, grouped by category in palette order. */
export function searchBlocks(query: string): Array<{ category: BlockCategory; title: string; blocks: BlockDefinition[] }> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = BLOCK_TYPES.map((type) => BLOCKS[type]).filter((block) => {
    const text = `${block.title} ${block.type} ${block.description} ${CATEGORY_TITLES[block.category]}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return CATEGORY_ORDER.map((category) => ({
    category,
    title: CATEGORY_TITLES[category],
    blocks: matches.filter((b) => b.category === category),
  })).filter((group) => group.blocks.length > 0);
}

/** The drag payload type of a palette block (what the canvas accepts on drop). */
export const BLOCK_DRAG_TYPE = 'application/x-tradewind-block';
