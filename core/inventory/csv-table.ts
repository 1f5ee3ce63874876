import type { Issue } from '../model/issue';
import { type CsvLimits, DEFAULT_CSV_LIMITS, readCsv } from './csv';
import { at } from './finish-inventory';
import type { SheetTable } from './table';

/** A CSV read into a table, or the issue that stopped it (with the line it happened on). */
export function csvTable(
  text: string,
  fileName: string,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
): { ok: true; table: SheetTable } | { ok: false; issue: Issue } {
  const read = readCsv(text, limits);
  if (!read.ok)
    return {
      ok: false,
      issue: {
        code: read.error.code,
        severity: 'error',
        message: read.error.message,
        hint:
          read.error.code === 'csv.too-large'
            ? 'Split the inventory into smaller files, or remove columns the import does not use.'
            : 'Save the inventory as a CSV text file (UTF-8) from your spreadsheet and import it again.',
        path: at(fileName, read.error.line || undefined),
      },
    };
  return {
    ok: true,
    table: { name: fileName, label: fileName, rows: read.table.rows, delimiter: read.table.delimiter },
  };
}
