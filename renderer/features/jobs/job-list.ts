import type { JobProgress } from '../../../shared/ipc/schemas/strategies';

/** Finished jobs the panel keeps below the running ones (core keeps about as many results). */
export const KEEP_FINISHED = 20;

/**
 * The Jobs panel's list after one `jobs.progress` event, in core's `jobs.list` order: running
 * jobs first (oldest first), then finished ones newest first. A job that ends moves to the top
 * of the finished ones; the oldest finished beyond KEEP_FINISHED are dropped.
 */
export function upsertJob(list: readonly JobProgress[], progress: JobProgress): JobProgress[] {
  const known = list.findIndex((job) => job.jobId === progress.jobId);
  if (known >= 0 && list[known]!.state === progress.state) return list.map((job, k) => (k === known ? progress : job));
  const others = list.filter((job) => job.jobId !== progress.jobId);
  const running = others.filter((job) => job.state === 'running');
  const finished = others.filter((job) => job.state !== 'running');
  // A running job goes after the running ones, an ended one before the other ended ones: the same place.
  const keep = KEEP_FINISHED - (progress.state === 'running' ? 0 : 1);
  return [...running, progress, ...finished.slice(0, keep)];
}

/** Whether `a` is a later state of the same job than `b`: an ended job never runs again, and a running one only moves forward. */
function isNewer(a: JobProgress, b: JobProgress): boolean {
  if (a.state !== 'running') return b.state === 'running';
  return b.state === 'running' && a.done > b.done;
}

/**
 * The panel's list once `jobs.list` answers. Progress events that arrived while the list was on
 * its way are newer than it for their jobs (a job that ended meanwhile is listed as running), so
 * each is kept over the listed state when it is further along, and a job the list misses is added.
 */
export function mergeListed(current: readonly JobProgress[] | null, listed: readonly JobProgress[]): JobProgress[] {
  let merged = [...listed];
  for (const job of current ?? []) {
    const known = merged.find((other) => other.jobId === job.jobId);
    if (!known || isNewer(job, known)) merged = upsertJob(merged, job);
  }
  return merged;
}
