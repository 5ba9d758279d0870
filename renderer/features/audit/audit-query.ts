import type { MethodInput } from '../../../shared/ipc/contract';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { AUDIT_KINDS, type AuditKind } from './audit-kinds';

/** Entries per page; older pages load as the table scrolls. */
export const AUDIT_PAGE = 200;

export interface AuditFilters {
  /** null: every account. */
  accountId: string | null;
  /** Empty: every kind. */
  kinds: readonly AuditKind[];
  /** The date input's value, "YYYY-MM-DD" (a UTC day, like every time shown), or "". */
  sinceDate: string;
}

export const NO_FILTERS: AuditFilters = { accountId: null, kinds: [], sinceDate: '' };

export function hasFilters(filters: AuditFilters): boolean {
  return filters.accountId !== null || filters.kinds.length > 0 || filters.sinceDate !== '';
}

/** Start of the chosen UTC day in ms, or null when the date is empty or malformed. */
export function sinceFromDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** The `audit.page` input for these filters: only the filters that are set, kinds in a stable order. */
export function auditQuery(filters: AuditFilters, limit = AUDIT_PAGE): MethodInput<'audit.page'> {
  const query: MethodInput<'audit.page'> = { limit };
  if (filters.accountId) query.accountId = filters.accountId;
  if (filters.kinds.length > 0) query.kinds = AUDIT_KINDS.filter((kind) => filters.kinds.includes(kind));
  const since = sinceFromDate(filters.sinceDate);
  if (since !== null) query.since = since;
  return query;
}

/** One string per distinct query, so the list starts again exactly when the filters change. */
export function filtersKey(filters: AuditFilters): string {
  return JSON.stringify(auditQuery(filters));
}

/** Whether a live `audit.appended` entry belongs in the filtered view. */
export function matchesFilters(entry: AuditEntry, filters: AuditFilters): boolean {
  if (filters.accountId !== null && entry.accountId !== filters.accountId) return false;
  if (filters.kinds.length > 0 && !filters.kinds.includes(entry.kind)) return false;
  const since = sinceFromDate(filters.sinceDate);
  return since === null || entry.at >= since;
}

/** Newest first, one row per id. */
export function mergeEntries(...lists: ReadonlyArray<readonly AuditEntry[]>): AuditEntry[] {
  const byId = new Map<number, AuditEntry>();
  for (const list of lists) for (const entry of list) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}
