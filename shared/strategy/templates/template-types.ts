import type { StrategyGraph } from '../graph-schema';

/** A template parameter is a named handle on one node parameter of the template's graph. */
export interface TemplateParam {
  name: string;
  title: string;
  description: string;
  nodeId: string;
  param: string;
}

export interface StrategyTemplate {
  name: string;
  title: string;
  description: string;
  params: readonly TemplateParam[];
  /** The graph with every parameter at its default; an ordinary graph the editor can change. */
  graph(): StrategyGraph;
}
