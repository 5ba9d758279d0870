/**
 * Contract entries for the docking workspace's layouts: the layout a window was left in and the
 * layouts a person saved under a name. Core keeps them in the data folder (so they survive a
 * reload, a restart and a new port of the headless host); the renderer owns what a layout means
 * (dockview's serialised grid, checked again when it is applied).
 */
import { z } from 'zod';

/** A saved layout's name as a person types it. */
export const LayoutNameSchema = z
  .string({ error: 'the layout name must be text' })
  .trim()
  .min(1, 'give the layout a name (1–40 characters)')
  .max(40, 'a layout name has at most 40 characters')
  .regex(/^[^\p{Cc}]+$/u, 'a layout name cannot contain control characters');

/** Enough for dozens of panels with their sizes; bounds what one layout can store. */
export const MAX_LAYOUT_BYTES = 200_000;
/** Saved layouts a person keeps at most (one more is refused with a message saying to delete one). */
export const MAX_NAMED_LAYOUTS = 30;

/** A dockview layout (`api.toJSON()`): an object with its grid and panels, size-limited. */
export const DockLayoutSchema = z
  .object(
    { grid: z.looseObject({}), panels: z.record(z.string(), z.looseObject({})) },
    { error: 'a layout is an object with a grid and its panels' },
  )
  .loose()
  .refine((layout) => JSON.stringify(layout).length <= MAX_LAYOUT_BYTES, `a layout can be at most ${MAX_LAYOUT_BYTES / 1000} kB`);
export type DockLayout = z.infer<typeof DockLayoutSchema>;

export const NamedLayoutSchema = z.object({ name: z.string(), layout: DockLayoutSchema, savedAt: z.number() });
export type NamedLayout = z.infer<typeof NamedLayoutSchema>;

export const LayoutsStateSchema = z.object({
  /** The layout the dock was last left in; null before the first change (the Trade preset then). */
  current: DockLayoutSchema.nullable(),
  /** Saved layouts, by name (alphabetical). */
  named: z.array(NamedLayoutSchema),
});
export type LayoutsState = z.infer<typeof LayoutsStateSchema>;

export const layoutMethods = {
  'layouts.get': {
    input: z.strictObject({}).optional(),
    output: LayoutsStateSchema,
  },
  /** Remembers the layout the dock is in now (called after each change, debounced). */
  'layouts.saveCurrent': {
    input: z.strictObject({ layout: DockLayoutSchema }),
    output: z.object({ saved: z.literal(true) }),
  },
  /** Saves (or replaces) a layout under a name; returns every saved layout afterwards. */
  'layouts.saveNamed': {
    input: z.strictObject({ name: LayoutNameSchema, layout: DockLayoutSchema }),
    output: z.array(NamedLayoutSchema),
  },
  'layouts.deleteNamed': {
    input: z.strictObject({ name: LayoutNameSchema }),
    output: z.array(NamedLayoutSchema),
  },
} as const;
