import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { isBlockType } from '../../../../shared/strategy/block-types';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { useStore } from '../../../store';
import { BLOCK_DRAG_TYPE } from './block-search';
import { BlockNode } from './BlockNode';
import { connectionProblem } from './connection-rules';
import { addBlock, connect, moveNodes, removeElements, type XY } from './graph-edit';
import { edgeFromConnection, issuesByNode, toFlowEdges, toFlowNodes, type BlockFlowNode, type Selection } from './graph-flow';
import { nodeDisplayName } from './graph-names';

const NODE_TYPES = { block: BlockNode };
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Matches the node header colours in strategies.css (the minimap draws on SVG, not with CSS classes). */
const CATEGORY_COLOURS: Record<string, string> = {
  price: '#4c9bff',
  indicator: '#a78bfa',
  pattern: '#c084fc',
  time: '#38bdf8',
  position: '#2dd4bf',
  model: '#f472b6',
  math: '#8b96a5',
  comparison: '#f0b43c',
  logic: '#f0b43c',
  action: '#22c38e',
  risk: '#f0506e',
};

interface StrategyCanvasProps {
  graph: StrategyGraph;
  selection: Selection;
  issues: readonly StrategyIssue[];
  onStatus(message: string): void;
}

/**
 * The @xyflow/react canvas over the open strategy. The graph in the store is the truth: nodes
 * and edges are derived from it, and every gesture (drop, drag, connect, delete) becomes one
 * graph edit with its undo step. Only measured node sizes live here (xyflow needs them back).
 */
export function StrategyCanvas({ graph, selection, issues, onStatus }: StrategyCanvasProps) {
  const flow = useReactFlow();
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());

  const byNode = useMemo(() => issuesByNode(issues), [issues]);
  const nodes = useMemo<BlockFlowNode[]>(
    () =>
      toFlowNodes(graph, byNode, selection).map((node) => {
        const size = measured.get(node.id);
        return size ? { ...node, measured: size } : node;
      }),
    [graph, byNode, selection, measured],
  );
  const edges = useMemo(() => toFlowEdges(graph, selection), [graph, selection]);

  const onNodesChange = useCallback((changes: NodeChange<BlockFlowNode>[]) => {
    const store = useStore.getState();
    const positions = new Map<string, XY>();
    let dragEnded = false;
    let selected: Set<string> | null = null;
    const sizes: Array<[string, { width: number; height: number }]> = [];
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        positions.set(change.id, change.position);
        if (change.dragging === false) dragEnded = true;
      } else if (change.type === 'position' && change.dragging === false) {
        dragEnded = true;
      } else if (change.type === 'select') {
        selected ??= new Set(store.openStrategy?.selection.nodes ?? []);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        sizes.push([change.id, change.dimensions]);
      }
      // 'remove' is handled once, for nodes and edges together, in onDelete.
    }
    if (positions.size > 0) store.editGraph((g) => moveNodes(g, positions), 'move');
    if (dragEnded) store.endGraphGesture();
    if (selected) store.setGraphSelection({ nodes: [...selected], edges: store.openStrategy?.selection.edges ?? [] });
    if (sizes.length > 0) {
      setMeasured((previous) => {
        const next = new Map(previous);
        for (const [id, size] of sizes) next.set(id, size);
        return next;
      });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const store = useStore.getState();
    let selected: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selected ??= new Set(store.openStrategy?.selection.edges ?? []);
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    if (selected) store.setGraphSelection({ nodes: store.openStrategy?.selection.nodes ?? [], edges: [...selected] });
  }, []);

  const onDelete: OnDelete = useCallback(
    ({ nodes: gone, edges: cut }) => {
      const store = useStore.getState();
      store.editGraph((g) => removeElements(g, new Set(gone.map((n) => n.id)), new Set(cut.map((e) => e.id))), undefined, {
        nodes: [],
        edges: [],
      });
      const parts = [
        gone.length > 0 ? `${gone.length} block${gone.length === 1 ? '' : 's'}` : '',
        cut.length > 0 ? `${cut.length} connection${cut.length === 1 ? '' : 's'}` : '',
      ].filter(Boolean);
      onStatus(`Deleted ${parts.join(' and ')}.`);
    },
    [onStatus],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => connectionProblem(useStore.getState().openStrategy?.history.present ?? graph, c) === null,
    [graph],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const edge = edgeFromConnection(connection);
      if (!edge) return;
      const current = useStore.getState().openStrategy?.history.present;
      const problem = current ? connectionProblem(current, connection) : 'No strategy is open.';
      if (problem) {
        onStatus(`Connection refused: ${problem}`);
        return;
      }
      useStore.getState().editGraph((g) => connect(g, edge));
      const from = current?.nodes.find((n) => n.id === edge.from.node);
      const to = current?.nodes.find((n) => n.id === edge.to.node);
      onStatus(
        `Connected ${from ? nodeDisplayName(from) : edge.from.node} ${edge.from.port} to ${to ? nodeDisplayName(to) : edge.to.node} ${edge.to.port}.`,
      );
    },
    [onStatus],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // A drop on a port that isValidConnection refused: say why (xyflow alone would just drop it).
      if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
      const [output, input] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      const current = useStore.getState().openStrategy?.history.present ?? graph;
      const problem =
        output.type === input.type
          ? 'Connect an output (right side of a block) to an input (left side of another block).'
          : connectionProblem(current, { source: output.nodeId, sourceHandle: output.id, target: input.nodeId, targetHandle: input.id });
      if (problem) onStatus(`Connection refused: ${problem}`);
    },
    [graph, onStatus],
  );

  const onDragOver = useCallback((event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(BLOCK_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent<HTMLDivElement>) => {
      const type = event.dataTransfer.getData(BLOCK_DRAG_TYPE);
      if (!isBlockType(type)) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      let added = '';
      useStore.getState().editGraph(
        (g) => {
          const result = addBlock(g, type, position);
          added = result.nodeId;
          return result.graph;
        },
        undefined,
        { nodes: [], edges: [] },
      );
      const node = useStore.getState().openStrategy?.history.present.nodes.find((n) => n.id === added);
      if (node) onStatus(`Added ${nodeDisplayName(node)}.`);
    },
    [flow, onStatus],
  );

  return (
    <div className="strategy-canvas" data-testid="strategy-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<BlockFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS}
        colorMode="dark"
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
        aria-label="Strategy canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap of the strategy"
          nodeColor={minimapColour}
          style={{ width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height }}
        />
        <Controls aria-label="Canvas zoom controls" fitViewOptions={FIT_VIEW_OPTIONS} />
      </ReactFlow>
    </div>
  );
}

/** The minimap's box in the canvas's bottom-right corner (xyflow adds a 15 px margin). */
const MINIMAP_SIZE = { width: 160, height: 110 };

/**
 * "Fit view" (on open and from the zoom controls) keeps the graph out of the strip on the right
 * where the minimap sits and clear of the zoom buttons on the left, so neither ever covers a block.
 */
const FIT_VIEW_OPTIONS = {
  padding: { top: '24px', bottom: '24px', left: '64px', right: `${MINIMAP_SIZE.width + 15 + 24}px` },
  maxZoom: 1,
} as const;

/** Minimap colour: the block's category, as on the canvas. */
function minimapColour(node: BlockFlowNode): string {
  const type = node.data.type;
  return (isBlockType(type) && CATEGORY_COLOURS[BLOCKS[type].category]) || '#5d6878';
}
