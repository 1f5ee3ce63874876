import type { Issue } from '../model/issue';
import { csvTable } from './csv-table';
import { type ParsedInventory, at, emptyParse } from './finish-inventory';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
import { parseNativeTable } from './native-format';
import { openXlsx } from './xlsx-read';
import { xlsxIssue } from './xlsx-issue';

export type { ParsedInventory } from './finish-inventory';
export { NATIVE_COLUMNS, NATIVE_COLUMN_DOCS } from './native-format';

/** The native inventory CSV (README, "Inventory formats"). */
export function parseNativeCsv(text: string, fileName: string, importedAt: string): ParsedInventory {
  const table = csvTable(text, fileName);
  if (!table.ok) return emptyParse([table.issue]);
  return parseNativeTable(table.table, fileName, importedAt, 'native-csv');
}

/** Sheets in the native template that explain the columns; never read as servers. */
const DOC_SHEETS = /^(columns|readme|read me|help|instructions|notes)$/i;

/**
 * The native template as an XLSX: the inventory is the first sheet that is not a help sheet
 * (the template's "Columns" sheet documents the mapping).
 */
export function parseNativeXlsx(
  bytes: Uint8Array,
  fileName: string,
  importedAt: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedInventory {
  const opened = openXlsx(bytes, fileName, limits);
  if (!opened.ok) return emptyParse([xlsxIssue(opened.error, fileName)]);
  const wb = opened.workbook;
  const sheet =
    wb.sheetNames.find((n) => /^inventory$/i.test(n)) ?? wb.sheetNames.find((n) => !DOC_SHEETS.test(n));
  if (!sheet)
    return emptyParse([
      {
        code: 'inventory.no-sheet',
        severity: 'error',
        message: `${fileName} has no sheet with servers.`,
        hint: 'Put the servers on the first sheet, one row per server, with the header in the first row.',
        path: at(fileName),
      },
    ]);
  const read = wb.readSheet(sheet);
  if (!read.ok) return emptyParse([xlsxIssue(read.error, fileName)]);
  const pre: Issue[] = [];
  const others = wb.sheetNames.filter((n) => n !== sheet && !DOC_SHEETS.test(n));
  if (others.length > 0)
    pre.push({
      code: 'inventory.other-sheets',
      severity: 'notice',
      message: `Servers were read from sheet "${sheet}"; sheet${others.length === 1 ? '' : 's'} ${others.map((o) => `"${o}"`).join(', ')} ${others.length === 1 ? 'was' : 'were'} not read.`,
      hint: 'Keep all servers on one sheet.',
      path: at(fileName),
    });
  return parseNativeTable(read.table, fileName, importedAt, 'native-xlsx', pre);
}
