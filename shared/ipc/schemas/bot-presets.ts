/**
 * Contract entries for bot presets: a bot's settings saved under a name, for any kind, to start
 * new bots from. A preset is checked against this build's settings schema whenever it is read:
 * one that no longer fits (its kind's settings changed, or the kind is gone) is listed as
 * invalid with the reason and no settings, so a form is never filled from half of it.
 */
import { z } from 'zod';
import { BotInputSchema } from './bots';

const finite = z.number().finite();
const id = z.string().min(1).max(64);
const empty = z.strictObject({}).optional();

export const PRESET_NAME_MAX = 80;
export const PresetNameSchema = z
  .string()
  .trim()
  .min(1, 'a preset needs a name')
  .max(PRESET_NAME_MAX)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** What a preset keeps: everything the bot form holds but the bot's own name. */
export const PresetSettingsSchema = BotInputSchema.omit({ name: true });
export type PresetSettings = z.infer<typeof PresetSettingsSchema>;

export const BotPresetViewSchema = z.object({
  id,
  name: z.string(),
  /** The kind the preset was saved for (also when this build no longer knows it). */
  kind: z.string(),
  createdAt: finite,
  updatedAt: finite,
  /** The settings, checked against this build's schema; null when they do not fit (see `invalid`). */
  settings: PresetSettingsSchema.nullable(),
  /** Why the stored settings cannot be used any more, naming the setting; null when they check out. */
  invalid: z.string().nullable(),
});
export type BotPresetView = z.infer<typeof BotPresetViewSchema>;

export const botPresetMethods = {
  /** Every preset by name, each checked against the current settings schema. */
  'botPresets.list': { input: empty, output: z.array(BotPresetViewSchema) },
  /** Saves settings under a new name (a name already used is refused). */
  'botPresets.save': {
    input: z.strictObject({ name: PresetNameSchema, settings: PresetSettingsSchema }),
    output: BotPresetViewSchema,
  },
  'botPresets.rename': { input: z.strictObject({ id, name: PresetNameSchema }), output: BotPresetViewSchema },
  'botPresets.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
} as const;
