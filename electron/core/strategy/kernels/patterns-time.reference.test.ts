/**
 * Candle patterns, bar logic and time filters: each against a plain per-bar reference on real
 * data (patterns from their textbook wording, time from Intl asked afresh for every bar), plus
 * hand-built cases that pin the definitions, daylight-saving changes included.
 */
import { describe, expect, it } from 'vitest';
import { realCandles, type RealDataName } from '../test-support/real-candles';
import { barsSinceSeries, lagSeries } from './bar-history';
import * as pat from './candle-patterns';
import { FALSE, TRUE, UNKNOWN } from './conditions';
import { HourOfDayKernel, SessionKernel, WeekdayKernel, hourOfDaySeries, sessionSeries, weekdaySeries } from './time-filters';

interface Bar {
  o: number;
  h: number;
  l: number;
  c: number;
}

// ---------- textbook patterns, one bar at a time ----------

const body = (b: Bar) => Math.abs(b.c - b.o);
const range = (b: Bar) => b.h - b.l;
const upperShadow = (b: Bar) => b.h - Math.max(b.o, b.c);
const lowerShadow = (b: Bar) => Math.min(b.o, b.c) - b.l;
const rising = (b: Bar) => b.c > b.o;
const falling = (b: Bar) => b.c < b.o;

const REFERENCE: Record<string, { bars: number; test: (cur: Bar, prev: Bar, first: Bar) => boolean }> = {
  bullishEngulfing: { bars: 2, test: (x, p) => falling(p) && rising(x) && x.o <= p.c && x.c >= p.o && body(x) > body(p) },
  bearishEngulfing: { bars: 2, test: (x, p) => rising(p) && falling(x) && x.o >= p.c && x.c <= p.o && body(x) > body(p) },
  hammer: { bars: 1, test: (x) => range(x) > 0 && lowerShadow(x) >= 2 * body(x) && upperShadow(x) <= 0.1 * range(x) },
  invertedHammer: { bars: 1, test: (x) => range(x) > 0 && upperShadow(x) >= 2 * body(x) && lowerShadow(x) <= 0.1 * range(x) },
  doji: { bars: 1, test: (x) => body(x) <= 0.1 * range(x) },
  morningStar: {
    bars: 3,
    test: (x, star, f) => falling(f) && body(star) <= body(f) / 3 && Math.max(star.o, star.c) <= f.c && rising(x) && x.c > (f.o + f.c) / 2,
  },
  eveningStar: {
    bars: 3,
    test: (x, star, f) => rising(f) && body(star) <= body(f) / 3 && Math.min(star.o, star.c) >= f.c && falling(x) && x.c < (f.o + f.c) / 2,
  },
};

const SERIES: Record<string, (c: Parameters<typeof pat.hammerSeries>[0], out: Uint8Array, n: number) => void> = {
  bullishEngulfing: pat.bullishEngulfingSeries,
  bearishEngulfing: pat.bearishEngulfingSeries,
  hammer: pat.hammerSeries,
  invertedHammer: pat.invertedHammerSeries,
  doji: (c, out, n) => pat.dojiSeries(c, 10, out, n),
  morningStar: pat.morningStarSeries,
  eveningStar: pat.eveningStarSeries,
};

function runPattern(name: string, bars: Bar[]): Uint8Array {
  const cols = {
    open: Float64Array.from(bars.map((b) => b.o)),
    high: Float64Array.from(bars.map((b) => b.h)),
    low: Float64Array.from(bars.map((b) => b.l)),
    close: Float64Array.from(bars.map((b) => b.c)),
  };
  const out = new Uint8Array(bars.length);
  SERIES[name]!(cols, out, bars.length);
  return out;
}

const DATASETS: RealDataName[] = ['btc1h', 'eth5m', 'xrpEth5m', 'adaBtc5m'];

describe('candle patterns on real data', () => {
  const found = new Map<string, number>();

  it.each(DATASETS.flatMap((d) => Object.keys(REFERENCE).map((p) => [d, p] as const)))('%s: %s', (dataset, name) => {
    const c = realCandles(dataset);
    const bars: Bar[] = Array.from({ length: c.length }, (_, i) => ({ o: c.open[i]!, h: c.high[i]!, l: c.low[i]!, c: c.close[i]! }));
    const out = runPattern(name, bars);
    const { bars: needed, test } = REFERENCE[name]!;
    for (let i = 0; i < bars.length; i++) {
      const expected = i < needed - 1 ? UNKNOWN : test(bars[i]!, bars[i - 1]!, bars[i - 2]!) ? TRUE : FALSE;
      if (out[i] !== expected) expect.fail(`bar ${i}: kernel ${out[i]}, reference ${expected}`);
    }
    found.set(name, (found.get(name) ?? 0) + out.filter((v) => v === TRUE).length);
  });

  it('every pattern occurs in the data (so the checks above compare something)', () => {
    for (const name of Object.keys(REFERENCE)) expect(found.get(name), name).toBeGreaterThan(0);
  });
});

describe('candle patterns by hand', () => {
  const bar = (o: number, h: number, l: number, c: number): Bar => ({ o, h, l, c });

  it('engulfing needs the opposite colour before and a body that covers it', () => {
    expect([...runPattern('bullishEngulfing', [bar(10, 10.1, 8.9, 9), bar(8.9, 10.3, 8.8, 10.2)])]).toEqual([UNKNOWN, TRUE]);
    // Opens above the previous close: the body does not cover it.
    expect(runPattern('bullishEngulfing', [bar(10, 10.1, 8.9, 9), bar(9.1, 10.3, 8.8, 10.2)])[1]).toBe(FALSE);
    expect(runPattern('bearishEngulfing', [bar(9, 10.1, 8.9, 10), bar(10.1, 10.2, 8.7, 8.8)])[1]).toBe(TRUE);
    expect(runPattern('bearishEngulfing', [bar(10, 10.1, 8.9, 9), bar(10.1, 10.2, 8.7, 8.8)])[1]).toBe(FALSE);
  });

  it('hammer and inverted hammer: a long shadow on one side, almost none on the other', () => {
    expect(runPattern('hammer', [bar(10, 10.12, 9.5, 10.1)])[0]).toBe(TRUE);
    expect(runPattern('hammer', [bar(10, 10.3, 9.5, 10.1)])[0]).toBe(FALSE);
    expect(runPattern('invertedHammer', [bar(10, 10.5, 9.98, 10.1)])[0]).toBe(TRUE);
    expect(runPattern('invertedHammer', [bar(10, 10.12, 9.5, 10.1)])[0]).toBe(FALSE);
  });

  it('doji: body at most the given share of the range', () => {
    const cols = {
      open: Float64Array.of(10, 10),
      high: Float64Array.of(11, 11),
      low: Float64Array.of(9, 9),
      close: Float64Array.of(10.2, 10.21),
    };
    const out = new Uint8Array(2);
    pat.dojiSeries(cols, 10, out, 2);
    expect([...out]).toEqual([TRUE, FALSE]);
  });

  it('morning and evening star: long body, small star past its close, a close beyond its midpoint', () => {
    const morning = [bar(10, 10.1, 8.9, 9), bar(8.95, 9, 8.7, 8.9), bar(8.9, 9.8, 8.85, 9.7)];
    expect([...runPattern('morningStar', morning)]).toEqual([UNKNOWN, UNKNOWN, TRUE]);
    // The third candle closes below the first body's midpoint (9.5).
    expect(runPattern('morningStar', [morning[0]!, morning[1]!, bar(8.9, 9.5, 8.85, 9.4)])[2]).toBe(FALSE);
    const evening = [bar(9, 10.1, 8.9, 10), bar(10.05, 10.3, 10, 10.1), bar(10.1, 10.15, 9.2, 9.3)];
    expect(runPattern('eveningStar', evening)[2]).toBe(TRUE);
    // A star with a body larger than a third of the first one.
    expect(runPattern('eveningStar', [evening[0]!, bar(10, 10.5, 9.9, 10.4), evening[2]!])[2]).toBe(FALSE);
  });

  it('a missing value restarts the window', () => {
    const out = runPattern('bullishEngulfing', [bar(10, 10.1, 8.9, 9), bar(NaN, NaN, NaN, NaN), bar(8.9, 10.3, 8.8, 10.2)]);
    expect([...out]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
  });
});

describe('bar logic on real data', () => {
  const c = realCandles('eth5m');
  const n = c.length;

  it.each([1, 5, 300])('value %i bars ago', (bars) => {
    const out = new Float64Array(n);
    lagSeries(c.close, bars, out, n);
    for (let i = 0; i < n; i++) expect(Object.is(out[i], i < bars ? NaN : c.close[i - bars])).toBe(true);
  });

  it('bars since a condition: 0 when true, counting up, empty before the first true and after an unknown', () => {
    const cond = new Uint8Array(n);
    for (let i = 0; i < n; i++) cond[i] = i < 10 ? UNKNOWN : i === 2000 ? UNKNOWN : c.close[i]! > c.close[i - 1]! * 1.003 ? TRUE : FALSE;
    const out = new Float64Array(n);
    barsSinceSeries(cond, out, n);
    for (let i = 0; i < n; i++) {
      let expected = NaN;
      for (let j = i; j >= 0; j--) {
        if (cond[j] === UNKNOWN) break;
        if (cond[j] === TRUE) {
          expected = i - j;
          break;
        }
      }
      if (!Object.is(out[i], expected)) expect.fail(`bar ${i}: kernel ${out[i]}, reference ${expected}`);
    }
    expect(Math.max(...Array.from(out).filter((v) => !Number.isNaN(v)))).toBeGreaterThan(5);
  });
});

// ---------- time filters ----------

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local weekday (0 = Monday), hour and minute of `t` in `timeZone`, straight from Intl for this instant. */
function localTime(timeZone: string, t: number): { weekday: number; hour: number; minute: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { weekday: WEEKDAY_INDEX[get('weekday')]!, hour: Number(get('hour')), minute: Number(get('minute')) };
}

describe('time filters against Intl asked for every bar', () => {
  // btc1h spans both 2021 daylight-saving changes of New York and London.
  const c = realCandles('btc1h');
  const n = c.length;

  it.each(['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'])('%s: hour, weekday and session', (zone) => {
    const hours = new Uint8Array(n);
    const days = new Uint8Array(n);
    const session = new Uint8Array(n);
    hourOfDaySeries(c.time, new HourOfDayKernel(zone, 22, 2), hours, n);
    weekdaySeries(c.time, new WeekdayKernel(zone, 4, 0), days, n);
    sessionSeries(c.time, new SessionKernel(zone, 9 * 60 + 30, 16 * 60, true), session, n);
    for (let i = 0; i < n; i++) {
      const local = localTime(zone, c.time[i]!);
      const minute = local.hour * 60 + local.minute;
      const expected = [
        local.hour >= 22 || local.hour <= 2,
        local.weekday >= 4 || local.weekday === 0,
        local.weekday <= 4 && minute >= 570 && minute < 960,
      ].map((b) => (b ? TRUE : FALSE));
      const actual = [hours[i], days[i], session[i]];
      if (actual.some((v, k) => v !== expected[k]))
        expect.fail(`bar ${i} (${new Date(c.time[i]!).toISOString()}): ${actual}, Intl says ${expected}`);
    }
    expect(session.includes(TRUE) && session.includes(FALSE)).toBe(true);
  });

  it.each([
    ['America/New_York', '2021-03-13T00:00:00Z'],
    ['America/New_York', '2021-11-06T00:00:00Z'],
    ['Europe/London', '2021-03-27T00:00:00Z'],
    ['Australia/Sydney', '2021-04-03T00:00:00Z'],
  ])('%s, one-minute bars over the days around %s: every minute as Intl says', (zone, from) => {
    const n = 3 * 1440;
    const start = Date.parse(from);
    const time = Float64Array.from({ length: n }, (_, i) => start + i * 60_000);
    const hours = new Uint8Array(n);
    const session = new Uint8Array(n);
    hourOfDaySeries(time, new HourOfDayKernel(zone, 2, 2), hours, n);
    sessionSeries(time, new SessionKernel(zone, 2 * 60 + 30, 3 * 60 + 15, false), session, n);
    for (let i = 0; i < n; i++) {
      const local = localTime(zone, time[i]!);
      const minute = local.hour * 60 + local.minute;
      const expected = [local.hour === 2, minute >= 150 && minute < 195].map((b) => (b ? TRUE : FALSE));
      if (hours[i] !== expected[0] || session[i] !== expected[1]) {
        expect.fail(`${new Date(time[i]!).toISOString()}: ${hours[i]}/${session[i]}, Intl says ${expected}`);
      }
    }
  });

  it('the New York session follows daylight saving: 09:30 is 14:30 UTC in winter, 13:30 UTC in summer', () => {
    const ny = new SessionKernel('America/New_York', 570, 960, true);
    const at = (iso: string) => ny.next(Date.parse(iso));
    expect(at('2021-03-12T13:30:00Z')).toBe(FALSE); // Friday 08:30 EST
    expect(at('2021-03-12T14:30:00Z')).toBe(TRUE); // Friday 09:30 EST
    expect(at('2021-03-13T15:00:00Z')).toBe(FALSE); // Saturday
    expect(at('2021-03-15T13:30:00Z')).toBe(TRUE); // Monday 09:30 EDT
    expect(at('2021-03-15T19:45:00Z')).toBe(TRUE); // 15:45 EDT
    expect(at('2021-03-15T20:00:00Z')).toBe(FALSE); // 16:00 EDT: the end is excluded
    const everyDay = new SessionKernel('America/New_York', 570, 960, false);
    expect(everyDay.next(Date.parse('2021-03-13T15:00:00Z'))).toBe(TRUE);
  });

  it('a session past midnight and hours that wrap', () => {
    const tokyoNight = new SessionKernel('Asia/Tokyo', 22 * 60, 2 * 60, false);
    expect(tokyoNight.next(Date.parse('2021-06-01T13:00:00Z'))).toBe(TRUE); // 22:00 JST
    expect(tokyoNight.next(Date.parse('2021-06-01T16:59:00Z'))).toBe(TRUE); // 01:59 JST
    expect(tokyoNight.next(Date.parse('2021-06-01T17:00:00Z'))).toBe(FALSE); // 02:00 JST
    const hours = new HourOfDayKernel('Europe/London', 23, 0);
    expect(hours.next(Date.parse('2021-07-01T22:30:00Z'))).toBe(TRUE); // 23:30 BST
    expect(hours.next(Date.parse('2021-07-01T23:59:00Z'))).toBe(TRUE); // 00:59 BST
    expect(hours.next(Date.parse('2021-07-02T00:00:00Z'))).toBe(FALSE); // 01:00 BST
  });

  it('a missing time is unknown, never true', () => {
    expect(new WeekdayKernel('UTC', 0, 6).next(NaN)).toBe(UNKNOWN);
  });
});
