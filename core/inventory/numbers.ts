import type { CellValue } from './table';

/**
 * Numbers as inventory files write them: "16", "15,5" (decimal comma), "1.234,5" and "1,234.5"
 * (thousands separators), "16 384" (spaced thousands), "45 %", "16 GiB" / "16384 MB". Values are
 * never guessed: anything else is "not a number" and the caller reports the row and column.
 */

export type NumberReading =
  { ok: true; value: number; unit: string | null } | { ok: false; reason: 'empty' | 'not-a-number' };

const UNIT_PATTERN = /^([-+]?[\d.,\s\u00a0\u202f']+?)\s*(%|[kmgtp]i?b|bytes?|b)?$/i;

/**
 * Reads a decimal number with an optional unit suffix. `decimalComma` says the file uses commas
 * for decimals (a semicolon-separated CSV): then "1,234" is 1.234, otherwise it is 1234.
 */
export function readNumber(value: CellValue | undefined, decimalComma = false): NumberReading {
  if (value === null || value === undefined) return { ok: false, reason: 'empty' };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { ok: true, value, unit: null } : { ok: false, reason: 'not-a-number' };
  if (typeof value === 'boolean') return { ok: false, reason: 'not-a-number' };
  const text = value.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const m = UNIT_PATTERN.exec(text);
  if (!m) return { ok: false, reason: 'not-a-number' };
  const unit = m[2] ? m[2].toLowerCase() : null;
  const digits = normalizeDigits((m[1] ?? '').replace(/[\s\u00a0\u202f']/g, ''), decimalComma);
  if (digits === null) return { ok: false, reason: 'not-a-number' };
  const n = Number(digits);
  return Number.isFinite(n) ? { ok: true, value: n, unit } : { ok: false, reason: 'not-a-number' };
}

/** "1.234,5" → "1234.5"; "1,234.5" → "1234.5"; "15,5" → "15.5"; null when it is not one number. */
function normalizeDigits(s: string, decimalComma: boolean): string | null {
  const sign = s.startsWith('-') ? '-' : '';
  const body = s.replace(/^[-+]/, '');
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let out: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal separator, the other groups thousands.
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [intPart = '', fracPart, ...rest] = body.split(decimal);
    if (rest.length > 0 || fracPart === undefined) return null;
    if (!isGrouped(intPart, group)) return null;
    out = `${intPart.split(group).join('')}.${fracPart}`;
  } else if (lastComma >= 0) {
    const parts = body.split(',');
    if (!decimalComma && isGrouped(body, ',') && parts.length >= 2) out = parts.join('');
    else if (parts.length === 2) out = `${parts[0]}.${parts[1]}`;
    else return null;
  } else {
    const parts = body.split('.');
    if (parts.length <= 2) out = body;
    else if (isGrouped(body, '.')) out = parts.join('');
    else return null;
  }
  if (!/^\d*\.?\d+$|^\d+\.?$/.test(out)) return null;
  return sign + out;
}

/** "1,234,567" grouped by `sep` in threes after a 1–3 digit head. */
function isGrouped(s: string, sep: string): boolean {
  if (!s.includes(sep)) return /^\d+$/.test(s);
  const parts = s.split(sep);
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** Binary multipliers to GiB. Memory and disk tools mean binary units when they write MB or GB. */
const TO_GIB: Readonly<Record<string, number>> = {
  b: 1 / 1024 ** 3,
  byte: 1 / 1024 ** 3,
  bytes: 1 / 1024 ** 3,
  kb: 1 / 1024 ** 2,
  kib: 1 / 1024 ** 2,
  mb: 1 / 1024,
  mib: 1 / 1024,
  gb: 1,
  gib: 1,
  tb: 1024,
  tib: 1024,
  pb: 1024 ** 2,
  pib: 1024 ** 2,
};

/**
 * A size in GiB from a reading and the column's own unit (e.g. "MiB" for RVTools' "Memory"). A unit
 * written in the cell wins over the column's. MB/GB/TB are read as MiB/GiB/TiB: operating systems,
 * hypervisors and discovery tools report binary sizes under those names (Windows' "16 GB" of RAM is
 * 16 GiB). Returns null for a unit that is not a size (e.g. "%").
 */
export function toGib(reading: { value: number; unit: string | null }, columnUnit: string): number | null {
  const factor = TO_GIB[(reading.unit ?? columnUnit).toLowerCase()];
  return factor === undefined ? null : reading.value * factor;
}

/** Rounds a size to 0.01 GiB so 16383.99 MiB reads as 16 GiB, not 15.99999. */
export function roundGib(gib: number): number {
  return Math.round(gib * 100) / 100;
}
