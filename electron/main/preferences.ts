/**
 * Preferences only the Electron host has (core has no app-settings RPC, and a headless server has
 * no tray): a small JSON file in the data folder, written atomically. Holds no secret.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const PreferencesSchema = z.object({
  /** Closing the window hides it to the tray and bots keep running; null = never chosen (ask when bots run). */
  keepBotsInTray: z.boolean().nullable().default(null),
  /** Look for updates at start and every few hours. Off until the person turns it on (menu → "Check for updates automatically"). */
  autoUpdate: z.boolean().default(false),
  /** Another update feed than the one built into the installer (a mirror); checked in updates/update-policy.ts. */
  updateFeedUrl: z.string().nullable().default(null),
  /** Legacy: an MCP port set here before the Agents dialog had its switch; moved into that setting once (main/mcp-switch.ts). */
  mcpPort: z
    .number()
    .int()
    .min(1024, 'mcpPort must be 1024..65535 (or null to keep it off)')
    .max(65535, 'mcpPort must be 1024..65535 (or null to keep it off)')
    .nullable()
    .default(null),
});
export type MainPreferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: MainPreferences = { keepBotsInTray: null, autoUpdate: false, updateFeedUrl: null, mcpPort: null };

export function preferencesFile(dataDir: string): string {
  return path.join(dataDir, 'electron-preferences.json');
}

/** A missing file is the defaults; an unreadable or malformed one too, said in the log (never a crash). */
export function loadPreferences(file: string, log: (line: string) => void): MainPreferences {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`preferences: cannot read ${file} (${String(err)}); using defaults`);
    return { ...DEFAULT_PREFERENCES };
  }
  try {
    const parsed = PreferencesSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log(
      `preferences: ${file} is not valid (${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}); using defaults`,
    );
  } catch (err) {
    log(`preferences: ${file} is not JSON (${String(err)}); using defaults`);
  }
  return { ...DEFAULT_PREFERENCES };
}

/**
 * Changes some preferences, keeping the others as the file has them now (the tray and the update
 * menu each change their own). Written to a temporary file and renamed, so a crash mid-write never
 * leaves half a file. Returns the preferences as saved.
 */
export function savePreferences(file: string, changes: Partial<MainPreferences>, log: (line: string) => void): MainPreferences {
  const next = PreferencesSchema.parse({ ...loadPreferences(file, log), ...changes });
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
  renameSync(temporary, file);
  return next;
}
