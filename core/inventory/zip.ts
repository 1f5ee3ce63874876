import { Inflate, strFromU8 } from 'fflate';
import type { ImportLimits } from './limits';
import { megabytes } from './limits';

/**
 * A bounded ZIP reader for XLSX workbooks and zipped RVTools CSVs. It reads the central directory
 * itself so every entry's declared size is checked against the limits BEFORE anything is inflated,
 * and it inflates in small chunks, stopping as soon as the output passes the declared size — so a
 * zip bomb (a tiny file that claims or expands to gigabytes) is refused in milliseconds.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
  encrypted: boolean;
}

export type ZipErrorCode =
  | 'zip.not-a-zip'
  | 'zip.corrupt'
  | 'zip.zip64'
  | 'zip.too-many-entries'
  | 'zip.entry-too-large'
  | 'zip.total-too-large'
  | 'zip.encrypted'
  | 'zip.unsupported-compression';

export interface ZipError {
  code: ZipErrorCode;
  message: string;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number): number =>
  ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === LOC;
}

/** Lists the entries of a ZIP and checks their declared sizes; inflates nothing. */
export function listZipEntries(
  bytes: Uint8Array,
  limits: Pick<ImportLimits, 'maxEntries' | 'maxEntryBytes' | 'maxTotalBytes'>,
): { ok: true; entries: ZipEntry[] } | { ok: false; error: ZipError } {
  const corrupt = (detail: string) =>
    ({ ok: false, error: { code: 'zip.corrupt', message: `The archive is damaged (${detail}).` } }) as const;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    return {
      ok: false,
      error: {
        code: 'zip.not-a-zip',
        message: 'The file is not a ZIP archive (no end-of-directory record).',
      },
    };
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    return {
      ok: false,
      error: { code: 'zip.zip64', message: 'The archive uses ZIP64, which is only needed above 4 GB.' },
    };
  if (count > limits.maxEntries)
    return {
      ok: false,
      error: {
        code: 'zip.too-many-entries',
        message: `The archive lists ${count} files; at most ${limits.maxEntries} are read.`,
      },
    };
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== CEN) return corrupt('central directory');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const offset = u32(bytes, p + 42);
    if (p + 46 + nameLen > bytes.length) return corrupt('file name');
    const name = strFromU8(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) === 0);
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff)
      return {
        ok: false,
        error: { code: 'zip.zip64', message: `${name} uses ZIP64 sizes, which are only needed above 4 GB.` },
      };
    if (size > limits.maxEntryBytes)
      return {
        ok: false,
        error: {
          code: 'zip.entry-too-large',
          message: `${name} inside the archive would unpack to ${megabytes(size)}; at most ${megabytes(limits.maxEntryBytes)} is read per file.`,
        },
      };
    total += size;
    if (total > limits.maxTotalBytes)
      return {
        ok: false,
        error: {
          code: 'zip.total-too-large',
          message: `The archive would unpack to more than ${megabytes(limits.maxTotalBytes)}.`,
        },
      };
    entries.push({ name, method, compressedSize, size, offset, encrypted: (flags & 1) === 1 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}

class InflateLimitExceeded extends Error {}

/**
 * Inflates one entry. The output may not exceed the entry's declared size (a liar is refused), and
 * `budget` (bytes still allowed for this archive) is checked as it grows.
 */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: number,
  inflateRaw?: ImportLimits['inflateRaw'],
): { ok: true; data: Uint8Array } | { ok: false; error: ZipError } {
  if (entry.encrypted)
    return {
      ok: false,
      error: { code: 'zip.encrypted', message: `${entry.name} is encrypted (password-protected).` },
    };
  const p = entry.offset;
  if (p + 30 > bytes.length || u32(bytes, p) !== LOC)
    return { ok: false, error: { code: 'zip.corrupt', message: `The archive is damaged at ${entry.name}.` } };
  const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length)
    return { ok: false, error: { code: 'zip.corrupt', message: `${entry.name} is cut short.` } };
  const limit = Math.min(entry.size, budget);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size || entry.size > budget)
      return { ok: false, error: { code: 'zip.corrupt', message: `${entry.name} has inconsistent sizes.` } };
    return { ok: true, data: bytes.subarray(start, end) };
  }
  if (entry.method !== 8)
    return {
      ok: false,
      error: {
        code: 'zip.unsupported-compression',
        message: `${entry.name} uses compression method ${entry.method}; only Deflate is supported.`,
      },
    };
  if (inflateRaw) {
    let data: Uint8Array | null;
    try {
      data = inflateRaw(bytes.subarray(start, end), limit);
    } catch {
      data = null;
    }
    if (data === null || data.length !== entry.size)
      return {
        ok: false,
        error:
          entry.size > budget
            ? {
                code: 'zip.total-too-large',
                message: 'The archive would unpack to more than the import limit.',
              }
            : {
                code: 'zip.corrupt',
                message: `${entry.name} does not unpack to the ${entry.size} bytes it declares; the archive is damaged or hostile.`,
              },
      };
    return { ok: true, data };
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > limit) throw new InflateLimitExceeded();
    out.set(chunk, written);
    written += chunk.length;
  });
  // Small input chunks bound the work done past the limit: deflate expands at most ~1032:1.
  const CHUNK = 64 * 1024;
  try {
    for (let i = start; i < end; i += CHUNK) {
      const stop = Math.min(end, i + CHUNK);
      inflater.push(bytes.subarray(i, stop), stop === end);
    }
  } catch (e) {
    if (e instanceof InflateLimitExceeded)
      return {
        ok: false,
        error: {
          code: entry.size > budget ? 'zip.total-too-large' : 'zip.corrupt',
          message:
            entry.size > budget
              ? `The archive would unpack to more than the import limit.`
              : `${entry.name} unpacks to more than the ${entry.size} bytes it declares; the archive is damaged or hostile.`,
        },
      };
    return {
      ok: false,
      error: { code: 'zip.corrupt', message: `${entry.name} could not be decompressed (damaged data).` },
    };
  }
  if (written !== entry.size)
    return {
      ok: false,
      error: {
        code: 'zip.corrupt',
        message: `${entry.name} is shorter than it declares; the archive is damaged.`,
      },
    };
  return { ok: true, data: out };
}
