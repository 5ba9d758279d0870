import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ParamValue, PortSpec } from '../../../../shared/strategy/block-types';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { useStore } from '../../../store';
import { setParam } from './graph-edit';
import type { BlockFlowNode } from './graph-flow';
import { blockOf } from './graph-names';
import { ModelPicker } from '../../models/ModelPicker';
import { ParamField } from './ParamField';

function PortRow({ port, side, nodeName }: { port: PortSpec; side: 'input' | 'output'; nodeName: string }) {
  return (
    <div className={`block-port block-port--${side}`} title={port.description}>
      <Handle
        type={side === 'input' ? 'target' : 'source'}
        position={side === 'input' ? Position.Left : Position.Right}
        id={port.name}
        className={`port-handle port-handle--${port.type}`}
        aria-label={`${nodeName} ${side} ${port.name}`}
        data-port-type={port.type}
        data-testid={`port-${side}-${port.name}`}
      />
      <span className="block-port-name">{port.title}</span>
    </div>
  );
}

function ErrorBadge({ issues }: { issues: readonly StrategyIssue[] }) {
  const count = issues.length;
  return (
    <span className="block-badge" tabIndex={0}>
      <span
        role="img"
        aria-label={`${count} ${count === 1 ? 'error' : 'errors'}`}
        title={issues.map((i) => i.message).join('\n')}
        data-testid="node-error-badge"
      >
        {count}
      </span>
      <ul className="block-badge-list" role="list">
        {issues.map((issue, index) => (
          <li key={index}>{issue.message}</li>
        ))}
      </ul>
    </span>
  );
}

/**
 * A block on the canvas: title, input ports left and outputs right (colour = port type), its
 * parameters edited in place, and a badge counting the errors validation found on it.
 */
export const BlockNode = memo(function BlockNode({ data, selected }: NodeProps<BlockFlowNode>) {
  const block = blockOf(data);
  const errors = data.issues.filter((i) => i.severity === 'error');
  if (!block) {
    return (
      <div
        className="block-node block-node--unknown"
        data-testid="strategy-node"
        data-node-id={data.nodeId}
        data-node-type={data.type}
        data-error-count={errors.length}
      >
        <header className="block-node-header">
          <span className="block-node-title">{data.name}</span>
          <ErrorBadge issues={errors} />
        </header>
      </div>
    );
  }
  const edit = (param: string, value: number | string) =>
    useStore.getState().editGraph((graph) => setParam(graph, data.nodeId, param, value), `param:${data.nodeId}.${param}`);
  const done = () => useStore.getState().endGraphGesture();
  const editMany = (values: Record<string, ParamValue>) => {
    useStore
      .getState()
      .editGraph((graph) => Object.entries(values).reduce((g, [param, value]) => setParam(g, data.nodeId, param, value), graph));
    done();
  };
  const shownParams = block.params.filter((spec) => !data.hiddenParams.includes(spec.name));
  // A typed level nobody has typed yet shows empty (and invalid), not as the catalogue's 0.
  const typedLevels = new Set(block.inputs.map((input) => input.constantParam));
  return (
    <div
      className={`block-node block-node--${block.category}${errors.length > 0 ? ' block-node--invalid' : ''}${selected ? ' block-node--selected' : ''}`}
      data-testid="strategy-node"
      data-node-id={data.nodeId}
      data-node-type={data.type}
      data-error-count={errors.length}
      title={block.description}
    >
      <header className="block-node-header">
        <span className="block-node-title">{data.name}</span>
        {errors.length > 0 ? <ErrorBadge issues={errors} /> : null}
      </header>
      <div className="block-node-ports">
        <div className="block-node-inputs">
          {block.inputs.map((port) => (
            <PortRow key={port.name} port={port} side="input" nodeName={data.name} />
          ))}
        </div>
        <div className="block-node-outputs">
          {block.outputs.map((port) => (
            <PortRow key={port.name} port={port} side="output" nodeName={data.name} />
          ))}
        </div>
      </div>
      {shownParams.length > 0 ? (
        <div className="block-node-params">
          {shownParams.map((spec) =>
            spec.kind === 'text' && spec.format === 'model' ? (
              <ModelPicker
                key={spec.name}
                nodeId={data.nodeId}
                model={String(data.params[spec.name] ?? '')}
                version={Number(data.params.version ?? 1)}
                onPick={editMany}
              />
            ) : (
              <ParamField
                key={spec.name}
                spec={spec}
                value={data.params[spec.name] ?? (typedLevels.has(spec.name) ? '' : spec.default)}
                barTimeframe={data.barTimeframe}
                onChange={(value) => edit(spec.name, value)}
                onDone={done}
              />
            ),
          )}
        </div>
      ) : null}
    </div>
  );
});
