// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as LiveRowWrites from './live-row-writes';

type Scheduler = typeof LiveRowWrites;

/** A fresh scheduler (its queues are module state) on fake frames and clocks. */
async function load(): Promise<Scheduler> {
  vi.resetModules();
  return import('./live-row-writes');
}

const FRAME_MS = 16;
const frame = () => vi.advanceTimersByTime(FRAME_MS);

/** A row that records the time of every write it gets. */
function row(log: Map<string, number[]>, name: string): () => void {
  log.set(name, []);
  return () => log.get(name)?.push(performance.now());
}

describe('live row writes', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a list row at most once per interval however often it changes, and never loses the last change', async () => {
    const { scheduleRowWrite, ROW_WRITE_INTERVAL_MS, WAVE_SLACK_MS } = await load();
    const log = new Map<string, number[]>();
    const eth = row(log, 'eth');
    const start = performance.now();
    // Ten changes a second for two seconds.
    for (let t = 0; t < 2_000; t += 100) {
      scheduleRowWrite(eth, false);
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(ROW_WRITE_INTERVAL_MS + FRAME_MS);
    const writes = log.get('eth') ?? [];
    const gaps = writes.slice(1).map((at, i) => at - (writes[i] as number));
    // A wave may start a little early to share a frame drawn anyway, never more.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(ROW_WRITE_INTERVAL_MS - WAVE_SLACK_MS);
    expect(writes.length).toBeGreaterThanOrEqual(2_000 / ROW_WRITE_INTERVAL_MS - 1);
    expect(writes.length).toBeLessThanOrEqual(2_000 / ROW_WRITE_INTERVAL_MS + 1);
    // The last change (at 1.9 s) was written after it happened.
    expect(writes.at(-1)).toBeGreaterThanOrEqual(start + 1_900);
  });

  it('writes the selected row on the next frame, every time', async () => {
    const { scheduleRowWrite } = await load();
    const log = new Map<string, number[]>();
    const btc = row(log, 'btc');
    for (let i = 0; i < 5; i += 1) {
      scheduleRowWrite(btc, true);
      frame();
    }
    expect(log.get('btc')).toHaveLength(5);
  });

  it('spreads a wave bigger than a frame over frames, and a row changed mid-wave is written once in it', async () => {
    const { scheduleRowWrite, ROWS_PER_FRAME, ROW_WRITE_INTERVAL_MS, WAVE_SLACK_MS } = await load();
    const log = new Map<string, number[]>();
    const count = ROWS_PER_FRAME * 2 + 10;
    const rows = Array.from({ length: count }, (_, i) => row(log, `r${i}`));
    for (const write of rows) scheduleRowWrite(write, false);
    frame();
    const written = () => [...log.values()].filter((times) => times.length > 0).length;
    expect(written()).toBe(ROWS_PER_FRAME);
    // The last row changes again before its turn: still one write in this wave.
    scheduleRowWrite(rows[count - 1] as () => void, false);
    frame();
    expect(written()).toBe(ROWS_PER_FRAME * 2);
    frame();
    expect(written()).toBe(count);
    expect(log.get(`r${count - 1}`)).toHaveLength(1);
    // A row written early in the wave and changed since waits for the next wave.
    scheduleRowWrite(rows[0] as () => void, false);
    frame();
    expect(log.get('r0')).toHaveLength(1);
    vi.advanceTimersByTime(ROW_WRITE_INTERVAL_MS + WAVE_SLACK_MS);
    expect(log.get('r0')).toHaveLength(2);
  });

  it('starts a due wave on the frame a selected row asks for, not on a frame of its own', async () => {
    const { scheduleRowWrite, ROW_WRITE_INTERVAL_MS } = await load();
    const log = new Map<string, number[]>();
    const btc = row(log, 'btc');
    const eth = row(log, 'eth');
    scheduleRowWrite(eth, false);
    frame();
    // Ten batches a second: each carries the selected row and the list row.
    for (let batch = 0; batch < 10; batch += 1) {
      vi.advanceTimersByTime(100 - FRAME_MS);
      scheduleRowWrite(btc, true);
      scheduleRowWrite(eth, false);
      frame();
    }
    const btcFrames = new Set(log.get('btc'));
    const ethWrites = (log.get('eth') ?? []).slice(1);
    expect(ethWrites.length).toBeGreaterThanOrEqual(1_000 / ROW_WRITE_INTERVAL_MS - 1);
    expect(ethWrites.every((at) => btcFrames.has(at))).toBe(true);
  });

  it('forgets a cancelled row', async () => {
    const { scheduleRowWrite, cancelRowWrite, ROW_WRITE_INTERVAL_MS } = await load();
    const log = new Map<string, number[]>();
    const gone = row(log, 'gone');
    scheduleRowWrite(gone, false);
    cancelRowWrite(gone);
    vi.advanceTimersByTime(ROW_WRITE_INTERVAL_MS * 2);
    expect(log.get('gone')).toEqual([]);
  });
});
