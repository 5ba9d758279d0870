/**
 * Sending a CSV file to core in pieces: the WebSocket transport refuses frames over 256 KB, so
 * a file of up to 20 MB goes as ordered chunks whose JSON-encoded size stays well under that.
 */
import { CSV_CHUNK_MAX_CHARS, CSV_IMPORT_MAX_CHARS, type CsvIssueView } from '../../../../shared/ipc/schemas/strategies';
import type { RpcClient } from '../../../lib/ipc/client';

/** Room for the frame's other fields under the transport's 256 KB. */
const MAX_CHUNK_BYTES = 200_000;
const encoder = new TextEncoder();

export function chunkText(text: string, maxChars = CSV_CHUNK_MAX_CHARS, maxBytes = MAX_CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let size = Math.min(maxChars, text.length - at);
    // Escapes (\n, \", non-ASCII) make the encoded frame larger than the text: shrink until it fits.
    while (size > 1 && encoder.encode(JSON.stringify(text.slice(at, at + size))).length > maxBytes) size = Math.floor(size / 2);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks.length > 0 ? chunks : [''];
}

export function uploadId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type CsvImportOutcome =
  | { ok: true; datasetId: string; label: string; bars: number; warnings: CsvIssueView[] }
  | { ok: false; errors: CsvIssueView[]; warnings: CsvIssueView[] };

export function tooLargeMessage(bytes: number): string | null {
  return bytes > CSV_IMPORT_MAX_CHARS
    ? `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the import limit is ${CSV_IMPORT_MAX_CHARS / 1024 / 1024} MB.`
    : null;
}

/** Uploads `text` in chunks, then asks core to import it; `onProgress` gets the share sent (0..1). */
export async function importCsvText(
  client: RpcClient,
  name: string,
  text: string,
  onProgress?: (fraction: number) => void,
): Promise<CsvImportOutcome> {
  const id = uploadId();
  const chunks = chunkText(text);
  for (let index = 0; index < chunks.length; index++) {
    await client.call('data.importCsvChunk', { uploadId: id, index, text: chunks[index]! });
    onProgress?.((index + 1) / chunks.length);
  }
  const result = await client.call('data.importCsv', { uploadId: id, name, chunks: chunks.length });
  if (!result.ok) return { ok: false, errors: result.errors, warnings: result.warnings };
  return { ok: true, datasetId: result.dataset.id, label: result.dataset.label, bars: result.dataset.bars, warnings: result.warnings };
}

export function formatCsvIssue(issue: CsvIssueView): string {
  return issue.line > 0 ? `Line ${issue.line}: ${issue.message}` : issue.message;
}
