/**
 * Bounds on what an import reads, so a hostile or broken file ends in an issue, not a hang or an
 * out-of-memory crash. The figures leave room for a 20,000-server estate (the inventory's own cap)
 * exported by RVTools with every column.
 */
export interface ImportLimits {
  /** Size of the file as given (CSV text, XLSX or ZIP bytes). */
  maxFileBytes: number;
  /** Uncompressed size of one entry inside an XLSX/ZIP, as declared and as actually inflated. */
  maxEntryBytes: number;
  /** Uncompressed size of every entry read from one archive, together. */
  maxTotalBytes: number;
  /** Entries listed in an archive's directory. */
  maxEntries: number;
  /** Rows in a sheet or CSV (the header included). */
  maxRows: number;
  /** Columns in a sheet or CSV. */
  maxColumns: number;
  /** Cells read from one workbook, over every sheet read. */
  maxCells: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /**
   * A native raw-DEFLATE codec a shell may supply (Node's zlib in the CLI): it must inflate `data`
   * and return null (or throw) rather than produce more than `maxBytes`. Without it the pure-JS
   * inflater in zip.ts is used, with the same bound.
   */
  inflateRaw?: (data: Uint8Array, maxBytes: number) => Uint8Array | null;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 2_000,
  maxRows: 100_000,
  maxColumns: 1_000,
  maxCells: 12_000_000,
  maxCellChars: 10_000,
};

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
