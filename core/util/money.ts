import Decimal from 'decimal.js';

/**
 * Money is exact: decimal arithmetic on strings, never binary floats.
 * AWS publishes unit prices to 10 decimal places (e.g. S3 GET at 0.0000004 USD), so integer
 * micro-dollars would not hold them; decimal.js does.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** Hours in a month, as AWS's own calculators use: 24 × 365 / 12. */
export const HOURS_PER_MONTH = 730;

export function usd(value: string | number | Decimal): Decimal {
  return new Money(value);
}

/** Exact decimal string without trailing zeros, e.g. "0.202". */
export function toPlain(value: Decimal): string {
  return value.toFixed();
}

/** Rounded to cents, half up, as a fixed 2-decimal string: "147.46". */
export function toCents(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** "$1,234.56" for display. */
export function formatUsd(value: Decimal | string): string {
  const d = typeof value === 'string' ? new Money(value) : value;
  const cents = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const negative = cents.isNegative();
  const [whole = '0', frac = '00'] = cents.abs().toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${frac}`;
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Money(0));
}
