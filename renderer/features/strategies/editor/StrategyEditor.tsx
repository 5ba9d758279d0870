import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import type { BlockType } from '../../../../shared/strategy/block-types';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { useSignalSources } from '../../signals/use-signal-sources';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { PanelMessage } from '../../../ui/PanelMessage';
import { graphTooLarge } from '../list/strategy-files';
import { graphJson, type OpenStrategy } from '../store/editor-slice';
import { BlockPalette } from './BlockPalette';
import { addBlock, copySelection, pasteClip, removeElements } from './graph-edit';
import { nodeDisplayName } from './graph-names';
import { ModelOptionsContext, useModelOptions } from '../../models/model-options';
import { SignalSourceOptions } from './signal-source-options';
import { StrategyCanvas } from './StrategyCanvas';
import { SummaryPanel } from './SummaryPanel';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { ValidationPanel } from './ValidationPanel';
import '@xyflow/react/dist/style.css';

/** The open strategy's editor, or a hint when none is open. */
export function StrategyEditor() {
  const open = useStore((state) => state.openStrategy);
  if (!open) {
    return (
      <section className="strategy-editor strategy-editor--empty" aria-label="Strategy editor">
        <PanelMessage>Open a strategy from the list, or create one with New.</PanelMessage>
      </section>
    );
  }
  // A new provider per strategy: the canvas fits the new graph instead of keeping the old view.
  return (
    <ReactFlowProvider key={open.id}>
      <EditorBody open={open} />
    </ReactFlowProvider>
  );
}

function EditorBody({ open }: { open: OpenStrategy }) {
  const client = useRpcClient();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement | null>(null);
  const graph = open.history.present;
  const signalSources = useSignalSources();
  const modelOptions = useModelOptions();
  // Until the sources are known (or when they cannot be read) a source id is not judged.
  const knownSources = signalSources.loaded ? signalSources.sources : undefined;
  const issues = useMemo(() => validateStrategyGraph(graph, knownSources ? { signalSources: knownSources } : {}), [graph, knownSources]);
  const dirty = useMemo(() => graphJson(graph) !== open.savedJson, [graph, open.savedJson]);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const store = useStore.getState;

  const save = async () => {
    if (saving) return;
    if (graph.nodes.length === 0) {
      setStatus('Not saved: a strategy needs at least one block.');
      return;
    }
    const tooLarge = graphTooLarge(graph);
    if (tooLarge) {
      setStatus(`Not saved: ${tooLarge}`);
      return;
    }
    setSaving(true);
    try {
      const summary = await client.call('strategies.save', { id: open.id, graph });
      store().markStrategySaved(open.id, graph, summary);
      setStatus(summary.errors > 0 ? `Saved, with ${summary.errors} error${summary.errors === 1 ? '' : 's'} still to fix.` : 'Saved.');
    } catch (error) {
      setStatus(`Not saved: ${describeError(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const addAtCentre = (type: BlockType) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const centre = rect ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    const result = addBlock(graph, type, { x: centre.x - 90, y: centre.y - 40 });
    store().editGraph(() => result.graph, undefined, { nodes: [result.nodeId], edges: [] });
    const node = result.graph.nodes.find((n) => n.id === result.nodeId);
    if (node) setStatus(`Added ${nodeDisplayName(node)}.`);
  };

  const copy = () => {
    const clip = copySelection(graph, new Set(open.selection.nodes));
    if (!clip) {
      setStatus('Select one or more blocks to copy.');
      return;
    }
    store().setStrategyClipboard(clip);
    setStatus(`Copied ${clip.nodes.length} block${clip.nodes.length === 1 ? '' : 's'}.`);
  };

  const paste = () => {
    const clip = store().strategyClipboard;
    if (!clip) {
      setStatus('Nothing to paste: copy blocks first (Ctrl+C).');
      return;
    }
    const result = pasteClip(graph, clip);
    store().editGraph(() => result.graph, undefined, { nodes: result.nodeIds, edges: [] });
    // The next paste lands a step further, not on top of this one.
    store().setStrategyClipboard({
      ...clip,
      nodes: clip.nodes.map((n) => ({ ...n, position: { x: (n.position?.x ?? 0) + 40, y: (n.position?.y ?? 0) + 40 } })),
    });
    setStatus(`Pasted ${result.nodeIds.length} block${result.nodeIds.length === 1 ? '' : 's'}.`);
  };

  const deleteSelection = () => {
    const { nodes, edges } = open.selection;
    if (nodes.length === 0 && edges.length === 0) return;
    store().editGraph((g) => removeElements(g, new Set(nodes), new Set(edges)), undefined, { nodes: [], edges: [] });
    setStatus('Deleted the selection.');
  };

  const showNode = (nodeId: string) => {
    store().setGraphSelection({ nodes: [nodeId], edges: [] });
    void flow.fitView({ nodes: [{ id: nodeId }], duration: 200, maxZoom: 1.2 });
  };

  useEditorShortcuts({ save: () => void save(), undo: () => store().undoGraph(), redo: () => store().redoGraph(), copy, paste });

  const canUndo = open.history.past.length > 0;
  const canRedo = open.history.future.length > 0;
  const hasSelection = open.selection.nodes.length + open.selection.edges.length > 0;
  return (
    <SignalSourceOptions.Provider value={signalSources.sources}>
      <ModelOptionsContext.Provider value={modelOptions}>
        <section className="strategy-editor" aria-label={`Strategy editor: ${open.name}`}>
          <header className="editor-toolbar">
            <h2 className="editor-name" title={open.name}>
              {open.name}
            </h2>
            <span className={`editor-dirty${dirty ? ' editor-dirty--on' : ''}`} data-testid="unsaved-indicator" data-dirty={dirty}>
              {dirty ? '● Unsaved changes' : 'All changes saved'}
            </span>
            <div className="editor-actions" role="toolbar" aria-label="Editor actions">
              <button
                type="button"
                className="button"
                onClick={() => store().undoGraph()}
                disabled={!canUndo}
                aria-keyshortcuts="Control+Z"
              >
                Undo
              </button>
              <button
                type="button"
                className="button"
                onClick={() => store().redoGraph()}
                disabled={!canRedo}
                aria-keyshortcuts="Control+Shift+Z"
              >
                Redo
              </button>
              <button
                type="button"
                className="button"
                onClick={copy}
                disabled={open.selection.nodes.length === 0}
                aria-keyshortcuts="Control+C"
              >
                Copy
              </button>
              <button type="button" className="button" onClick={paste} aria-keyshortcuts="Control+V">
                Paste
              </button>
              <button type="button" className="button" onClick={deleteSelection} disabled={!hasSelection} aria-keyshortcuts="Delete">
                Delete selected
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void save()}
                disabled={saving}
                aria-keyshortcuts="Control+S"
              >
                {saving ? 'Saving…' : 'Save'}
              </button>
            </div>
          </header>
          <div className="editor-body">
            <BlockPalette onAdd={addAtCentre} />
            <div className="editor-main">
              <div className="editor-canvas-frame" ref={canvasRef}>
                <StrategyCanvas graph={graph} selection={open.selection} issues={issues} onStatus={setStatus} />
              </div>
              <p className="editor-status" role="status" data-testid="editor-status">
                {status}
              </p>
              <SummaryPanel graph={graph} />
              <ValidationPanel graph={graph} issues={issues} onShowNode={showNode} />
            </div>
          </div>
        </section>
      </ModelOptionsContext.Provider>
    </SignalSourceOptions.Provider>
  );
}
