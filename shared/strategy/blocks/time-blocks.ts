import type { BlockDefinition, ChoiceParamSpec } from '../block-types';
import { port } from './spec-helpers';

/**
 * Time filters read each bar's open time in an IANA time zone through Intl, so daylight saving
 * is applied as the zone's rules say (a New York session is 13:30 UTC in summer, 14:30 in winter).
 * The zones are a fixed list so that every host (renderer, core, CLI) accepts the same graphs.
 */
export const TIME_ZONES = [
  ['UTC', 'UTC'],
  ['America/New_York', 'New York'],
  ['America/Chicago', 'Chicago'],
  ['America/Los_Angeles', 'Los Angeles'],
  ['America/Toronto', 'Toronto'],
  ['America/Sao_Paulo', 'São Paulo'],
  ['Europe/London', 'London'],
  ['Europe/Paris', 'Paris'],
  ['Europe/Berlin', 'Frankfurt / Berlin'],
  ['Europe/Zurich', 'Zurich'],
  ['Europe/Istanbul', 'Istanbul'],
  ['Europe/Moscow', 'Moscow'],
  ['Asia/Dubai', 'Dubai'],
  ['Asia/Kolkata', 'Mumbai'],
  ['Asia/Singapore', 'Singapore'],
  ['Asia/Hong_Kong', 'Hong Kong'],
  ['Asia/Shanghai', 'Shanghai'],
  ['Asia/Seoul', 'Seoul'],
  ['Asia/Tokyo', 'Tokyo'],
  ['Australia/Sydney', 'Sydney'],
] as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEKDAY_TITLES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const timeZoneParam: ChoiceParamSpec = {
  name: 'timeZone',
  kind: 'choice',
  title: 'Time zone',
  description: 'The zone whose local clock (daylight saving included) the filter reads.',
  options: TIME_ZONES.map(([value, city]) => ({ value, title: value === 'UTC' ? 'UTC' : `${city} (${value})` })),
  default: 'UTC',
};

/** "HH:MM" every 15 minutes of the day. */
export const QUARTER_HOURS: readonly string[] = Array.from(
  { length: 96 },
  (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
);

function clockParam(name: string, title: string, description: string, defaultValue: string): ChoiceParamSpec {
  return { name, kind: 'choice', title, description, options: QUARTER_HOURS.map((v) => ({ value: v, title: v })), default: defaultValue };
}

function weekdayParam(name: string, title: string, description: string, defaultValue: (typeof WEEKDAYS)[number]): ChoiceParamSpec {
  return {
    name,
    kind: 'choice',
    title,
    description,
    options: WEEKDAYS.map((v, i) => ({ value: v, title: WEEKDAY_TITLES[i]! })),
    default: defaultValue,
  };
}

const FILTER_OUTPUT = port('value', 'boolean', 'In window', 'True on bars whose open time falls inside the window.');

export const hourOfDayBlock: BlockDefinition = {
  type: 'hourOfDay',
  category: 'time',
  title: 'Hour of day',
  description:
    'True on bars that open in the hours from "From" to "To" (both included) of the local clock; From 22 To 2 wraps past midnight (22:00-02:59).',
  inputs: [],
  outputs: [FILTER_OUTPUT],
  params: [
    {
      name: 'from',
      kind: 'integer',
      title: 'From hour',
      description: 'First hour of the window (0-23).',
      min: 0,
      max: 23,
      default: 9,
      step: 1,
    },
    {
      name: 'to',
      kind: 'integer',
      title: 'To hour',
      description: 'Last hour of the window, included (0-23).',
      min: 0,
      max: 23,
      default: 16,
      step: 1,
    },
    timeZoneParam,
  ],
};

export const weekdayBlock: BlockDefinition = {
  type: 'weekday',
  category: 'time',
  title: 'Weekday',
  description:
    'True on bars that open on the days from "From" to "To" (both included) of the local calendar; Friday to Monday wraps over the weekend.',
  inputs: [],
  outputs: [FILTER_OUTPUT],
  params: [
    weekdayParam('from', 'From', 'First day of the window.', 'mon'),
    weekdayParam('to', 'To', 'Last day of the window, included.', 'fri'),
    timeZoneParam,
  ],
};

export const sessionBlock: BlockDefinition = {
  type: 'session',
  category: 'time',
  title: 'Session',
  description:
    'True on bars that open inside a trading session of the local clock, e.g. 09:30-16:00 America/New_York: from Start (included) to End (excluded); a session that ends before it starts runs past midnight. A 1h bar opening at 09:00 is outside a 09:30 session.',
  inputs: [],
  outputs: [FILTER_OUTPUT],
  params: [
    clockParam('start', 'Start', 'Local time the session opens (included).', '09:30'),
    clockParam('end', 'End', 'Local time the session closes (excluded).', '16:00'),
    { ...timeZoneParam, default: 'America/New_York' },
    {
      name: 'days',
      kind: 'choice',
      title: 'Days',
      description: 'Which days the session runs; the day is that of the bar open.',
      options: [
        { value: 'all', title: 'Every day' },
        { value: 'weekdays', title: 'Monday to Friday' },
      ],
      default: 'all',
    },
  ],
  checkParams: (p) =>
    p.start === p.end ? [{ param: 'end', message: `the session starts and ends at ${p.start}: choose a different end` }] : [],
};
