import { BLOCKS } from '../blocks/index';
import { isBlockType, type NumberParamSpec } from '../block-types';
import type { StrategyGraph } from '../graph-schema';
import { checkParamValue, withParams } from '../params';
import { bollingerBreakoutTemplate } from './bollinger-breakout';
import { macdTrendTemplate } from './macd-trend';
import { rsiReversionTemplate } from './rsi-reversion';
import { smaCrossTemplate } from './sma-cross';
import type { StrategyTemplate, TemplateParam } from './template-types';

export type { StrategyTemplate, TemplateParam } from './template-types';

export const STRATEGY_TEMPLATES: readonly StrategyTemplate[] = [
  smaCrossTemplate,
  rsiReversionTemplate,
  bollingerBreakoutTemplate,
  macdTrendTemplate,
];

export function findTemplate(name: string): StrategyTemplate | undefined {
  return STRATEGY_TEMPLATES.find((t) => t.name === name);
}

/** The block parameter a template parameter controls (range, kind, default for forms). */
export function templateParamSpec(template: StrategyTemplate, param: TemplateParam): NumberParamSpec {
  const node = template.graph().nodes.find((n) => n.id === param.nodeId);
  if (!node || !isBlockType(node.type)) throw new Error(`template ${template.name}: no node "${param.nodeId}"`);
  const spec = BLOCKS[node.type].params.find((p) => p.name === param.param);
  if (!spec || spec.kind === 'choice' || spec.kind === 'text')
    throw new Error(`template ${template.name}: "${param.param}" is not numeric`);
  const current = node.params[param.param];
  return { ...spec, default: typeof current === 'number' ? current : spec.default };
}

export type TemplateBuildResult = { ok: true; graph: StrategyGraph } | { ok: false; message: string };

/** The template's graph with some of its parameters set, e.g. `{ fast: 5, slow: 20 }`. */
export function buildFromTemplate(name: string, values: Readonly<Record<string, number>> = {}): TemplateBuildResult {
  const template = findTemplate(name);
  if (!template) {
    return { ok: false, message: `unknown template "${name}"; templates: ${STRATEGY_TEMPLATES.map((t) => t.name).join(', ')}` };
  }
  const assignments = [];
  for (const [key, value] of Object.entries(values)) {
    const param = template.params.find((p) => p.name === key);
    if (!param) {
      const known = template.params.map((p) => p.name).join(', ');
      return { ok: false, message: `template "${name}" has no parameter "${key}"; it has ${known}` };
    }
    const bad = checkParamValue(templateParamSpec(template, param), value);
    if (bad) return { ok: false, message: `template "${name}": parameter "${key}" ${bad.problem}` };
    assignments.push({ nodeId: param.nodeId, param: param.param, value });
  }
  return { ok: true, graph: withParams(template.graph(), assignments) };
}
