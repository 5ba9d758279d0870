import { useId } from 'react';
import type { QuoteCurrency } from '../../store/types';
import { isQuoteCurrency, QUOTE_CURRENCIES, quoteLabel } from './quotes';

export function QuoteSelect({ value, onChange }: { value: QuoteCurrency; onChange: (quote: QuoteCurrency) => void }) {
  const id = useId();
  return (
    <div className="quote-select">
      <label className="field-label" htmlFor={id}>
        Valuation currency
      </label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(event) => {
          if (isQuoteCurrency(event.target.value)) onChange(event.target.value);
        }}
      >
        {QUOTE_CURRENCIES.map((quote) => (
          <option key={quote} value={quote}>
            {quoteLabel(quote)}
          </option>
        ))}
      </select>
    </div>
  );
}
