/**
 * Which strategies and bots pin a model version: a strategy pins it with a Model block set to
 * that model and version; a bot pins the version core says it runs (a scheduled retrain moves it),
 * or, before it has run, what its strategy's graph names. Deleting a version a bot
 * pins is refused (the bot could not start again); one only strategies pin asks first.
 */
import type { BotView } from '../../../shared/ipc/schemas/bots';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';

export interface ModelPins {
  strategies: string[];
  bots: string[];
}

export const pinKey = (id: string, version: number) => `${id}@${version}`;

/** The (model, version) pairs a graph's Model blocks pin (an ONNX model has version 1: it is not read). */
export function pinnedInGraph(graph: StrategyGraph): Array<{ nodeId: string; model: string; version: number }> {
  return graph.nodes
    .filter((n) => n.type === 'model' && typeof n.params.model === 'string' && n.params.model !== '')
    .map((n) => ({ nodeId: n.id, model: String(n.params.model), version: typeof n.params.version === 'number' ? n.params.version : 1 }));
}

function strategyIdOf(bot: BotView): string | null {
  const config = bot.config as { strategyId?: unknown };
  return typeof config.strategyId === 'string' ? config.strategyId : null;
}

/** A bot and, when core has recorded them, the versions it runs (a retrain moves a bot's pin past its graph's). */
export interface BotPins {
  bot: BotView;
  running?: ReadonlyArray<{ modelId: string; version: number }>;
}

export function modelPins(strategies: ReadonlyArray<{ id: string; name: string; graph: StrategyGraph }>, bots: readonly BotPins[]) {
  const pins = new Map<string, ModelPins>();
  const entry = (key: string) => {
    let pin = pins.get(key);
    if (!pin) pins.set(key, (pin = { strategies: [], bots: [] }));
    return pin;
  };
  const byId = new Map(strategies.map((s) => [s.id, s]));
  for (const strategy of strategies)
    for (const key of new Set(pinnedInGraph(strategy.graph).map((p) => pinKey(p.model, p.version))))
      entry(key).strategies.push(strategy.name);
  for (const { bot, running } of bots) {
    const strategy = byId.get(strategyIdOf(bot) ?? '');
    const keys =
      running && running.length > 0
        ? running.map((r) => pinKey(r.modelId, r.version))
        : strategy
          ? pinnedInGraph(strategy.graph).map((p) => pinKey(p.model, p.version))
          : [];
    const label = strategy ? `${bot.name} (runs ${strategy.name})` : bot.name;
    for (const key of new Set(keys)) entry(key).bots.push(label);
  }
  return pins;
}

/** Why a version cannot be deleted (a bot pins it), or null. `version` undefined: every version of the model. */
export function deleteRefusal(pins: ReadonlyMap<string, ModelPins>, id: string, versions: readonly number[]): string | null {
  const bots = [...new Set(versions.flatMap((v) => pins.get(pinKey(id, v))?.bots ?? []))];
  if (bots.length === 0) return null;
  return `Bot${bots.length > 1 ? 's' : ''} ${bots.join(', ')} pin${bots.length > 1 ? '' : 's'} this version: change the strategy's Model block to another version (or delete the bot) first.`;
}
