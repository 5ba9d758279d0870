/**
 * When the markets list writes its live cells. Tickers may arrive ten times a second for every
 * row; nobody reads fifty prices changing ten times a second, and each write costs text layout
 * and paint (software raster on many machines), on the same thread as the chart and the ticket.
 * So list rows are written in waves, about one every ROW_WRITE_INTERVAL_MS, each row at
 * most once per wave and always with its newest ticker (a row reads the store when its turn
 * comes), a wave in one frame (ROWS_PER_FRAME) that a batch draws anyway. The
 * selected market's row is written on the next frame, like the chart header and the ticket.
 */

/**
 * Time between two waves, so between two writes of a list row other than the selected one (about
 * five a second); a wave may start up to WAVE_SLACK_MS early to share a frame (see below).
 */
export const ROW_WRITE_INTERVAL_MS = 200;

/**
 * Rows written per animation frame. A wave of 50 rows (a list of usual height, with its overscan)
 * fits one frame: about 4 ms of text layout in software rendering, in a frame the batch draws
 * anyway. A taller list goes on over the next frames rather than overrun one.
 */
export const ROWS_PER_FRAME = 50;

/**
 * How early a wave may start to ride on a frame that is drawn anyway: a batch arriving just
 * before the interval is up carries the wave, instead of a timer drawing a frame of its own
 * a few ms later.
 */
export const WAVE_SLACK_MS = 40;

export type RowWrite = () => void;

const urgent = new Set<RowWrite>();
const waiting = new Set<RowWrite>();
const wave = new Set<RowWrite>();
let nextWaveAt = 0;
let frameRequest: number | null = null;
let waveTimer: ReturnType<typeof setTimeout> | null = null;

function requestFrame(): void {
  frameRequest ??= requestAnimationFrame(writeFrame);
}

/**
 * A wave that is due goes out with the frame the next ticker batch causes anyway (the selected
 * row, the chart header and the ticket redraw in it), so the list adds no frames of its own. This
 * timer only writes rows whose batch was the last one for a while.
 */
function waitForNextWave(now: number): void {
  if (waveTimer !== null || frameRequest !== null) return;
  waveTimer = setTimeout(
    () => {
      waveTimer = null;
      requestFrame();
    },
    Math.max(0, nextWaveAt - now) + WAVE_SLACK_MS,
  );
}

function writeFrame(): void {
  frameRequest = null;
  const now = performance.now();
  let budget = ROWS_PER_FRAME;
  for (const write of urgent) {
    urgent.delete(write);
    write();
    budget -= 1;
  }
  if (wave.size === 0 && waiting.size > 0 && now >= nextWaveAt - WAVE_SLACK_MS) {
    for (const write of waiting) wave.add(write);
    waiting.clear();
    nextWaveAt = now + ROW_WRITE_INTERVAL_MS;
  }
  for (const write of wave) {
    if (budget <= 0) break;
    wave.delete(write);
    write();
    budget -= 1;
  }
  if (wave.size > 0 || urgent.size > 0) requestFrame();
  else if (waiting.size > 0) waitForNextWave(now);
}

/** Asks for a row's cells to be written: on the next frame when `selected`, else in the next wave. */
export function scheduleRowWrite(write: RowWrite, selected: boolean): void {
  if (selected) {
    waiting.delete(write);
    wave.delete(write);
    urgent.add(write);
    requestFrame();
    return;
  }
  // Already due in the running wave: it will read the newest ticker when its turn comes.
  if (wave.has(write) || urgent.has(write)) return;
  waiting.add(write);
  const now = performance.now();
  if (wave.size === 0 && now >= nextWaveAt - WAVE_SLACK_MS) requestFrame();
  else waitForNextWave(now);
}

/** Forgets a row (it unmounted or changed symbol). */
export function cancelRowWrite(write: RowWrite): void {
  urgent.delete(write);
  waiting.delete(write);
  wave.delete(write);
}
