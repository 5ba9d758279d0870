import type { botPresetMethods } from '../../../shared/ipc/schemas/bot-presets';
import type { BotPresets } from '../bots/presets/bot-presets';
import type { Handlers } from './dispatch';

type PresetHandlers = Pick<Handlers, keyof typeof botPresetMethods>;

/** Bot presets over the contract: thin calls into the store, which checks every preset it reads. */
export function createBotPresetHandlers(presets: BotPresets): PresetHandlers {
  return {
    'botPresets.list': () => presets.list(),
    'botPresets.save': ({ name, settings }) => presets.save(name, settings),
    'botPresets.rename': ({ id, name }) => presets.rename(id, name),
    'botPresets.delete': ({ id }) => ({ deleted: presets.delete(id) }),
  };
}
