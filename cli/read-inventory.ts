import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { type ParsedInventoryFile, parseInventoryFiles } from '../core/inventory/parse-inventory-file';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, megabytes } from '../core/inventory/limits';
import { CliError } from './errors';

/**
 * Node's native inflater for XLSX/ZIP entries, bounded: zlib stops with an error past `maxBytes`
 * instead of producing it (core then refuses the entry). Several times faster than the pure-JS one.
 */
export function nodeInflateRaw(data: Uint8Array, maxBytes: number): Uint8Array | null {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch {
    return null;
  }
}

/** The import limits with the native inflater: what the CLI parses with. */
export const CLI_IMPORT_LIMITS: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, inflateRaw: nodeInflateRaw };

/**
 * Reads the inventory file(s) given to `archplan plan` as bytes and parses them with core's format
 * detection. A file over the import limit is refused from its size, before it is read.
 */
export function readInventory(paths: readonly string[], importedAt: string): ParsedInventoryFile {
  const files = paths.map((path) => {
    let size: number;
    try {
      const st = statSync(path);
      if (st.isDirectory())
        throw new CliError([
          {
            code: 'cli.unreadable-file',
            severity: 'error',
            message: `The inventory file ${path} is a folder, not a file.`,
            hint: 'For RVTools CSVs, give the tab files (e.g. RVTools_tabv*.csv) or a .zip of the folder.',
            path: { file: path },
          },
        ]);
      size = st.size;
    } catch (e) {
      if (e instanceof CliError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError([
        {
          code: 'cli.unreadable-file',
          severity: 'error',
          message: `The inventory file ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`}.`,
          hint: 'Check the path and try again.',
          path: { file: path },
        },
      ]);
    }
    if (size > DEFAULT_IMPORT_LIMITS.maxFileBytes)
      throw new CliError([
        {
          code: 'inventory.file-too-large',
          severity: 'error',
          message: `${basename(path)} is ${megabytes(size)}; files larger than ${megabytes(DEFAULT_IMPORT_LIMITS.maxFileBytes)} are not imported.`,
          hint: 'Export only the columns and sheets the import reads (see the README), or split the inventory.',
          path: { file: path },
        },
      ]);
    try {
      return { name: basename(path), bytes: readFileSync(path) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError([
        {
          code: 'cli.unreadable-file',
          severity: 'error',
          message: `The inventory file ${path} cannot be read (${code === 'EACCES' ? 'permission denied' : (code ?? 'unknown error')}).`,
          hint: 'Check the path and try again.',
          path: { file: path },
        },
      ]);
    }
  });
  return parseInventoryFiles(files, importedAt, CLI_IMPORT_LIMITS);
}
