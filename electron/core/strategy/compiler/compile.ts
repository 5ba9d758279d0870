/**
 * Graph → executable plan: validate, order the compute nodes topologically, give every
 * output port a slot, and turn the action blocks into entry/exit rules. The same plan feeds
 * the batch evaluator (backtests) and the streaming evaluator (live, paper).
 */
import type { BlockType, PortType } from '../../../../shared/strategy/block-types';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { SizingMode } from '../../../../shared/strategy/blocks/action-blocks';
import type { StrategyGraph, StrategyNode } from '../../../../shared/strategy/graph-schema';
import { hasErrors, type StrategyIssue } from '../../../../shared/strategy/issues';
import { resolveParams } from '../../../../shared/strategy/params';
import { validateStrategyGraph, type ValidationContext } from '../../../../shared/strategy/validate';
import { timeframeMs, type Timeframe } from '../../../../shared/domain/types';
import type { SignalFeed } from '../signal-feed';
import { signalReceived } from './signal-runtime';
import type { ModelFeed } from '../model-feed';
import { unfedModel } from './model-runtime';
import { CANDLE_SLOTS, CANDLE_SLOT_COUNT, type NodeRuntime } from './runtime-types';
import { RUNTIMES, isActionType, type ComputeBlockType } from './runtimes';
import { compareWithConstant, type ConstantComparison } from './expression-runtimes';
import { orderRulesOf, usesOrderRules, type OrderRules } from './order-rules';
import { assignTimeframes, type TimeframeDomain } from './timeframe-domains';

export class StrategyCompileError extends Error {
  override name = 'StrategyCompileError';
  constructor(readonly issues: StrategyIssue[]) {
    super(
      issues
        .filter((i) => i.severity === 'error')
        .map((i) => i.message)
        .join('\n'),
    );
  }
}

export interface SlotRef {
  type: Exclude<PortType, 'action'>;
  index: number;
}

export interface EntryRule {
  nodeId: string;
  /** Boolean slot of the `when` input. */
  condition: number;
  sizing: SizingMode;
  size: number;
  stopLossPct: number | null;
  takeProfitPct: number | null;
  trailingStopPct: number | null;
  /** A stop level wired from a number series ("Stop at price"), or null. */
  stopLevel: PriceLevel | null;
  /** A target level wired from a number series ("Target at price"), or null. */
  targetLevel: PriceLevel | null;
  /** Absent: long. A short rule comes from an "Enter short" block (in `shortEntries`). */
  side?: 'long' | 'short';
  /** Short only: borrowing/funding cost in percent of the short's value per close held (0: not modelled). */
  borrowPctPerBar?: number;
  /** Partial targets, break-even stop, limit entry and adds; absent when the entry has none. */
  orders?: OrderRules;
}

export interface PriceLevel {
  /** Number slot of the level series. */
  slot: number;
  /** True: re-read at every close ("follow"); false: the value at the signal bar's close, kept. */
  follow: boolean;
}

export interface ExitRule {
  nodeId: string;
  condition: number;
}

export interface CompiledStep {
  nodeId: string;
  type: BlockType;
  runtime: NodeRuntime;
  /**
   * What the step computes, independent of node ids: block type, resolved parameters and the
   * keys of its inputs. Two steps with the same key produce the same columns over the same bars,
   * which is what lets a sweep compute each distinct indicator once (see SharedColumns).
   */
  key: string;
  /** Output slots, in the block's port order. */
  outputs: SlotRef[];
  /** Input slots, in the block's port order (a typed constant's own slot where one is typed). */
  inputs: SlotRef[];
  /**
   * Reads the strategy's position (a Position block, or anything computed from one): evaluated
   * bar by bar with the position at each close, never as a whole column ahead of the fills.
   */
  positional: boolean;
  /**
   * Set when the step runs on the closed bars of this higher timeframe (all its inputs come from
   * one higher-timeframe source; see timeframe-domains.ts); absent: on the base bars.
   */
  timeframe?: Timeframe;
  /** A constant only higher-timeframe steps read: not computed on the base bars. */
  higherOnly?: boolean;
}

export interface CompiledStrategy {
  graph: StrategyGraph;
  /** Compute nodes in dependency order. */
  steps: CompiledStep[];
  numberSlots: number;
  booleanSlots: number;
  /** "Enter long" rules (the live bots and alerts read these). */
  entries: EntryRule[];
  /** "Exit long" rules. */
  exits: ExitRule[];
  /** "Enter short" rules (backtests only; live bots refuse them at validation). */
  shortEntries: EntryRule[];
  /** "Exit short" rules. */
  shortExits: ExitRule[];
  /**
   * The graph uses shorts, partial targets, a break-even stop, limit entries or adds: the backtest
   * runs the order simulator instead of the plain long-only one (whose hot loop stays untouched).
   */
  advancedOrders: boolean;
  /** `nodeId.port` → slot of every computed output (for charts and live previews). */
  outputs: ReadonlyMap<string, SlotRef>;
  /** Validation warnings (errors stop compilation). */
  warnings: StrategyIssue[];
  /** Some step reads the position: evaluation needs the position at every bar's close. */
  positional: boolean;
  /** Higher-timeframe sources: their output slots are filled by the evaluators from closed bars of `timeframe`. */
  higherTimeframes: HigherTimeframeSource[];
  /** Per higher timeframe read: the steps run on its closed bars and the slots aligned onto the base bars. */
  timeframeDomains: TimeframeDomain[];
  /**
   * Number slots of constants (Number blocks, typed levels) that no step reads as a column: every
   * comparison reading them takes the value itself. Slot → value. The batch evaluator fills no
   * column for them unless one is asked for (`numberColumn`, `series`: price levels, previews).
   */
  valueOnlyConstants: ReadonlyMap<number, number>;
  /** "Other market" sources: their output slots are filled by the evaluators from the other market's closed bars. */
  otherMarkets: OtherMarketSource[];
}

export interface OtherMarketSource {
  nodeId: string;
  /** The other market, e.g. BTC/USDT (same venue, same timeframe as the strategy's bars). */
  market: string;
  /** open, high, low, close, volume slots. */
  outputs: number[];
}

export interface HigherTimeframeSource {
  nodeId: string;
  timeframe: Timeframe;
  /** open, high, low, close, volume slots. */
  outputs: number[];
}

/**
 * Refuses a run whose bars' timeframe cannot feed the strategy's higher-timeframe blocks (unknown,
 * or not lower than theirs), naming the block. Both evaluators call it.
 */
export function checkTimeframes(compiled: CompiledStrategy, base: Timeframe | undefined): void {
  for (const source of compiled.higherTimeframes) {
    const label = describeNode(compiled.graph, source.nodeId);
    if (base === undefined) {
      throw new StrategyTimeframeError(
        `${label} reads ${source.timeframe} candles, so the run needs bars of a known timeframe (1m … 1w); these bars have none. Use a downloaded or bundled data set, or remove the block.`,
      );
    }
    const higher = timeframeMs(source.timeframe);
    const own = timeframeMs(base);
    if (higher <= own || higher % own !== 0) {
      throw new StrategyTimeframeError(
        `${label} reads ${source.timeframe} candles, which is not a higher timeframe than the ${base} bars it runs on. Pick a timeframe above ${base}.`,
      );
    }
  }
  checkOtherMarketTimeframe(compiled, base);
}

/** Another market's bars are aligned by open time, which needs bars of a known timeframe. */
function checkOtherMarketTimeframe(compiled: CompiledStrategy, base: Timeframe | undefined): void {
  const first = compiled.otherMarkets[0];
  if (first === undefined || base !== undefined) return;
  throw new StrategyTimeframeError(
    `${describeNode(compiled.graph, first.nodeId)} reads ${first.market} bar by bar beside the strategy's own, so the run needs bars of a known timeframe (1m … 1w); these bars have none. Use a downloaded or bundled data set, or remove the block.`,
  );
}

export class StrategyTimeframeError extends Error {
  override name = 'StrategyTimeframeError';
}

/** An "Other market" block whose market's bars were not handed to the evaluator. */
export class OtherMarketDataError extends Error {
  override name = 'OtherMarketDataError';
  constructor(readonly market: string) {
    super(`No bars of ${market} were provided for the "Other market" block; load that market's candles for the same range and timeframe.`);
  }
}

function describeNode(graph: StrategyGraph, nodeId: string): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const title = node ? BLOCKS[node.type as BlockType].title : 'block';
  return `The block "${node?.label ?? nodeId}" (${title}, node "${nodeId}")`;
}

export interface CompileOptions {
  /** Also compute nodes that feed no action (the editor previews them); default false. */
  includeUnusedNodes?: boolean;
  /** Signals for the "Signal received" blocks (live: the bot's tape; backtest: the stored log). */
  signals?: SignalFeed;
  /** Known signal sources etc.: a block naming a deleted source is an error. */
  context?: ValidationContext;
  /** Trained models for the Model blocks (backtests: the versions the graph pins; live: the registry). */
  models?: ModelFeed;
  /** A graph of features only (a model's inputs): no "Enter long" is needed. */
  allowNoActions?: boolean;
}

export function compileStrategy(graph: StrategyGraph, options: CompileOptions = {}): CompiledStrategy {
  const issues = validateStrategyGraph(graph, options.context).filter((i) => !(options.allowNoActions && i.code === 'no_entry'));
  if (hasErrors(issues)) throw new StrategyCompileError(issues);

  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const sourceOf = new Map<string, { node: string; port: string }>();
  for (const e of graph.edges) sourceOf.set(`${e.to.node}.${e.to.port}`, e.from);
  // Inputs left unconnected (validated: only those that take a typed number) have no upstream node.
  const upstream = (node: StrategyNode): string[] =>
    BLOCKS[node.type as BlockType].inputs.flatMap((input) => sourceOf.get(`${node.id}.${input.name}`)?.node ?? []);

  const order = orderComputeNodes(graph, nodes, upstream, options.includeUnusedNodes ?? false);
  const outputs = new Map<string, SlotRef>();
  // Content key of each slot's column (the candle columns are the data itself).
  const slotKeys = new Map<string, string>(
    Object.keys(CANDLE_SLOTS).map((port) => [`number:${CANDLE_SLOTS[port as keyof typeof CANDLE_SLOTS]}`, port]),
  );
  let numberSlots = CANDLE_SLOT_COUNT;
  let booleanSlots = 0;
  const steps: CompiledStep[] = [];
  // Slots (`type:index`) whose values depend on the position.
  const positionalSlots = new Set<string>();
  // Number slots holding a constant (slot → value), and the number slots some step reads as a column.
  const constantSlots = new Map<number, number>();
  const columnReads = new Set<number>();
  for (const node of order) {
    // Validated above, and orderComputeNodes keeps compute blocks only.
    const type = node.type as ComputeBlockType;
    const block = BLOCKS[type];
    const outSlots = block.outputs.map((port) => {
      const index =
        type === 'candle' ? CANDLE_SLOTS[port.name as keyof typeof CANDLE_SLOTS] : port.type === 'number' ? numberSlots++ : booleanSlots++;
      outputs.set(`${node.id}.${port.name}`, { type: port.type as SlotRef['type'], index });
      return index;
    });
    const params = resolveParams(block, node.params);
    const inRefs = block.inputs.flatMap((input) => {
      if (sourceOf.has(`${node.id}.${input.name}`)) return [inputSlot(node, input.name, sourceOf, outputs)];
      // An optional input left unconnected (a Model block's later features) is simply not read.
      if (input.optional) return [];
      // A typed number: computed exactly as a Number block with that value would be (same step, same key).
      const value = params[input.constantParam!] as number;
      const ref: SlotRef = { type: 'number', index: numberSlots++ };
      const constantKey = `constant${JSON.stringify({ value })}()`;
      slotKeys.set(`number:${ref.index}`, `${constantKey}.value`);
      constantSlots.set(ref.index, value);
      steps.push({
        nodeId: node.id,
        type: 'constant',
        runtime: RUNTIMES.constant({ value }, [], [ref.index]),
        key: constantKey,
        outputs: [ref],
        inputs: [],
        positional: false,
      });
      return [ref];
    });
    const inSlots = inRefs.map((ref) => ref.index);
    // A signal block's column depends on the feed's market too (its default market filter).
    const feedKey = type === 'signalReceived' ? `@${options.signals?.market ?? ''}` : '';
    const key = `${type}${JSON.stringify(params)}${feedKey}(${inRefs.map((ref) => slotKeys.get(`${ref.type}:${ref.index}`)).join(',')})`;
    const outRefs = block.outputs.map((port) => outputs.get(`${node.id}.${port.name}`)!);
    if (type !== 'candle')
      block.outputs.forEach((port, k) => slotKeys.set(`${outRefs[k]!.type}:${outRefs[k]!.index}`, `${key}.${port.name}`));
    const positional = type === 'position' || inRefs.some((ref) => positionalSlots.has(`${ref.type}:${ref.index}`));
    if (positional) for (const ref of outRefs) positionalSlots.add(`${ref.type}:${ref.index}`);
    if (type === 'constant') constantSlots.set(outSlots[0]!, params.value as number);
    // The position pass copies its steps' inputs in per bar, so those always read columns.
    const direct = positional ? null : constantOperand(type, inSlots, constantSlots);
    for (const [k, slot] of inSlots.entries()) if (inRefs[k]!.type === 'number' && k !== direct?.constantInput) columnReads.add(slot);
    const runtime = direct
      ? compareWithConstant(direct.type, direct.series, direct.value, direct.constantInput === 0, outSlots[0]!)
      : type === 'signalReceived'
        ? signalReceived(params, outSlots, options.signals)
        : type === 'model'
          ? (options.models?.runtime({ nodeId: node.id, label: describeNode(graph, node.id) }, params, inSlots, outSlots[0]!) ??
            unfedModel(outSlots[0]!))
          : RUNTIMES[type](params, inSlots, outSlots);
    steps.push({
      nodeId: node.id,
      type,
      runtime,
      key,
      outputs: outRefs,
      inputs: inRefs,
      positional,
    });
  }
  if (!options.signals && steps.some((s) => s.type === 'signalReceived')) {
    const node = steps.find((s) => s.type === 'signalReceived')!.nodeId;
    issues.push({
      severity: 'warning',
      code: 'no_signal_feed',
      nodeId: node,
      message: `"Signal received" blocks have no signals here (only a running strategy bot or a backtest with the source's log feeds them): they stay false.`,
    });
  }

  if (!options.models && steps.some((s) => s.type === 'model')) {
    issues.push({
      severity: 'warning',
      code: 'no_model_feed',
      nodeId: steps.find((s) => s.type === 'model')!.nodeId,
      message: 'Model blocks have no trained model here (a backtest or a running bot loads the pinned version): they stay empty.',
    });
  }

  const entries: EntryRule[] = [];
  const exits: ExitRule[] = [];
  const shortEntries: EntryRule[] = [];
  const shortExits: ExitRule[] = [];
  const wiring = (node: StrategyNode, port: string) => inputSlot(node, port, sourceOf, outputs);
  let advancedOrders = false;
  for (const node of graph.nodes) {
    if (node.type === 'enterLong' || node.type === 'enterShort') {
      const short = node.type === 'enterShort';
      const p = resolveParams(BLOCKS[node.type], node.params);
      const rule: EntryRule = {
        nodeId: node.id,
        condition: wiring(node, 'when').index,
        sizing: p.sizing as SizingMode,
        size: p.size as number,
        stopLossPct: protection(graph, node.id, 'stopLoss'),
        takeProfitPct: protection(graph, node.id, 'takeProfit'),
        trailingStopPct: protection(graph, node.id, 'trailingStop'),
        stopLevel: priceLevel(graph, node.id, 'stopAtPrice', sourceOf, outputs),
        targetLevel: priceLevel(graph, node.id, 'targetAtPrice', sourceOf, outputs),
      };
      const orders = orderRulesOf(graph, node.id, wiring);
      if (usesOrderRules(orders)) {
        rule.orders = orders;
        advancedOrders = true;
      }
      if (short) {
        rule.side = 'short';
        rule.borrowPctPerBar = p.borrowPctPerBar as number;
        shortEntries.push(rule);
        advancedOrders = true;
      } else {
        entries.push(rule);
      }
    } else if (node.type === 'exitLong') {
      exits.push({ nodeId: node.id, condition: wiring(node, 'when').index });
    } else if (node.type === 'exitShort') {
      shortExits.push({ nodeId: node.id, condition: wiring(node, 'when').index });
      advancedOrders = true;
    }
  }
  const positional = steps.some((s) => s.positional);
  const valueOnlyConstants = new Map([...constantSlots].filter(([slot]) => !columnReads.has(slot)));
  const higherTimeframes = steps
    .filter((s) => s.type === 'higherTimeframe')
    .map((s) => ({
      nodeId: s.nodeId,
      timeframe: resolveParams(BLOCKS.higherTimeframe, nodes.get(s.nodeId)!.params).timeframe as Timeframe,
      outputs: s.outputs.map((ref) => ref.index),
    }));
  const timeframeDomains = assignTimeframes(steps, higherTimeframes, ruleSlots(entries, exits, shortEntries, shortExits));
  const otherMarkets = steps
    .filter((s) => s.type === 'otherMarket')
    .map((s) => ({
      nodeId: s.nodeId,
      market: resolveParams(BLOCKS.otherMarket, nodes.get(s.nodeId)!.params).market as string,
      outputs: s.outputs.map((ref) => ref.index),
    }));
  return {
    graph,
    steps,
    numberSlots,
    booleanSlots,
    entries,
    exits,
    shortEntries,
    shortExits,
    advancedOrders,
    outputs,
    warnings: issues,
    positional,
    higherTimeframes,
    timeframeDomains,
    valueOnlyConstants,
    otherMarkets,
  };
}

const CONSTANT_COMPARISONS = new Set<string>(['greaterThan', 'lessThan', 'crossesAbove', 'crossesBelow']);

/**
 * A comparison with exactly one constant input (a Number block or a typed level) reads the
 * constant's value instead of a column of it. Two constants compare as columns (nobody builds that).
 */
function constantOperand(
  type: ComputeBlockType,
  inSlots: readonly number[],
  constants: ReadonlyMap<number, number>,
): { type: ConstantComparison; series: number; value: number; constantInput: number } | null {
  if (!CONSTANT_COMPARISONS.has(type)) return null;
  const [a, b] = inSlots as [number, number];
  const aConstant = constants.has(a);
  const bConstant = constants.has(b);
  if (aConstant === bConstant) return null;
  const constantInput = bConstant ? 1 : 0;
  return {
    type: type as ConstantComparison,
    series: bConstant ? a : b,
    value: constants.get(bConstant ? b : a)!,
    constantInput,
  };
}

/** `type:index` of every slot the action blocks read (conditions, wired levels, order rules). */
function ruleSlots(entries: EntryRule[], exits: ExitRule[], shortEntries: EntryRule[], shortExits: ExitRule[]): Set<string> {
  const slots = new Set<string>();
  for (const rule of [...exits, ...shortExits]) slots.add(`boolean:${rule.condition}`);
  for (const rule of [...entries, ...shortEntries]) {
    slots.add(`boolean:${rule.condition}`);
    for (const level of [rule.stopLevel, rule.targetLevel, ...(rule.orders?.partials.map((p) => p.level) ?? [])])
      if (level) slots.add(`number:${level.slot}`);
    if (rule.orders?.limit && rule.orders.limit.priceSlot !== null) slots.add(`number:${rule.orders.limit.priceSlot}`);
    if (rule.orders?.add) slots.add(`boolean:${rule.orders.add.condition}`);
  }
  return slots;
}

function inputSlot(
  node: StrategyNode,
  port: string,
  sourceOf: Map<string, { node: string; port: string }>,
  outputs: Map<string, SlotRef>,
): SlotRef {
  const from = sourceOf.get(`${node.id}.${port}`)!;
  return outputs.get(`${from.node}.${from.port}`)!;
}

/** Action blocks with a number or boolean input: what they read must be computed. */
const ROOT_ACTIONS = new Set([
  'enterLong',
  'exitLong',
  'stopAtPrice',
  'targetAtPrice',
  'enterShort',
  'exitShort',
  'partialTargetAtPrice',
  'limitEntry',
  'addToPosition',
]);

/** Depth-first post-order from the actions (or every node): dependencies come first. */
function orderComputeNodes(
  graph: StrategyGraph,
  nodes: Map<string, StrategyNode>,
  upstream: (node: StrategyNode) => string[],
  includeUnused: boolean,
): StrategyNode[] {
  const order: StrategyNode[] = [];
  const done = new Set<string>();
  const visit = (id: string): void => {
    if (done.has(id)) return;
    done.add(id);
    const node = nodes.get(id)!;
    for (const dep of upstream(node)) visit(dep);
    if (!isActionType(node.type as BlockType)) order.push(node);
  };
  // Price-level orders are roots too: their level series must be computed.
  const roots = graph.nodes.filter((n) => includeUnused || ROOT_ACTIONS.has(n.type));
  for (const root of roots) visit(root.id);
  return order;
}

function priceLevel(
  graph: StrategyGraph,
  entryId: string,
  type: 'stopAtPrice' | 'targetAtPrice',
  sourceOf: Map<string, { node: string; port: string }>,
  outputs: Map<string, SlotRef>,
): PriceLevel | null {
  for (const e of graph.edges) {
    if (e.from.node !== entryId) continue;
    const target = graph.nodes.find((n) => n.id === e.to.node);
    if (target?.type !== type) continue;
    const mode = resolveParams(BLOCKS[type], target.params).mode;
    return { slot: inputSlot(target, 'price', sourceOf, outputs).index, follow: mode === 'follow' };
  }
  return null;
}

function protection(graph: StrategyGraph, entryId: string, type: 'stopLoss' | 'takeProfit' | 'trailingStop'): number | null {
  for (const e of graph.edges) {
    if (e.from.node !== entryId) continue;
    const target = graph.nodes.find((n) => n.id === e.to.node);
    if (target?.type === type) return resolveParams(BLOCKS[type], target.params).percent as number;
  }
  return null;
}
