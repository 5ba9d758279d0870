/** Percentages and percentage points to at most two decimals, without trailing zeros (60 %, 33.33 %). */
export const percentText = (n: number): string => String(Math.round(n * 100) / 100);
