/**
 * A sheet of cells, whatever file it came from: a CSV gives strings, an XLSX sheet gives strings,
 * numbers and booleans. Parsers map columns by header name and read values through numbers.ts,
 * so CSV and XLSX variants of a format share one mapping.
 */
export type CellValue = string | number | boolean | null;

export interface TableRow {
  /** 1-based row (CSV line or sheet row number) as the user sees it in a spreadsheet. */
  line: number;
  cells: CellValue[];
}

export interface SheetTable {
  /** Sheet name for an XLSX, or the file name for a CSV. */
  name: string;
  /** Where issues point: "inventory.xlsx, sheet vInfo" or "inventory.csv". */
  label: string;
  rows: TableRow[];
  /** The CSV delimiter; a semicolon means decimal commas are expected in numbers. */
  delimiter: ',' | ';' | '\t' | null;
}

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  return String(value);
}

export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((c) => cellText(c) === '');
}

/** Header names compared without case, spaces, dots, dashes or underscores: "CPU.UsagePct.Avg" → "cpuusagepctavg". */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s._\-/#()]+/g, '');
}

/**
 * The first non-blank row is the header; returns its index and a map from header key to column.
 * Repeated headers keep their first column and are reported by the caller.
 */
export function readHeader(
  table: SheetTable,
): { index: number; columns: Map<string, number>; names: string[]; duplicates: string[] } | null {
  const index = table.rows.findIndex((r) => !isBlankRow(r));
  const header = table.rows[index];
  if (index < 0 || !header) return null;
  const columns = new Map<string, number>();
  const names: string[] = [];
  const duplicates: string[] = [];
  header.cells.forEach((c, i) => {
    const name = cellText(c);
    names[i] = name;
    if (name === '') return;
    const key = headerKey(name);
    if (columns.has(key)) duplicates.push(name);
    else columns.set(key, i);
  });
  return { index, columns, names, duplicates };
}
