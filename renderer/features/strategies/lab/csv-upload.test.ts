import { describe, expect, it } from 'vitest';
import { chunkText, tooLargeMessage } from './csv-upload';

describe('CSV chunks', () => {
  it('stay under the frame budget even when escapes grow the encoded size, and join back to the file', () => {
    const text = `timestamp,open,high,low,close,volume\n${'1609459200000,1,2,0.5,1.5,10\n'.repeat(20_000)}`;
    const chunks = chunkText(text);
    expect(chunks.join('')).toBe(text);
    const encoder = new TextEncoder();
    for (const chunk of chunks) expect(encoder.encode(JSON.stringify(chunk)).length).toBeLessThanOrEqual(200_000);
    const quotes = '"'.repeat(150_000);
    const escaped = chunkText(quotes);
    expect(escaped.join('')).toBe(quotes);
    expect(escaped.length).toBeGreaterThan(1);
    expect(chunkText('')).toEqual(['']);
  });

  it('refuse a file over the import limit before reading it', () => {
    expect(tooLargeMessage(21 * 1024 * 1024)).toBe('The file is 21.0 MB; the import limit is 20 MB.');
    expect(tooLargeMessage(1024)).toBeNull();
  });
});
