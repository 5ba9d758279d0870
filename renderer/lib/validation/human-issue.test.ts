import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanIssue } from './human-issue';

const first = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return humanIssue(parsed.error.issues[0]!);
};

describe('humanIssue', () => {
  it('words schema refusals for people, not developers', () => {
    expect(first(z.string().max(80), 'x'.repeat(81))).toBe('Use at most 80 characters.');
    expect(first(z.string().min(1), '')).toBe('Enter a value.');
    expect(first(z.number().int().min(3), 2)).toBe('At least 3.');
    expect(first(z.number().int(), 2.5)).toBe('Must be a whole number.');
    expect(first(z.number().gt(0), 0)).toBe('Must be more than 0.');
    expect(first(z.enum(['a', 'b']), 'c')).toBe('Choose one of: a, b.');
    expect(
      first(
        z.number().refine((n) => n < 5, 'keep it under five'),
        9,
      ),
    ).toBe('Keep it under five.');
    expect(first(z.string().min(1, 'A bot needs a name.'), '')).toBe('A bot needs a name.');
  });
});
