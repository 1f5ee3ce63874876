import { resolve } from 'node:path';
import { buildInventoryTemplateCsv, buildInventoryTemplateXlsx } from '../../core/inventory/template';
import { writeFileAtomic } from '../../main/services/atomic-write';
import type { ParsedArgs } from '../args';
import { CliError, usageError } from '../errors';

/** `archplan template --out <file.xlsx|file.csv>`: the native inventory template, format from the extension. */
export async function runTemplate(args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 0)
    throw usageError(
      `Unexpected argument "${args.positionals[0]}".`,
      'Example: archplan template --out inventory-template.xlsx',
    );
  const out = args.values.out;
  if (typeof out !== 'string' || out === '')
    throw usageError(
      'archplan template needs --out <file>.',
      'Example: archplan template --out inventory-template.xlsx',
    );
  const path = resolve(out);
  const data = /\.xlsx$/i.test(out)
    ? buildInventoryTemplateXlsx()
    : /\.csv$/i.test(out)
      ? buildInventoryTemplateCsv()
      : null;
  if (data === null)
    throw usageError(
      `--out ${out}: the template is written as .xlsx or .csv.`,
      'Example: archplan template --out inventory-template.xlsx (or .csv)',
    );
  try {
    await writeFileAtomic(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError([
      {
        code: 'cli.cannot-write',
        severity: 'error',
        message: `Could not write ${path} (${code === 'ENOENT' ? 'the folder does not exist' : (code ?? 'unknown error')}).`,
        hint: 'Choose a path in an existing folder you can write to.',
        path: { file: path },
      },
    ]);
  }
  process.stdout.write(
    `Wrote ${path}: the inventory template; replace the three example rows with the customer's servers.\n`,
  );
  return 0;
}
