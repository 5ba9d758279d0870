import { z } from 'zod';

export const DiagnosticsExportSchema = z.object({
  /** Where the bundle was written (in the data folder's diagnostics/ folder, readable by its owner only). */
  file: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type DiagnosticsExport = z.infer<typeof DiagnosticsExportSchema>;

export const LogsOpenSchema = z.object({
  dir: z.string(),
  /** True when the host opened the folder in the file manager (Electron); the headless host only names it. */
  opened: z.boolean(),
});
export type LogsOpen = z.infer<typeof LogsOpenSchema>;

export const diagnosticsMethods = {
  /** Writes a redacted diagnostics bundle (versions, OS, settings, quick_check, accounts without keys, last log lines). */
  'diagnostics.export': { input: z.strictObject({}).optional(), output: DiagnosticsExportSchema },
  /** Opens the logs folder in the desktop's file manager where the host can (Electron), and says where it is. */
  'logs.open': { input: z.strictObject({}).optional(), output: LogsOpenSchema },
} as const;
