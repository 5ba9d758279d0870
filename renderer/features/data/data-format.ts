import type { Backup } from '../../../shared/ipc/schemas/storage';

/** "2026-12-06 01:02 UTC" (backups are named in UTC too). */
export function formatBackupTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function reasonLabel(backup: Pick<Backup, 'reason' | 'schemaVersion'>): string {
  switch (backup.reason) {
    case 'daily':
      return 'Daily';
    case 'manual':
      return 'By hand';
    case 'pre-migration':
      return `Before upgrade (schema ${backup.schemaVersion ?? '?'})`;
  }
}
