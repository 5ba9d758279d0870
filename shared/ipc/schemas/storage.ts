/**
 * Contract entries for the data folder's database: its backups, the full integrity check and
 * restoring a backup (verified now, applied at the next start: a running core cannot swap its
 * own file).
 */
import { z } from 'zod';
import { confirmationCodeField } from './trust';

const finite = z.number().finite();

export const BackupReasonSchema = z.enum(['daily', 'manual', 'pre-migration']);

export const BackupSchema = z.object({
  /** File name in the backups folder; it sorts by time and says why (e.g. ...-daily.sqlite). */
  name: z.string(),
  at: finite,
  sizeBytes: finite,
  reason: BackupReasonSchema,
  /** For pre-migration backups: the schema version saved. */
  schemaVersion: z.number().int().nullable(),
});
export type Backup = z.infer<typeof BackupSchema>;

export const PendingRestoreSchema = z.object({ backup: z.string(), requestedAt: finite });

export const StorageInfoSchema = z.object({
  file: z.string(),
  /** The database and its write-ahead log. */
  sizeBytes: finite,
  backupsDir: z.string(),
  /** Newest first. */
  backups: z.array(BackupSchema),
  /** How many backups of each reason are kept. */
  retention: z.object({ daily: z.number().int(), manual: z.number().int(), 'pre-migration': z.number().int() }),
  /** A restore that happens at the next start. */
  pendingRestore: PendingRestoreSchema.nullable(),
  /** Set when corruption was found while running: writes are refused; restore a backup. */
  damaged: z.string().nullable(),
  /** The last daily backup that could not be written, until one is written again. */
  lastBackupFailure: z.object({ at: finite, message: z.string() }).nullable(),
});
export type StorageInfo = z.infer<typeof StorageInfoSchema>;

export const IntegrityReportSchema = z.object({ ok: z.boolean(), problems: z.array(z.string()) });

const backupName = z
  .string()
  .max(120)
  .regex(/^tradewind-[0-9TZ-]+-(daily|manual|pre-migration-v\d+)\.sqlite$/, 'must be the name of a backup from storage.info');

export const storageMethods = {
  'storage.info': { input: z.strictObject({}).optional(), output: StorageInfoSchema },
  /** Writes a backup now (SQLite's online backup API; the app keeps running). */
  'storage.backup': { input: z.strictObject({}).optional(), output: BackupSchema },
  /** The full PRAGMA integrity_check of the live database (reads every page; can take a while on a big file). */
  'storage.check': { input: z.strictObject({}).optional(), output: IntegrityReportSchema },
  /**
   * Verifies the backup with integrity_check and restores it at the next start; the current
   * database is kept as tradewind.sqlite.before-restore-<time>. `confirmed` must be true (the UI
   * names what will be replaced first), and the host's trusted confirmation is required (an older
   * backup can bring back looser limits and confirmations off): a native dialog, or the code it
   * printed, sent back as confirmationCode.
   */
  'storage.restore': {
    input: z.strictObject({ name: backupName, confirmed: z.literal(true), ...confirmationCodeField }),
    output: z.object({ pendingRestore: PendingRestoreSchema, message: z.string() }),
  },
  /** Drops a restore asked for but not yet applied. */
  'storage.cancelRestore': { input: z.strictObject({}).optional(), output: z.object({ pendingRestore: z.null() }) },
} as const;
