import { useId, useState, type DragEvent } from 'react';
import type { BlockType } from '../../../../shared/strategy/block-types';
import { BLOCK_DRAG_TYPE, searchBlocks } from './block-search';

interface BlockPaletteProps {
  /** Click or Enter: add at the centre of the view (dragging is not the only way in). */
  onAdd(type: BlockType): void;
}

/** The block catalogue: search it, drag a block onto the canvas, or click it to add it. */
export function BlockPalette({ onAdd }: BlockPaletteProps) {
  const [query, setQuery] = useState('');
  const titleId = useId();
  const groups = searchBlocks(query);
  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: BlockType) => {
    event.dataTransfer.setData(BLOCK_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <aside className="block-palette" aria-labelledby={titleId}>
      <h3 className="panel-title block-palette-title" id={titleId}>
        Blocks
      </h3>
      <input
        type="search"
        className="input block-palette-search"
        placeholder="Search blocks"
        aria-label="Search blocks"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="block-palette-groups">
        {groups.length === 0 ? <p className="block-palette-empty">No block matches “{query}”.</p> : null}
        {groups.map((group) => (
          <section key={group.category} className="block-palette-group" aria-label={group.title}>
            <h4 className="block-palette-group-title">{group.title}</h4>
            <ul className="block-palette-list">
              {group.blocks.map((block) => (
                <li key={block.type}>
                  <button
                    type="button"
                    className={`block-palette-item block-palette-item--${block.category}`}
                    draggable
                    onDragStart={(event) => onDragStart(event, block.type)}
                    onClick={() => onAdd(block.type)}
                    title={`${block.description} Drag onto the canvas, or click to add.`}
                    data-testid={`palette-${block.type}`}
                  >
                    {block.title}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
