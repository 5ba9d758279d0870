/**
 * The graph in words a trader reads: "Buy when RSI(14) of the close is below 30; sell when
 * RSI(14) of the close is above 70, or at 2 % below the entry price (stop-loss)." Pure and
 * isomorphic: the editor shows it beside the canvas and core puts it in the strategy list.
 * Every catalogue block has a phrase; a block without a special one is named by its title and
 * parameters. Node ids never appear; an unconnected input reads "(not connected)".
 */
import { BLOCKS } from './blocks/index';
import { isBlockType, isNumberParam, type BlockDefinition, type ParamValue, type ResolvedParams } from './block-types';
import type { StrategyGraph, StrategyNode } from './graph-schema';
import { barCount, higherTimeframeNodes } from './node-timeframes';
import { resolveParams } from './params';

export interface SummaryOptions {
  /** The timeframe the strategy runs on ("1h"): the base candle reads "the 1h close". */
  timeframe?: string;
  /** A signal source's name by id (the graph stores only the id). */
  signalSourceName?: (id: string) => string | undefined;
}

export interface StrategySummaryText {
  /** One sentence per entry (with its exits and orders), then standalone exits. */
  sentences: string[];
  /** The sentences joined; "No entry: add an Enter long or Enter short block." when there is none. */
  text: string;
}

const NOT_CONNECTED = '(not connected)';
const ENTRY_TYPES = new Set(['enterLong', 'enterShort']);

export function summarizeStrategy(graph: StrategyGraph, options: SummaryOptions = {}): StrategySummaryText {
  const s = new Summarizer(graph, options);
  const sentences = s.sentences();
  return { sentences, text: sentences.length > 0 ? sentences.join(' ') : 'No entry: add an Enter long or Enter short block.' };
}

/** Up to 8 significant digits, no trailing zeros, no exponent for ordinary prices. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(8)));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

class Summarizer {
  private readonly nodes = new Map<string, StrategyNode>();
  private readonly visiting = new Set<string>();
  /** Blocks fed only by a higher timeframe count their lookbacks in its bars ("3 4h bars ago"). */
  private readonly barTimeframes: Map<string, string>;

  constructor(
    private readonly graph: StrategyGraph,
    private readonly options: SummaryOptions,
  ) {
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    this.barTimeframes = higherTimeframeNodes(graph);
  }

  sentences(): string[] {
    const entries = this.graph.nodes.filter((n) => ENTRY_TYPES.has(n.type));
    const exits = (type: string) => this.graph.nodes.filter((n) => n.type === type);
    const out: string[] = [];
    const used = new Set<string>();
    for (const entry of entries) {
      const long = entry.type === 'enterLong';
      // Exit blocks close every position of their side: told with the first entry of that side.
      const sideExits = exits(long ? 'exitLong' : 'exitShort').filter((n) => !used.has(n.id));
      for (const n of sideExits) used.add(n.id);
      out.push(...this.entrySentences(entry, long, sideExits));
    }
    for (const type of ['exitLong', 'exitShort']) {
      for (const n of exits(type).filter((x) => !used.has(x.id))) {
        const verb = type === 'exitLong' ? 'Sell the long position' : 'Buy back the short position';
        out.push(`${verb} when ${this.input(n, 'when')}.`);
      }
    }
    return out;
  }

  private entrySentences(entry: StrategyNode, long: boolean, exitNodes: StrategyNode[]): string[] {
    const p = this.params(entry);
    const attached = this.graph.edges
      .filter((e) => e.from.node === entry.id && e.from.port === 'position')
      .map((e) => this.nodes.get(e.to.node))
      .filter((n): n is StrategyNode => n !== undefined);
    const size = sizePhrase(p);
    let first = `${long ? 'Buy' : 'Sell short'}${size ? ` ${size}` : ''} when ${this.input(entry, 'when')}`;
    for (const n of attached.filter((a) => a.type === 'limitEntry' || a.type === 'offsetEntry')) first += `, ${this.entryOrder(n)}`;

    const closeClauses = exitNodes.map((n) => `when ${this.input(n, 'when')}`);
    for (const n of attached) {
      const clause = this.protectiveClause(n, long);
      if (clause) closeClauses.push(clause);
    }
    const closeVerb = long ? 'sell' : 'buy back';
    const sentence = closeClauses.length > 0 ? `${first}; ${closeVerb} ${closeClauses.join(', or ')}.` : `${first}.`;
    const more = attached.flatMap((n) => {
      const extra = this.extraSentence(n, long);
      return extra ? [extra] : [];
    });
    if (entry.type === 'enterShort' && Number(p.borrowPctPerBar) > 0)
      more.push(`Borrowing costs ${formatNumber(Number(p.borrowPctPerBar))} % of the short's value per bar.`);
    return [sentence, ...more];
  }

  /** Orders that close the whole position, as clauses after "sell". */
  private protectiveClause(n: StrategyNode, long: boolean): string | undefined {
    const p = this.params(n);
    const pct = `${formatNumber(Number(p.percent))} %`;
    const adverse = long ? 'below' : 'above';
    const favourable = long ? 'above' : 'below';
    const level = () => `${this.input(n, 'price')}${p.mode === 'follow' ? ' (read at every close)' : ' (fixed at entry)'}`;
    switch (n.type) {
      case 'stopLoss':
        return `at ${pct} ${adverse} the entry price (stop-loss)`;
      case 'takeProfit':
        return `at ${pct} ${favourable} the entry price (take-profit)`;
      case 'trailingStop':
        return `at ${pct} ${adverse} the ${long ? 'highest' : 'lowest'} price since entry (trailing stop)`;
      case 'stopAtPrice':
        return `at a stop of ${level()}`;
      case 'targetAtPrice':
        return `at a target of ${level()}`;
      default:
        return undefined;
    }
  }

  /** Partial targets, break-even and adds: sentences of their own. */
  private extraSentence(n: StrategyNode, long: boolean): string | undefined {
    const p = this.params(n);
    const favourable = long ? 'above' : 'below';
    switch (n.type) {
      case 'partialTakeProfit':
        return `Take ${formatNumber(Number(p.share))} % of the position at ${formatNumber(Number(p.percent))} % ${favourable} the entry price.`;
      case 'partialTargetAtPrice':
        return `Take ${formatNumber(Number(p.share))} % of the position at ${this.input(n, 'price')}${
          p.mode === 'follow' ? ' (read at every close)' : ' (fixed at entry)'
        }.`;
      case 'breakEvenStop': {
        const after = Number(p.afterTarget);
        const at = p.fees === 'entryPlusFees' ? 'the entry price plus fees' : 'the entry price';
        return `After ${after === 1 ? 'the first partial target' : `${after} partial targets`}, move the stop to ${at}.`;
      }
      case 'addToPosition': {
        const size = sizePhrase(p, true) ?? '';
        const times = Number(p.maxAdds);
        return `Add ${size} when ${this.input(n, 'when')}, at most ${times} time${times === 1 ? '' : 's'}.`;
      }
      case 'limitEntry':
      case 'offsetEntry':
      case 'stopLoss':
      case 'takeProfit':
      case 'trailingStop':
      case 'stopAtPrice':
      case 'targetAtPrice':
        return undefined;
      default:
        return `${capitalise(this.generic(n))}.`;
    }
  }

  private entryOrder(n: StrategyNode): string {
    const p = this.params(n);
    const bars = Number(p.expiryBars);
    const expiry = `cancelled after ${bars} bar${bars === 1 ? '' : 's'}`;
    if (n.type === 'limitEntry') return `with a limit order at ${this.input(n, 'price')}, ${expiry}`;
    const offset = Number(p.offsetPct);
    const where = offset === 0 ? 'at the close' : `${formatNumber(Math.abs(offset))} % ${offset < 0 ? 'below' : 'above'} the close`;
    return `with a limit order ${where}, ${expiry}`;
  }

  /** The phrase for what feeds an input: a series or a condition. */
  private input(node: StrategyNode, port: string): string {
    const edge = this.graph.edges.find((e) => e.to.node === node.id && e.to.port === port);
    if (!edge) {
      const block = this.block(node);
      const spec = block?.inputs.find((i) => i.name === port);
      if (spec?.constantParam !== undefined && block) return formatNumber(Number(this.params(node)[spec.constantParam]));
      return NOT_CONNECTED;
    }
    const from = this.nodes.get(edge.from.node);
    if (!from) return NOT_CONNECTED;
    if (this.visiting.has(from.id)) return '(a loop)';
    this.visiting.add(from.id);
    try {
      return this.output(from, edge.from.port);
    } finally {
      this.visiting.delete(from.id);
    }
  }

  /** A compound phrase in parentheses when it is joined to others (A + B, A and B). */
  private operand(node: StrategyNode, port: string): string {
    const text = this.input(node, port);
    const edge = this.graph.edges.find((e) => e.to.node === node.id && e.to.port === port);
    const from = edge ? this.nodes.get(edge.from.node) : undefined;
    const compound = from && ['add', 'subtract', 'multiply', 'divide', 'and', 'or'].includes(from.type) && from.type !== node.type;
    return compound ? `(${text})` : text;
  }

  private output(n: StrategyNode, port: string): string {
    const p = this.params(n);
    const tf = this.options.timeframe ? `${this.options.timeframe} ` : '';
    const field = (name: string) => (name === 'volume' ? 'volume' : name);
    const of = () => ` of ${this.input(n, 'source')}`;
    const num = (name: string) => formatNumber(Number(p[name]));
    const htf = this.barTimeframes.get(n.id);
    switch (n.type) {
      case 'candle':
        return `the ${tf}${field(port)}`;
      case 'higherTimeframe':
        return `the ${String(p.timeframe)} ${field(port)}`;
      case 'otherMarket':
        return `the ${tf}${field(port)} of ${String(p.market) || '(no market chosen)'}`;
      case 'constant':
        return num('value');
      case 'sma':
      case 'ema':
      case 'wma':
      case 'rsi':
      case 'highest':
      case 'lowest':
        return `${this.block(n)!.title}(${num('period')})${of()}`;
      case 'roc':
        return htf ? `the rate of change over ${barCount(Number(p.period), htf)}${of()}` : `the ${num('period')}-bar rate of change${of()}`;
      case 'macd': {
        const which = port === 'macd' ? 'line' : port === 'signal' ? 'signal line' : 'histogram';
        return `the MACD(${num('fast')}, ${num('slow')}, ${num('signal')}) ${which}${of()}`;
      }
      case 'bollinger':
        return `the ${port} Bollinger band(${num('period')}, ${num('deviations')})${of()}`;
      case 'atr':
        return `ATR(${num('period')})`;
      case 'add':
        return `${this.operand(n, 'a')} + ${this.operand(n, 'b')}`;
      case 'subtract':
        return `${this.operand(n, 'a')} − ${this.operand(n, 'b')}`;
      case 'multiply':
        return `${this.operand(n, 'a')} × ${this.operand(n, 'b')}`;
      case 'divide':
        return `${this.operand(n, 'a')} ÷ ${this.operand(n, 'b')}`;
      case 'barsAgo':
        return `${this.input(n, 'source')} ${barCount(Number(p.bars), htf)} ago`;
      case 'barsSince':
        return `the ${htf ? `${htf} ` : ''}bars since ${this.input(n, 'input')}`;
      case 'greaterThan':
        return `${this.input(n, 'a')} is above ${this.input(n, 'b')}`;
      case 'lessThan':
        return `${this.input(n, 'a')} is below ${this.input(n, 'b')}`;
      case 'crossesAbove':
        return `${this.input(n, 'a')} crosses above ${this.input(n, 'b')}`;
      case 'crossesBelow':
        return `${this.input(n, 'a')} crosses below ${this.input(n, 'b')}`;
      case 'and':
        return `${this.operand(n, 'a')} and ${this.operand(n, 'b')}`;
      case 'or':
        return `${this.operand(n, 'a')} or ${this.operand(n, 'b')}`;
      case 'not':
        return `not (${this.input(n, 'input')})`;
      case 'trueForBars':
        return `${this.input(n, 'input')} for ${barCount(Number(p.bars), htf)} in a row`;
      case 'position':
        return positionPhrase(port);
      case 'hourOfDay':
        return `the bar opens between ${pad(p.from)}:00 and ${pad(p.to)}:59 (${String(p.timeZone)})`;
      case 'weekday':
        return `the bar opens from ${dayTitle(this.block(n)!, 'from', p.from)} to ${dayTitle(this.block(n)!, 'to', p.to)} (${String(p.timeZone)})`;
      case 'session':
        return `the bar opens in the ${String(p.start)}–${String(p.end)} session (${String(p.timeZone)}${p.days === 'weekdays' ? ', Monday to Friday' : ''})`;
      case 'signalReceived': {
        const action = p.action === 'any' ? 'buy or sell' : String(p.action);
        const id = String(p.source);
        const source = this.options.signalSourceName?.(id) ?? 'its signal source';
        const market = p.market ? ` for ${String(p.market)}` : '';
        return `a ${action} signal${market} arrives from ${source}`;
      }
      case 'model': {
        // The model's id is not for people; its features are what the trader wired.
        const block = this.block(n)!;
        const features = block.inputs.filter((i) => !i.optional || this.connected(n, i.name)).map((i) => this.input(n, i.name));
        return `the prediction of the model (version ${num('version')}) from ${features.join(', ')}`;
      }
      case 'adx':
        return `${port === 'adx' ? 'ADX' : port === 'plusDi' ? '+DI' : '−DI'}(${num('period')})`;
      case 'superTrend':
        if (port === 'up') return `SuperTrend(${this.paramList(n)}) is in an up-trend`;
        return this.generic(n, port);
      default:
        if (this.block(n)?.category === 'pattern') {
          const title = this.block(n)!.title.toLowerCase();
          return `${/^[aeiou]/.test(title) ? 'an' : 'a'} ${title} candle pattern completes`;
        }
        return this.generic(n, port);
    }
  }

  /** "Keltner channels(20, 2) upper of …": title, numeric parameters, the output, its source. */
  private generic(n: StrategyNode, port?: string): string {
    const block = this.block(n);
    if (!block) return n.label ?? `an unknown "${n.type}" block`;
    const params = this.paramList(n);
    const outputTitle =
      port && block.outputs.length > 1 ? ` ${(block.outputs.find((o) => o.name === port)?.title ?? port).toLowerCase()}` : '';
    const sources = block.inputs
      .filter((i) => i.type !== 'action' && (!i.optional || this.connected(n, i.name)))
      .map((i) => this.input(n, i.name));
    const of = sources.length > 0 ? ` of ${sources.join(' and ')}` : '';
    return `${block.title}${params ? `(${params})` : ''}${outputTitle}${of}`;
  }

  private paramList(n: StrategyNode): string {
    const block = this.block(n);
    if (!block) return '';
    const p = this.params(n);
    return block.params
      .map((spec) => {
        const v = p[spec.name];
        if (isNumberParam(spec)) return `${formatNumber(Number(v))}${spec.unit === '%' ? ' %' : ''}`;
        if (spec.kind === 'choice') return spec.options.find((o) => o.value === v)?.title ?? String(v);
        // Ids of sources and models mean nothing to a reader; a market does.
        return spec.format === 'market' && v !== '' ? String(v) : undefined;
      })
      .filter((x): x is string => x !== undefined)
      .join(', ');
  }

  private connected(n: StrategyNode, port: string): boolean {
    return this.graph.edges.some((e) => e.to.node === n.id && e.to.port === port);
  }

  private block(n: StrategyNode): BlockDefinition | undefined {
    return isBlockType(n.type) ? BLOCKS[n.type] : undefined;
  }

  private params(n: StrategyNode): ResolvedParams {
    const block = this.block(n);
    return block ? resolveParams(block, n.params) : n.params;
  }
}

function sizePhrase(p: ResolvedParams, always = false): string | undefined {
  const size = Number(p.size);
  if (p.sizing === 'quoteAmount') return `${formatNumber(size)} of the quote currency`;
  if (!always && size === 100) return undefined;
  return `${formatNumber(size)} % of equity`;
}

function positionPhrase(port: string): string {
  switch (port) {
    case 'inPosition':
      return 'a position is open';
    case 'entryPrice':
      return 'the entry price';
    case 'unrealisedPct':
      return 'the unrealised profit %';
    case 'barsInTrade':
      return 'the bars in trade';
    case 'highestSinceEntry':
      return 'the highest price since entry';
    case 'lowestSinceEntry':
      return 'the lowest price since entry';
    default:
      return `the position's ${port}`;
  }
}

function pad(value: ParamValue | undefined): string {
  return String(value).padStart(2, '0');
}

function dayTitle(block: BlockDefinition, name: string, value: ParamValue | undefined): string {
  const spec = block.params.find((s) => s.name === name);
  return spec?.kind === 'choice' ? (spec.options.find((o) => o.value === value)?.title ?? String(value)) : String(value);
}
