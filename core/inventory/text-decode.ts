import { strFromU8 } from 'fflate';

/**
 * Text of a CSV as spreadsheets save it: UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode
 * text" from Excel), or a Windows code page (Excel's plain "CSV" on Windows). Invalid UTF-8 is read
 * as Windows-1252 rather than replaced with "�", and the caller says so.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decodeUtf16(bytes, 2, true), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decodeUtf16(bytes, 2, false), encoding: 'utf-16be' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = start > 0 ? bytes.subarray(start) : bytes;
  if (isValidUtf8(body)) return { text: strFromU8(body), encoding: 'utf-8' };
  return { text: decodeWindows1252(body), encoding: 'windows-1252' };
}

function decodeUtf16(bytes: Uint8Array, offset: number, littleEndian: boolean): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  let codes: number[] = [];
  for (let i = offset; i + 1 < bytes.length; i += 2) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    codes.push(littleEndian ? a | (b << 8) : (a << 8) | b);
    if (codes.length === CHUNK) {
      parts.push(String.fromCharCode(...codes));
      codes = [];
    }
  }
  parts.push(String.fromCharCode(...codes));
  return parts.join('');
}

/** Strict UTF-8 check (no overlongs, no surrogates), one pass, no allocation. */
export function isValidUtf8(b: Uint8Array): boolean {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return false;
    if (i + need >= n) return false;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** The 0x80–0x9F block of Windows-1252; the rest is ISO-8859-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const c = bytes[i] as number;
      codes.push(c >= 0x80 && c <= 0x9f ? (CP1252_HIGH[c - 0x80] as number) : c);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
