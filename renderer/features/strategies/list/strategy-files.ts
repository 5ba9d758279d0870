/**
 * Strategy files in and out of the app. Imported files are untrusted data: size-checked before
 * they are read, then migrated and validated by the shared loader, whose issues name the node
 * and port. Exports are the graph's JSON, downloaded through a Blob URL (the CSP does not govern
 * downloads, and no network is involved).
 */
import { MAX_STRATEGY_JSON_CHARS, parseStrategyJson } from '../../../../shared/strategy/parse';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { StrategyIssue } from '../../../../shared/strategy/issues';

export type ImportedStrategy =
  { ok: true; graph: StrategyGraph; problems: StrategyIssue[]; upgradedFrom?: number } | { ok: false; problems: StrategyIssue[] };

/** A file's text, refused unread when it is too large to be a strategy. */
export async function readStrategyFile(file: File): Promise<ImportedStrategy> {
  // Characters ≤ bytes for UTF-8, so the byte size is a safe first check.
  if (file.size > MAX_STRATEGY_JSON_CHARS * 4) {
    return {
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'schema',
          message: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a strategy file is at most ${MAX_STRATEGY_JSON_CHARS / 1e6} M characters.`,
        },
      ],
    };
  }
  return importStrategyText(await readFileText(file));
}

/** A chosen file's text (FileReader: available wherever a file input is, unlike Blob.text in older engines). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

/**
 * A file whose shape is right is imported even when validation finds errors (an unfinished
 * strategy is still worth keeping); the errors are listed and shown on its blocks. A file whose
 * shape is wrong is refused with every problem listed.
 */
export function importStrategyText(text: string): ImportedStrategy {
  const loaded = parseStrategyJson(text);
  if (loaded.graph) {
    return {
      ok: true,
      graph: loaded.graph,
      problems: loaded.issues,
      ...(loaded.ok && loaded.upgradedFrom ? { upgradedFrom: loaded.upgradedFrom } : {}),
    };
  }
  return { ok: false, problems: loaded.issues };
}

/**
 * The WebSocket transport refuses frames over 256 KB, so a graph is checked before it is sent
 * (saved or imported) and refused with its size rather than dropping the connection.
 */
export const MAX_GRAPH_SEND_CHARS = 200_000;

export function graphTooLarge(graph: StrategyGraph): string | null {
  const size = JSON.stringify(graph).length;
  return size > MAX_GRAPH_SEND_CHARS
    ? `The strategy is too large to send to core (${Math.round(size / 1024)} KB of JSON; at most ${MAX_GRAPH_SEND_CHARS / 1000} KB). Remove blocks or split it.`
    : null;
}

export function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'strategy'}.tradewind-strategy.json`;
}

export function downloadStrategy(graph: StrategyGraph): void {
  const blob = new Blob([`${JSON.stringify(graph, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(graph.name);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
