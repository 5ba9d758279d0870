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
});
export type MainPreferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: MainPreferences = { keepBotsInTray: null };

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
    log(`preferences: ${file} is not valid (${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}); using defaults`);
  } catch (err) {
    log(`preferences: ${file} is not JSON (${String(err)}); using defaults`);
  }
  return { ...DEFAULT_PREFERENCES };
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function savePreferences(file: string, preferences: MainPreferences): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(PreferencesSchema.parse(preferences), null, 2)}\n`, 'utf8');
  renameSync(temporary, file);
}
