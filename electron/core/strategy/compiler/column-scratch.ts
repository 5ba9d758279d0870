/**
 * Reusable intermediate columns. A backtest's indicator and condition columns never leave
 * the run, and an optimiser runs hundreds of backtests over the same bars: handing the same
 * buffers back avoids re-allocating (and page-faulting in) megabytes per run. Bounded, so an
 * idle process holds at most MAX_BYTES of scratch.
 */
const MAX_BYTES = 128 * 1024 * 1024;

export class ColumnScratch {
  private floats: Float64Array[] = [];
  private bytes: Uint8Array[] = [];
  private held = 0;

  takeFloat64(length: number): Float64Array {
    const i = this.floats.findIndex((a) => a.length === length);
    if (i < 0) return new Float64Array(length);
    const [found] = this.floats.splice(i, 1);
    this.held -= found!.byteLength;
    return found!;
  }

  takeBytes(length: number): Uint8Array {
    const i = this.bytes.findIndex((a) => a.length === length);
    if (i < 0) return new Uint8Array(length);
    const [found] = this.bytes.splice(i, 1);
    this.held -= found!.byteLength;
    return found!;
  }

  /** Gives columns back; they must no longer be read. Buffers of other lengths are dropped first. */
  release(floats: readonly Float64Array[], bytes: readonly Uint8Array[]): void {
    const length = floats[0]?.length ?? bytes[0]?.length;
    if (length === undefined) return;
    this.floats = this.floats.filter((a) => a.length === length);
    this.bytes = this.bytes.filter((a) => a.length === length);
    this.held = [...this.floats, ...this.bytes].reduce((sum, a) => sum + a.byteLength, 0);
    for (const a of floats) this.keep(a, this.floats);
    for (const a of bytes) this.keep(a, this.bytes);
  }

  private keep<T extends Float64Array | Uint8Array>(array: T, into: T[]): void {
    if (array.buffer instanceof SharedArrayBuffer || this.held + array.byteLength > MAX_BYTES) return;
    into.push(array);
    this.held += array.byteLength;
  }
}
