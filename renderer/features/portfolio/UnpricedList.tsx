import { useId } from 'react';

/** What the total leaves out, named one by one instead of counted as 0. */
export function UnpricedList({ lines, quote }: { lines: readonly string[]; quote: string }) {
  const titleId = useId();
  if (lines.length === 0) return null;
  return (
    <section className="unpriced-list" aria-labelledby={titleId} data-testid="portfolio-unpriced">
      <h3 className="unpriced-title" id={titleId}>
        Not priced in {quote} — left out of the total
      </h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>Not priced: {line}</li>
        ))}
      </ul>
    </section>
  );
}
