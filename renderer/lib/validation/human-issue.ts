/**
 * Zod issues in plain words at the renderer boundary: the schema's own messages ("Too big: expected
 * string to have <=80 characters") are for developers. Each message says what to change.
 */
import type { z } from 'zod';

function sentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const plural = (count: number | bigint, one: string, many: string) => `${String(count)} ${Number(count) === 1 ? one : many}`;

/** Zod's own wording starts like this; a message our schemas wrote for people does not. */
const ZOD_DEFAULT = /^(Too (small|big)|Invalid|Unrecognized|Expected)\b/;

export function humanIssue(problem: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(problem.message)) return sentence(problem.message);
  switch (problem.code) {
    case 'too_small':
      if (problem.origin === 'string')
        return Number(problem.minimum) <= 1 ? 'Enter a value.' : `Use at least ${plural(problem.minimum, 'character', 'characters')}.`;
      if (problem.origin === 'array' || problem.origin === 'set') return `Add at least ${plural(problem.minimum, 'item', 'items')}.`;
      return problem.inclusive ? `At least ${String(problem.minimum)}.` : `Must be more than ${String(problem.minimum)}.`;
    case 'too_big':
      if (problem.origin === 'string') return `Use at most ${plural(problem.maximum, 'character', 'characters')}.`;
      if (problem.origin === 'array' || problem.origin === 'set') return `Use at most ${plural(problem.maximum, 'item', 'items')}.`;
      return problem.inclusive ? `At most ${String(problem.maximum)}.` : `Must be less than ${String(problem.maximum)}.`;
    case 'invalid_type':
      if (problem.expected === 'int') return 'Must be a whole number.';
      if (problem.expected === 'number') return 'Enter a number.';
      return 'Enter a value.';
    case 'invalid_value':
      return `Choose one of: ${problem.values.map(String).join(', ')}.`;
    case 'invalid_format':
      return problem.format === 'regex' ? 'Use only the allowed characters.' : `Enter a valid ${problem.format}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${String(problem.divisor)}.`;
    default:
      // Custom refinements in our schemas are already written for people.
      return sentence(problem.message);
  }
}
