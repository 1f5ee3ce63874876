import type { Issue } from '../model/issue';
import { csvTable } from './csv-table';
import { type ParsedInventory, at, emptyParse } from './finish-inventory';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, megabytes } from './limits';
import { parseMigrationHubTable } from './parse-migration-hub-csv';
import { parseNativeXlsx } from './parse-native-csv';
import { parseNativeTable } from './native-format';
import { parseRvtoolsCsv, parseRvtoolsXlsx } from './parse-rvtools';
import { decodeText } from './text-decode';
import { headerKey } from './table';
import { openXlsx } from './xlsx-read';
import { xlsxIssue } from './xlsx-issue';
import { isZip, listZipEntries, readZipEntry } from './zip';

/**
 * One entry for every shell: detect the format of what the customer handed over, then parse it.
 * The CLI (`archplan plan`) and the app (Import…) both call `parseInventoryFile(s)`.
 */
export const INVENTORY_FORMATS = [
  'native-csv',
  'native-xlsx',
  'migration-hub-csv',
  'rvtools-xlsx',
  'rvtools-csv',
] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export const INVENTORY_FORMAT_LABELS: Readonly<Record<InventoryFormat, string>> = {
  'native-csv': 'inventory template, CSV',
  'native-xlsx': 'inventory template, XLSX',
  'migration-hub-csv': 'Migration Hub import CSV',
  'rvtools-xlsx': 'RVTools export, XLSX',
  'rvtools-csv': 'RVTools export, CSV tabs',
};

export interface InventoryFileInput {
  name: string;
  bytes: Uint8Array;
}

export type ParsedInventoryFile = ParsedInventory & { format: InventoryFormat | null };

const MIGRATION_HUB_MARKERS = [
  'cpunumberoflogicalcores',
  'cpunumberofcores',
  'ramtotalsizeinmb',
  'cpuusagepctavg',
  'externalid',
];

/** The format of CSV text, from its header row. */
function textFormat(text: string): InventoryFormat {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const nl = text.slice(start, start + 65536).search(/\r|\n/);
  const keys = new Set(
    text
      .slice(start, nl < 0 ? start + 65536 : start + nl)
      .split(/[,;\t]/)
      .map((h) => headerKey(h.replace(/^"|"$/g, ''))),
  );
  if (MIGRATION_HUB_MARKERS.filter((m) => keys.has(m)).length >= 2) return 'migration-hub-csv';
  if (
    keys.has('vm') &&
    (keys.has('powerstate') || keys.has('overall') || keys.has('capacitymib') || keys.has('sizemib'))
  )
    return 'rvtools-csv';
  return 'native-csv';
}

function tooLarge(name: string, size: number, limits: ImportLimits): Issue {
  return {
    code: 'inventory.file-too-large',
    severity: 'error',
    message: `${name} is ${megabytes(size)}; files larger than ${megabytes(limits.maxFileBytes)} are not imported.`,
    hint: 'Export only the columns and sheets the import reads (see the README), or split the inventory.',
    path: at(name),
  };
}

const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Detects the format without parsing the servers; null (with an issue) when it is none of them. */
export function detectInventoryFormat(
  fileName: string,
  bytes: Uint8Array,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): { format: InventoryFormat | null; issues: Issue[] } {
  if (bytes.length > limits.maxFileBytes)
    return { format: null, issues: [tooLarge(fileName, bytes.length, limits)] };
  if (bytes.length === 0)
    return {
      format: null,
      issues: [
        {
          code: 'inventory.empty-file',
          severity: 'error',
          message: `${fileName} is empty.`,
          hint: 'Choose the exported inventory file, or download the template and fill it in.',
          path: at(fileName),
        },
      ],
    };
  if (XLS_MAGIC.every((b, i) => bytes[i] === b))
    return {
      format: null,
      issues: [
        {
          code: 'inventory.legacy-xls',
          severity: 'error',
          message: `${fileName} is an Excel 97–2003 workbook (.xls), which is not read.`,
          hint: 'Open it in Excel and save it as "Excel Workbook (*.xlsx)", or as CSV.',
          path: at(fileName),
        },
      ],
    };
  if (isZip(bytes)) {
    const listed = listZipEntries(bytes, limits);
    if (!listed.ok) return { format: null, issues: [xlsxIssue(listed.error, fileName)] };
    if (listed.entries.some((e) => e.name === 'xl/workbook.xml' || e.name === '[Content_Types].xml')) {
      const opened = openXlsx(bytes, fileName, limits);
      if (!opened.ok) return { format: null, issues: [xlsxIssue(opened.error, fileName)] };
      return {
        format: opened.workbook.sheetNames.some((n) => n.toLowerCase() === 'vinfo')
          ? 'rvtools-xlsx'
          : 'native-xlsx',
        issues: [],
      };
    }
    if (listed.entries.some((e) => /\.csv$/i.test(e.name))) return { format: 'rvtools-csv', issues: [] };
    return {
      format: null,
      issues: [
        {
          code: 'inventory.unknown-archive',
          severity: 'error',
          message: `${fileName} is a ZIP archive with neither a workbook nor CSV files in it.`,
          hint: 'Import an .xlsx workbook, a CSV file, or a ZIP of RVTools CSV tabs.',
          path: at(fileName),
        },
      ],
    };
  }
  const head = bytes.subarray(0, 4096);
  if (head.includes(0) && !(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff))
    return {
      format: null,
      issues: [
        {
          code: 'csv.binary',
          severity: 'error',
          message: `${fileName} contains binary data; it is neither a CSV text file nor an XLSX workbook.`,
          hint: 'Save the inventory as CSV (UTF-8) or as an Excel workbook (.xlsx) and import it again.',
          path: at(fileName, 1),
        },
      ],
    };
  return { format: textFormat(decodeText(head).text), issues: [] };
}

function encodingNotice(fileName: string, encoding: string): Issue[] {
  return encoding === 'windows-1252'
    ? [
        {
          code: 'inventory.not-utf8',
          severity: 'notice',
          message: `${fileName} is not UTF-8; it was read as Windows-1252 (Western European).`,
          hint: 'If names look wrong, save the file as "CSV UTF-8" and import it again.',
          path: at(fileName),
        },
      ]
    : [];
}

/** Detects the format of one file and parses it. Never throws on bad input. */
export function parseInventoryFile(
  fileName: string,
  bytes: Uint8Array,
  importedAt: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedInventoryFile {
  const detected = detectInventoryFormat(fileName, bytes, limits);
  const format = detected.format;
  if (format === null) return { ...emptyParse(detected.issues), format };
  switch (format) {
    case 'native-xlsx':
      return { ...parseNativeXlsx(bytes, fileName, importedAt, limits), format };
    case 'rvtools-xlsx':
      return { ...parseRvtoolsXlsx(bytes, fileName, importedAt, limits), format };
    case 'rvtools-csv':
      if (isZip(bytes)) return { ...parseZippedCsvs(fileName, bytes, importedAt, limits), format };
      return { ...parseInventoryFiles([{ name: fileName, bytes }], importedAt, limits), format };
    case 'native-csv':
    case 'migration-hub-csv': {
      const { text, encoding } = decodeText(bytes);
      const table = csvTable(text, fileName);
      if (!table.ok) return { ...emptyParse([table.issue]), format };
      const pre = encodingNotice(fileName, encoding);
      const parsed =
        format === 'native-csv'
          ? parseNativeTable(table.table, fileName, importedAt, 'native-csv', pre)
          : parseMigrationHubTable(table.table, fileName, importedAt);
      return {
        ...parsed,
        issues: format === 'native-csv' ? parsed.issues : [...pre, ...parsed.issues],
        format,
      };
    }
  }
}

function parseZippedCsvs(
  fileName: string,
  bytes: Uint8Array,
  importedAt: string,
  limits: ImportLimits,
): ParsedInventory {
  const listed = listZipEntries(bytes, limits);
  if (!listed.ok) return emptyParse([xlsxIssue(listed.error, fileName)]);
  const files: { name: string; text: string }[] = [];
  let budget = limits.maxTotalBytes;
  for (const entry of listed.entries) {
    if (!/\.csv$/i.test(entry.name) || entry.name.startsWith('__MACOSX/')) continue;
    // Only the tabs sizing reads are inflated; RVTools writes some 25 others.
    if (!/v(info|cpu|memory|disk)\.csv$/i.test(entry.name)) continue;
    const read = readZipEntry(bytes, entry, budget, limits.inflateRaw);
    if (!read.ok) return emptyParse([xlsxIssue(read.error, fileName)]);
    budget -= read.data.length;
    files.push({ name: `${fileName}: ${entry.name.replace(/^.*\//, '')}`, text: decodeText(read.data).text });
  }
  return parseRvtoolsCsv(files, fileName, importedAt);
}

/**
 * Several files at once: the RVTools tab CSVs (vInfo with vCPU, vMemory, vDisk). A single file of
 * any format goes through `parseInventoryFile`.
 */
export function parseInventoryFiles(
  files: readonly InventoryFileInput[],
  importedAt: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedInventoryFile {
  const first = files[0];
  if (!first)
    return {
      ...emptyParse([
        {
          code: 'inventory.no-file',
          severity: 'error',
          message: 'No file was chosen.',
          hint: 'Choose an inventory file to import.',
        },
      ]),
      format: null,
    };
  const oversized = files.find((f) => f.bytes.length > limits.maxFileBytes);
  if (oversized)
    return { ...emptyParse([tooLarge(oversized.name, oversized.bytes.length, limits)]), format: null };
  const formats = files.map((f) => detectInventoryFormat(f.name, f.bytes, limits));
  if (files.length === 1 && formats[0]?.format !== 'rvtools-csv')
    return parseInventoryFile(first.name, first.bytes, importedAt, limits);
  const notTab = files.find(
    (_f, i) => formats[i]?.format !== 'rvtools-csv' || isZip(files[i]?.bytes ?? new Uint8Array()),
  );
  if (notTab)
    return {
      ...emptyParse([
        ...(formats[files.indexOf(notTab)]?.issues ?? []),
        {
          code: 'inventory.several-files',
          severity: 'error',
          message: `${files.length} files were chosen, and ${notTab.name} is not an RVTools tab CSV.`,
          hint: 'Import one inventory file at a time; several files are accepted only for RVTools tab CSVs (vInfo, vCPU, vMemory, vDisk).',
          path: at(notTab.name),
        },
      ]),
      format: null,
    };
  const main = files.find((f) => /vinfo/i.test(f.name)) ?? first;
  const label = files.length === 1 ? main.name : `${main.name} and ${files.length - 1} more`;
  const decoded = files.map((f) => ({ name: f.name, text: decodeText(f.bytes).text }));
  return { ...parseRvtoolsCsv(decoded, label, importedAt), format: 'rvtools-csv' };
}
