/** Public surface of the strategy model: schema, catalogue, validation, templates, backtest types. */
export * from './block-types';
export { BLOCKS, getBlock, findInput, findOutput, findParam, SIZING_MODES, type SizingMode } from './blocks/index';
export * from './graph-schema';
export * from './issues';
export * from './migrations';
export * from './params';
export * from './parse';
export * from './validate';
export * from './backtest-schema';
export {
  STRATEGY_TEMPLATES,
  findTemplate,
  templateParamSpec,
  buildFromTemplate,
  type StrategyTemplate,
  type TemplateParam,
  type TemplateBuildResult,
} from './templates/index';
