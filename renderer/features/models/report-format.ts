/** Scores as the report shows them: shares as percent, AUC and R² as ratios, a dash when a window cannot have one. */
const DASH = '—';

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : `${(value * 100).toFixed(1)} %`;
}

export function ratio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : value.toFixed(3);
}

export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function span(from: number, to: number): string {
  return `${day(from)} → ${day(to)}`;
}
