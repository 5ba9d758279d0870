import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import type { AuditLog } from './audit-log';

export const AUDIT_COALESCE_WINDOW_MS = 60_000;

interface OpenWindow {
  startedAt: number;
  kind: AuditEntry['kind'];
  subject: string;
  accountId: string | null;
  /** Repeats after the first line of the window, by label (a method name, a reason). */
  repeats: Map<string, number>;
  timer: ReturnType<typeof setTimeout>;
}

export interface CoalescedEntry {
  /** What repeats share (an agent and what it did); one window per key. */
  key: string;
  kind: AuditEntry['kind'];
  /** Who or what, e.g. `Agent "Research bot"`: starts the folded line. */
  subject: string;
  /** The full line written for the first occurrence in a window. */
  summary: string;
  /** What distinguishes repeats in the folded line (`accounts.list ×12`). */
  label: string;
  accountId?: string | null;
}

/**
 * Keeps a chatty source (an agent polling read methods, a client retrying a revoked token) from
 * growing the audit log without bound: the first occurrence per key in a minute is written as it
 * happens; the rest are counted and written as one line when the minute ends, so every call is
 * still accounted for. Actions that change anything are not routed here; they keep a line each.
 */
export class AuditCoalescer {
  private readonly open = new Map<string, OpenWindow>();

  constructor(
    private readonly audit: AuditLog,
    private readonly windowMs: number = AUDIT_COALESCE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  append(entry: CoalescedEntry): void {
    const window = this.open.get(entry.key);
    if (window) {
      window.repeats.set(entry.label, (window.repeats.get(entry.label) ?? 0) + 1);
      return;
    }
    this.audit.append(entry.kind, entry.summary, entry.accountId ?? null);
    const timer = setTimeout(() => this.close(entry.key), this.windowMs);
    timer.unref?.();
    this.open.set(entry.key, {
      startedAt: this.now(),
      kind: entry.kind,
      subject: entry.subject,
      accountId: entry.accountId ?? null,
      repeats: new Map(),
      timer,
    });
  }

  /** Writes every pending count now (core closing). */
  flush(): void {
    for (const key of [...this.open.keys()]) this.close(key);
  }

  private close(key: string): void {
    const window = this.open.get(key);
    if (!window) return;
    this.open.delete(key);
    clearTimeout(window.timer);
    const total = [...window.repeats.values()].reduce((sum, n) => sum + n, 0);
    if (total === 0) return;
    const labels = [...window.repeats.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([label, n]) => `${label} ×${n}`)
      .join(', ');
    const since = new Date(window.startedAt).toISOString().slice(11, 19);
    this.audit.append(window.kind, `${window.subject}: ${total} more in the minute from ${since} UTC (${labels})`, window.accountId);
  }
}
