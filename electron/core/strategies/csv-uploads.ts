/**
 * A CSV file arriving in pieces. The WebSocket transport refuses frames over 256 KB, so the
 * renderer sends a large file as ordered chunks and then asks for the import. Every limit is
 * enforced here too, because the sender is untrusted: total size, chunk order, how many
 * uploads one session may hold, and how long an abandoned one is kept.
 */
import { CSV_IMPORT_MAX_CHARS } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';

const MAX_UPLOADS_PER_SESSION = 4;
const ABANDONED_AFTER_MS = 10 * 60_000;

interface Upload {
  parts: string[];
  chars: number;
  touchedAt: number;
}

export class CsvUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly maxChars = CSV_IMPORT_MAX_CHARS,
    private readonly now: () => number = Date.now,
    /** Said when an upload passes maxChars (uploads of binary files count base64 characters, not the file's bytes). */
    private readonly tooLarge = `The file is larger than the ${Math.round(maxChars / 1024 / 1024)} MB import limit.`,
  ) {}

  add(sessionId: string, uploadId: string, index: number, text: string): number {
    this.dropAbandoned();
    const key = `${sessionId}\u0000${uploadId}`;
    let upload = this.uploads.get(key);
    if (!upload) {
      if (index !== 0) throw new TradewindError('invalid_input', 'This upload is unknown or expired; start the import again.');
      const mine = [...this.uploads.keys()].filter((k) => k.startsWith(`${sessionId}\u0000`)).length;
      if (mine >= MAX_UPLOADS_PER_SESSION) throw new TradewindError('invalid_input', 'Too many imports at once; wait for one to finish.');
      upload = { parts: [], chars: 0, touchedAt: this.now() };
      this.uploads.set(key, upload);
    }
    if (index !== upload.parts.length) {
      this.uploads.delete(key);
      throw new TradewindError(
        'invalid_input',
        `Chunk ${index} arrived out of order (expected ${upload.parts.length}); start the import again.`,
      );
    }
    if (upload.chars + text.length > this.maxChars) {
      this.uploads.delete(key);
      throw new TradewindError('invalid_input', this.tooLarge);
    }
    upload.parts.push(text);
    upload.chars += text.length;
    upload.touchedAt = this.now();
    return upload.chars;
  }

  /** The whole text once every chunk is in; the upload is forgotten either way. */
  take(sessionId: string, uploadId: string, chunks: number): string {
    const key = `${sessionId}\u0000${uploadId}`;
    const upload = this.uploads.get(key);
    this.uploads.delete(key);
    if (!upload) throw new TradewindError('invalid_input', 'This upload is unknown or expired; start the import again.');
    if (upload.parts.length !== chunks) {
      throw new TradewindError('invalid_input', `Only ${upload.parts.length} of ${chunks} chunks arrived; start the import again.`);
    }
    return upload.parts.join('');
  }

  /** A closed window or socket cannot finish its uploads: free their text now, not in ten minutes. */
  endSession(sessionId: string): void {
    for (const key of this.uploads.keys()) if (key.startsWith(`${sessionId}\u0000`)) this.uploads.delete(key);
  }

  /** Uploads still held; leak checks read it. */
  get size(): number {
    return this.uploads.size;
  }

  private dropAbandoned(): void {
    const cutoff = this.now() - ABANDONED_AFTER_MS;
    for (const [key, upload] of this.uploads) if (upload.touchedAt < cutoff) this.uploads.delete(key);
  }
}
