import { strFromU8 } from 'fflate';
import { type ImportLimits, DEFAULT_IMPORT_LIMITS } from './limits';
import type { CellValue, SheetTable, TableRow } from './table';
import { type ZipEntry, type ZipError, listZipEntries, readZipEntry } from './zip';

/**
 * Reads cell values from an XLSX workbook (Office Open XML): shared strings, inline strings, numbers,
 * booleans, and the cached result of formula cells (formulas are never evaluated). Sheets are read on
 * demand with a bounded scanner over the sheet XML — no DOM, so a 10,000-row RVTools export parses in
 * well under a second and a sheet that claims a million rows is refused at the first row past the limit.
 */

export type XlsxErrorCode =
  | ZipError['code']
  | 'xlsx.not-a-workbook'
  | 'xlsx.missing-sheet'
  | 'xlsx.too-many-rows'
  | 'xlsx.too-many-columns'
  | 'xlsx.too-many-cells'
  | 'xlsx.cell-too-long';

export interface XlsxError {
  code: XlsxErrorCode;
  message: string;
  /** Sheet and row the problem was found in, when it is about one. */
  sheet?: string;
  row?: number;
}

export interface XlsxWorkbook {
  /** Sheet names in workbook order. */
  sheetNames: string[];
  /** Every file name in the archive (for format detection). */
  entryNames: string[];
  /**
   * Reads a sheet's cells. `keepColumn`, given the header row's text, says which columns to decode;
   * the others are skipped (RVTools' vInfo has some 90 columns, sizing reads about 15).
   */
  readSheet(
    name: string,
    options?: { keepColumn?: (header: string) => boolean },
  ): { ok: true; table: SheetTable } | { ok: false; error: XlsxError };
}

type Result<T> = { ok: true; value: T } | { ok: false; error: XlsxError };

const ENTITY: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character references and entities, then OOXML's _xHHHH_ escapes for control characters. */
export function decodeXmlText(s: string): string {
  let out = s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
        if (e.startsWith('#x')) return safeChar(Number.parseInt(e.slice(2), 16)) ?? m;
        if (e.startsWith('#')) return safeChar(Number.parseInt(e.slice(1), 10)) ?? m;
        return ENTITY[e] ?? m;
      })
    : s;
  if (out.includes('_x'))
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return out;
}

function safeChar(cp: number): string | null {
  return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : null;
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(m[1] as string, decodeXmlText(m[2] ?? m[3] ?? ''));
  return out;
}

/** Column letters of a cell reference to a 0-based index: "A1" → 0, "AB12" → 27; -1 if malformed. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 20_000) return -1;
  }
  return i === 0 ? -1 : n - 1;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function readRelationships(xml: string, part: string): { id: string; type: string; target: string }[] {
  const out: { id: string; type: string; target: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = a.get('Target');
    if (a.get('TargetMode') === 'External' || !target) continue;
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: resolveTarget(part, target) });
  }
  return out;
}

function parseSharedStrings(xml: string, maxChars: number): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(richText(m[1] ?? '', maxChars));
  return out;
}

/** The text of an <si> or <is>: every <t> run, phonetic hints (<rPh>) left out. */
function richText(inner: string, maxChars: number): string {
  const body = inner.includes('rPh') ? inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : inner;
  let text = '';
  for (const t of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g)) {
    text += t[1] ?? '';
    if (text.length > maxChars) break;
  }
  return decodeXmlText(text);
}

/** Style indexes (the `s` attribute of a cell) whose number format shows a percentage. */
function percentStyles(xml: string): Set<number> {
  const percentFormats = new Set<number>([9, 10]);
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if ((a.get('formatCode') ?? '').replace(/"[^"]*"|\\./g, '').includes('%'))
      percentFormats.add(Number(a.get('numFmtId')));
  }
  const out = new Set<number>();
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    if (percentFormats.has(Number(attributes(m[0]).get('numFmtId')))) out.add(i);
    i++;
  }
  return out;
}

export function openXlsx(
  bytes: Uint8Array,
  fileName: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): { ok: true; workbook: XlsxWorkbook } | { ok: false; error: XlsxError } {
  const listed = listZipEntries(bytes, limits);
  if (!listed.ok) return listed;
  const entries = new Map<string, ZipEntry>(listed.entries.map((e) => [e.name, e]));
  let budget = limits.maxTotalBytes;
  const text = (name: string): Result<string> | null => {
    const entry = entries.get(name);
    if (!entry) return null;
    const read = readZipEntry(bytes, entry, budget, limits.inflateRaw);
    if (!read.ok) return read;
    budget -= read.data.length;
    return { ok: true, value: strFromU8(read.data) };
  };
  const notWorkbook: XlsxError = {
    code: 'xlsx.not-a-workbook',
    message: `${fileName} is a ZIP archive but not an Excel workbook (no xl/workbook.xml).`,
  };
  const rootRels = text('_rels/.rels');
  if (rootRels && !rootRels.ok) return rootRels;
  const officeDoc =
    (rootRels?.ok ? readRelationships(rootRels.value, '') : []).find((r) =>
      r.type.endsWith('/officeDocument'),
    )?.target ?? 'xl/workbook.xml';
  const workbookXml = text(officeDoc);
  if (!workbookXml) return { ok: false, error: notWorkbook };
  if (!workbookXml.ok) return workbookXml;
  const wbRels = text(relsPath(officeDoc));
  if (wbRels && !wbRels.ok) return wbRels;
  const rels = wbRels?.ok ? readRelationships(wbRels.value, officeDoc) : [];
  const sheets: { name: string; part: string }[] = [];
  for (const m of workbookXml.value.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rid = [...a.entries()].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const rel = rels.find((r) => r.id === rid);
    const name = a.get('name');
    if (name && rel) sheets.push({ name, part: rel.target });
  }
  if (sheets.length === 0) return { ok: false, error: notWorkbook };

  let shared: string[] | null = null;
  let percents: Set<number> | null = null;
  let cellsRead = 0;
  const workbook: XlsxWorkbook = {
    sheetNames: sheets.map((s) => s.name),
    entryNames: [...entries.keys()],
    readSheet(name, options = {}) {
      const sheet = sheets.find((s) => s.name === name);
      if (!sheet)
        return { ok: false, error: { code: 'xlsx.missing-sheet', message: `There is no sheet "${name}".` } };
      if (shared === null) {
        const sstPart =
          rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ??
          resolveTarget(officeDoc, 'sharedStrings.xml');
        const sst = text(sstPart);
        if (sst && !sst.ok) return sst;
        shared = sst?.ok ? parseSharedStrings(sst.value, limits.maxCellChars) : [];
        const stylesPart = rels.find((r) => r.type.endsWith('/styles'))?.target;
        const styles = stylesPart ? text(stylesPart) : null;
        if (styles && !styles.ok) return styles;
        percents = styles?.ok ? percentStyles(styles.value) : new Set();
      }
      const xml = text(sheet.part);
      if (!xml)
        return {
          ok: false,
          error: {
            code: 'xlsx.missing-sheet',
            message: `Sheet "${name}" is listed but missing from the file.`,
          },
        };
      if (!xml.ok) return xml;
      const parsed = scanSheet(
        xml.value,
        name,
        shared,
        percents ?? new Set(),
        limits,
        limits.maxCells - cellsRead,
        options.keepColumn,
      );
      if (!parsed.ok) return parsed;
      cellsRead += parsed.cells;
      return {
        ok: true,
        table: { name, label: `${fileName}, sheet ${name}`, rows: parsed.rows, delimiter: null },
      };
    },
  };
  return { ok: true, workbook };
}

/** The value of attribute `name` (e.g. ' r="') in xml[from, to), or null; no slicing of the tag. */
function attr(xml: string, from: number, to: number, name: string): string | null {
  const i = xml.indexOf(name, from);
  if (i < 0 || i >= to) return null;
  const start = i + name.length;
  const end = xml.indexOf('"', start);
  return end < 0 || end > to ? null : xml.slice(start, end);
}

/** Column index from a cell reference at xml[i…] ("AB12" → 27), reading letters only. */
function columnAt(xml: string, i: number): number {
  let n = 0;
  for (let k = i; ; k++) {
    const c = xml.charCodeAt(k);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 20_000) return -1;
  }
  return n - 1;
}

function isTagBoundary(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** The bounded scanner over <sheetData>: rows and cells by indexOf, values decoded per cell type. */
function scanSheet(
  xml: string,
  sheet: string,
  shared: readonly string[],
  percentStyle: ReadonlySet<number>,
  limits: ImportLimits,
  cellBudget: number,
  keepColumn?: (header: string) => boolean,
): { ok: true; rows: TableRow[]; cells: number } | { ok: false; error: XlsxError } {
  const open = /<(\w+:)?sheetData\b/.exec(xml);
  if (!open) return { ok: true, rows: [], cells: 0 };
  const pre = open[1] ?? '';
  const rowOpen = `<${pre}row`;
  const rowClose = `</${pre}row>`;
  const cOpen = `<${pre}c`;
  const cClose = `</${pre}c>`;
  const vOpen = `<${pre}v>`;
  const vClose = `</${pre}v>`;
  const isOpen = `<${pre}is>`;
  const isClose = `</${pre}is>`;
  const startTag = xml.indexOf('>', open.index);
  if (xml.charCodeAt(startTag - 1) === 47) return { ok: true, rows: [], cells: 0 };
  let end = xml.indexOf(`</${pre}sheetData>`, startTag);
  if (end < 0) end = xml.length;
  const rows: TableRow[] = [];
  let cells = 0;
  let pos = startTag + 1;
  let lastRow = 0;
  // Decided from the header (the first row with a value) when a column filter is given.
  let keep: boolean[] | null = null;
  let maxKept = Number.POSITIVE_INFINITY;
  /** The value of the cell whose tag starts at `c`, ends its start tag at `cTagEnd`, and closes at `cEnd`. */
  const cellValue = (c: number, cTagEnd: number, cEnd: number): CellValue => {
    const type = attr(xml, c, cTagEnd, ' t="') ?? 'n';
    if (type === 'inlineStr') {
      const is = xml.indexOf(isOpen, cTagEnd);
      if (is < 0 || is >= cEnd) return null;
      const isEnd = xml.indexOf(isClose, is);
      return richText(
        xml.slice(is + isOpen.length, isEnd < 0 || isEnd > cEnd ? cEnd : isEnd),
        limits.maxCellChars,
      );
    }
    const v = xml.indexOf(vOpen, cTagEnd);
    if (v < 0 || v >= cEnd) return null;
    const vEnd = xml.indexOf(vClose, v);
    const raw = xml.slice(v + vOpen.length, vEnd < 0 || vEnd > cEnd ? cEnd : vEnd);
    if (type === 's') return shared[Number(raw)] ?? null;
    if (type === 'b') return raw.trim() === '1';
    if (type === 'str' || type === 'd') return decodeXmlText(raw);
    if (type === 'e') return null;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) return null;
    const style = percentStyle.size > 0 ? attr(xml, c, cTagEnd, ' s="') : null;
    return style !== null && percentStyle.has(Number(style)) ? `${Math.round(n * 100 * 1e9) / 1e9}%` : n;
  };
  const fail = (code: XlsxErrorCode, message: string, row?: number) =>
    ({ ok: false, error: { code, message, sheet, ...(row !== undefined ? { row } : {}) } }) as const;
  for (;;) {
    const r = xml.indexOf(rowOpen, pos);
    if (r < 0 || r >= end) break;
    if (!isTagBoundary(xml.charCodeAt(r + rowOpen.length))) {
      pos = r + rowOpen.length;
      continue;
    }
    const tagEnd = xml.indexOf('>', r);
    if (tagEnd < 0) break;
    const rAttr = attr(xml, r, tagEnd, ' r="');
    const rowNum = rAttr !== null ? Number(rAttr) : lastRow + 1;
    if (!Number.isInteger(rowNum) || rowNum > limits.maxRows)
      return fail(
        'xlsx.too-many-rows',
        `Sheet "${sheet}" has a row numbered ${rAttr ?? rowNum}; at most ${limits.maxRows} rows are read.`,
        Number.isInteger(rowNum) ? rowNum : undefined,
      );
    lastRow = rowNum;
    const row: TableRow = { line: rowNum, cells: [] };
    rows.push(row);
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      pos = tagEnd + 1;
      continue;
    }
    let rowEnd = xml.indexOf(rowClose, tagEnd);
    if (rowEnd < 0 || rowEnd > end) rowEnd = end;
    const tooLong = (value: CellValue) => typeof value === 'string' && value.length > limits.maxCellChars;
    let j = tagEnd + 1;
    let lastCol = -1;
    for (;;) {
      const c = xml.indexOf(cOpen, j);
      if (c < 0 || c >= rowEnd) break;
      if (!isTagBoundary(xml.charCodeAt(c + cOpen.length))) {
        j = c + cOpen.length;
        continue;
      }
      const cTagEnd = xml.indexOf('>', c);
      if (cTagEnd < 0 || cTagEnd > rowEnd) break;
      // Excel writes the reference first (<c r="B7" …>); anywhere else in the tag is found too.
      const refAt = xml.startsWith(' r="', c + cOpen.length) ? c + cOpen.length : xml.indexOf(' r="', c);
      const col = refAt >= 0 && refAt < cTagEnd ? columnAt(xml, refAt + 4) : lastCol + 1;
      if (col < 0 || col >= limits.maxColumns)
        return fail(
          'xlsx.too-many-columns',
          `Sheet "${sheet}" has a cell beyond column ${limits.maxColumns} on row ${rowNum}.`,
          rowNum,
        );
      lastCol = col;
      // Cells come in column order: past the last kept column, the rest of the row is skipped.
      if (col > maxKept) break;
      if (++cells > cellBudget)
        return fail(
          'xlsx.too-many-cells',
          `The workbook has more than ${limits.maxCells} cells to read.`,
          rowNum,
        );
      // A self-closing cell is empty; a skipped column needs no end tag (the next "<c" follows it).
      if (xml.charCodeAt(cTagEnd - 1) === 47 || (keep !== null && keep[col] !== true)) {
        j = cTagEnd + 1;
        continue;
      }
      let cEnd = xml.indexOf(cClose, cTagEnd);
      if (cEnd < 0 || cEnd > rowEnd) cEnd = rowEnd;
      j = cEnd + cClose.length;
      const value = cellValue(c, cTagEnd, cEnd);
      if (tooLong(value))
        return fail(
          'xlsx.cell-too-long',
          `A cell on row ${rowNum} of sheet "${sheet}" is longer than ${limits.maxCellChars} characters.`,
          rowNum,
        );
      row.cells[col] = value;
    }
    if (keepColumn && keep === null && row.cells.some((v) => v !== null && v !== '')) {
      keep = [];
      maxKept = -1;
      for (let k = 0; k < row.cells.length; k++) {
        const h = row.cells[k];
        keep[k] = h !== null && h !== undefined && keepColumn(String(h));
        if (keep[k]) maxKept = k;
      }
    }
    pos = rowEnd + rowClose.length;
  }
  return { ok: true, rows, cells };
}
