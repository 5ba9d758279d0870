/**
 * Vocabulary of the block catalogue: the closed set of block types, the three port types and
 * the shape of parameter specs. Isomorphic: the editor renders palettes and forms from this,
 * core compiles from it, and a strategy can never name anything outside it.
 */

export const BLOCK_TYPES = [
  'candle',
  'higherTimeframe',
  'otherMarket',
  'sma',
  'ema',
  'wma',
  'rsi',
  'macd',
  'bollinger',
  'atr',
  'stochastic',
  'vwap',
  'highest',
  'lowest',
  'roc',
  'adx',
  'parabolicSar',
  'ichimoku',
  'superTrend',
  'obv',
  'mfi',
  'cci',
  'keltner',
  'donchian',
  'williamsR',
  'bullishEngulfing',
  'bearishEngulfing',
  'hammer',
  'invertedHammer',
  'doji',
  'morningStar',
  'eveningStar',
  'barsAgo',
  'barsSince',
  'hourOfDay',
  'weekday',
  'session',
  'position',
  'signalReceived',
  'model',
  'constant',
  'add',
  'subtract',
  'multiply',
  'divide',
  'greaterThan',
  'lessThan',
  'crossesAbove',
  'crossesBelow',
  'and',
  'or',
  'not',
  'trueForBars',
  'enterLong',
  'exitLong',
  'stopLoss',
  'takeProfit',
  'trailingStop',
  'stopAtPrice',
  'targetAtPrice',
  'enterShort',
  'exitShort',
  'partialTakeProfit',
  'partialTargetAtPrice',
  'breakEvenStop',
  'limitEntry',
  'offsetEntry',
  'addToPosition',
] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

export function isBlockType(value: string): value is BlockType {
  return (BLOCK_TYPES as readonly string[]).includes(value);
}

/**
 * `number`: a number series, one value per bar (NaN while an indicator warms up).
 * `boolean`: a condition per bar (unknown while any input warms up; unknown never triggers).
 * `action`: a link from an entry to the orders of its positions (stops, targets, limit entry, adds).
 */
export type PortType = 'number' | 'boolean' | 'action';

export interface PortSpec {
  name: string;
  type: PortType;
  title: string;
  description: string;
  /** Bounds of a number output that has them (RSI 0–100): a level compared with it is swept within them. */
  range?: { min: number; max: number };
  /**
   * A number input that may stay unconnected: the block's number parameter of this name is then
   * its value on every bar (RSI < 30 without a Number block). Connected, the parameter is unused.
   */
  constantParam?: string;
  /** An input that may stay unconnected (a Model block's later features); the block reads only those connected. */
  optional?: boolean;
}

export type BlockCategory =
  'price' | 'indicator' | 'pattern' | 'time' | 'position' | 'signal' | 'model' | 'math' | 'comparison' | 'logic' | 'action' | 'risk';

export interface NumberParamSpec {
  name: string;
  kind: 'integer' | 'number';
  title: string;
  description: string;
  min: number;
  max: number;
  default: number;
  /** Suggested increment for editors and optimiser grids; not enforced. */
  step: number;
  unit?: 'bars' | '%' | 'quote' | '×';
}

export interface ChoiceParamSpec {
  name: string;
  kind: 'choice';
  title: string;
  description: string;
  options: readonly { value: string; title: string }[];
  default: string;
}

/**
 * A short identifier typed or picked in the editor: a signal source id (the editor offers the
 * configured sources), a market such as BTC/USDT, or a model id (the registry's models). Empty is allowed when `optional`; what an
 * empty value means is said in the description (a market filter: the strategy's own market).
 */
export interface TextParamSpec {
  name: string;
  kind: 'text';
  format: 'signalSource' | 'market' | 'model';
  title: string;
  description: string;
  default: string;
  optional: boolean;
}

export type ParamSpec = NumberParamSpec | ChoiceParamSpec | TextParamSpec;
/** Parameters that hold a number (optimisable, range-checked). */
export const isNumberParam = (spec: ParamSpec): spec is NumberParamSpec => spec.kind === 'integer' || spec.kind === 'number';
export type ParamValue = number | string;
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** A rule that involves more than one parameter, e.g. MACD fast < slow. */
export interface ParamConflict {
  param: string;
  message: string;
}

export interface BlockDefinition {
  type: BlockType;
  category: BlockCategory;
  title: string;
  description: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  params: readonly ParamSpec[];
  checkParams?: (params: ResolvedParams) => ParamConflict[];
}
