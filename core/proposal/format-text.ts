import { groupThousands } from '../util/format';

/**
 * Small, locale-independent formatters for the proposal, so the same project prints the same text on
 * every machine (no Intl, no time zones).
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-11-23T00:00:00Z" → "23 November 2026"; text that is not an ISO date is returned as given. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** 57.91 → "57.9%"; one decimal at most, none when whole. */
export function formatPercent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${groupThousands(rounded)}%`;
}

/** 16 → "16", 14.6 → "14.6", 1500 → "1,500". */
export function formatNumber(value: number): string {
  return groupThousands(Math.round(value * 100) / 100);
}

/** "hours" → "hour", "GB-months" → "GB-month"; all-capital units ("GB", "IOPS") stay as they are. */
export function singularUnit(unit: string): string {
  if (unit.endsWith('s') && unit !== unit.toUpperCase()) return unit.slice(0, -1);
  return unit;
}

/** "730 hours", "1 month", "6,000 GB-months": the unit agrees with the quantity. */
export function formatQuantity(quantity: string, unit: string): string {
  const shown = /^\d+(\.\d+)?$/.test(quantity) ? groupThousands(quantity) : quantity;
  return `${shown} ${quantity === '1' ? singularUnit(unit) : unit}`;
}

/** Exact unit price as published: "$0.0912", "$0.0000004", "$1,234.5"; never rounded to cents. */
export function formatUnitPrice(usd: string): string {
  return /^\d+(\.\d+)?$/.test(usd) ? `$${groupThousands(usd)}` : usd;
}

/** "Synchronous commit" → "synchronous commit" for mid-sentence use; acronyms ("SQL") are kept. */
export function lowerFirst(text: string): string {
  if (text.length > 1 && text[1] === text[1]?.toUpperCase() && /[A-Z]/.test(text[1] ?? '')) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "1 server", "2 servers". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${groupThousands(count)} ${count === 1 ? singular : pluralForm}`;
}

/** ["a", "b", "c"] → "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
