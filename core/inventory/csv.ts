/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CR/LF/CRLF line ends, a BOM, and
 * comma, semicolon or tab delimiters. Bounded: it stops with a value, not a hang, on hostile input.
 */
export interface CsvTable {
  delimiter: ',' | ';' | '\t';
  /** Records; each carries the 1-based line number where it starts, for error messages. */
  rows: { line: number; cells: string[] }[];
}

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 500,
  maxCellChars: 10_000,
};

export type CsvError = {
  code:
    | 'csv.too-large'
    | 'csv.too-many-rows'
    | 'csv.too-many-columns'
    | 'csv.cell-too-long'
    | 'csv.unclosed-quote'
    | 'csv.binary';
  line: number;
  message: string;
};

function detectDelimiter(firstLine: string): CsvTable['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

export function readCsv(
  input: string,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
): { ok: true; table: CsvTable } | { ok: false; error: CsvError } {
  if (input.length > limits.maxBytes) {
    return {
      ok: false,
      error: {
        code: 'csv.too-large',
        line: 0,
        message: `The file is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`,
      },
    };
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.slice(0, 4096).includes('\u0000')) {
    return {
      ok: false,
      error: {
        code: 'csv.binary',
        line: 1,
        message: 'The file contains binary data; it is not a CSV text file.',
      },
    };
  }
  const firstLineEnd = text.search(/\r|\n/);
  const delimiter = detectDelimiter(firstLineEnd < 0 ? text : text.slice(0, firstLineEnd));
  const rows: CsvTable['rows'] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let rowStart = 1;
  let i = 0;
  const endCell = (): CsvError | null => {
    if (cell.length > limits.maxCellChars)
      return {
        code: 'csv.cell-too-long',
        line: rowStart,
        message: `A cell on line ${rowStart} is longer than ${limits.maxCellChars} characters.`,
      };
    cells.push(cell);
    cell = '';
    if (cells.length > limits.maxColumns)
      return {
        code: 'csv.too-many-columns',
        line: rowStart,
        message: `Line ${rowStart} has more than ${limits.maxColumns} columns.`,
      };
    return null;
  };
  const endRow = (): CsvError | null => {
    const err = endCell();
    if (err) return err;
    rows.push({ line: rowStart, cells });
    cells = [];
    if (rows.length > limits.maxRows)
      return {
        code: 'csv.too-many-rows',
        line: rowStart,
        message: `The file has more than ${limits.maxRows} rows.`,
      };
    return null;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      cell += ch;
      if (cell.length > limits.maxCellChars)
        return {
          ok: false,
          error: {
            code: 'csv.cell-too-long',
            line: rowStart,
            message: `A cell starting on line ${rowStart} is longer than ${limits.maxCellChars} characters.`,
          },
        };
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      cell = '';
      inQuotes = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      const err = endCell();
      if (err) return { ok: false, error: err };
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      const err = endRow();
      if (err) return { ok: false, error: err };
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowStart = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (inQuotes)
    return {
      ok: false,
      error: {
        code: 'csv.unclosed-quote',
        line: rowStart,
        message: `A quoted field starting on line ${rowStart} is never closed.`,
      },
    };
  if (cell !== '' || cells.length > 0) {
    const err = endRow();
    if (err) return { ok: false, error: err };
  }
  return { ok: true, table: { delimiter, rows } };
}
