import { basename, resolve } from 'node:path';
import { hasErrors } from '../../core/model/issue';
import { parseNativeCsv } from '../../core/inventory/parse-native-csv';
import { analyzeProject, createProject, planProject } from '../../core/plan/plan-project';
import { summarizeChecks } from '../../core/security/evaluate';
import { formatUsd } from '../../core/util/money';
import type { ParsedArgs } from '../args';
import { priceContextFor, readTextFile } from '../context';
import { CliError, printIssues, usageError } from '../errors';
import { planOptionsFromFlags } from '../plan-options';
import { priceSourceText } from '../render-text';
import { writePlanOutputs } from '../write-outputs';

export async function runPlan(args: ParsedArgs, now: () => Date): Promise<number> {
  const [inventoryPath, ...extra] = args.positionals;
  if (!inventoryPath)
    throw usageError(
      'archplan plan needs an inventory file.',
      'Example: archplan plan examples/rpa-estate.csv --out /tmp/plan',
    );
  if (extra.length > 0)
    throw usageError(`Unexpected argument "${extra[0]}".`, 'Give one inventory file; options start with --.');
  const out = args.values.out;
  if (typeof out !== 'string' || out === '')
    throw usageError(
      'archplan plan needs --out <dir>.',
      'Example: archplan plan examples/rpa-estate.csv --out /tmp/plan',
    );
  const options = planOptionsFromFlags(args.values);
  const paper = paperFrom(args.values.paper);
  const { prices } = priceContextFor(options.region);

  const text = readTextFile(inventoryPath, 'inventory file');
  const fileName = basename(inventoryPath);
  const at = now().toISOString();
  const parsed = parseNativeCsv(text, fileName, at);
  if (hasErrors(parsed.issues)) {
    printIssues(parsed.issues);
    throw new CliError([
      {
        code: 'inventory.rejected',
        severity: 'error',
        message: `${fileName} was not imported: fix the errors above.`,
        hint: 'See the README, "Inventory CSV", for the columns and their units.',
      },
    ]);
  }
  printIssues(parsed.issues.filter((i) => i.severity !== 'notice' || !args.values.json));

  const name = typeof args.values.name === 'string' ? args.values.name : fileName.replace(/\.[^.]+$/, '');
  const base = createProject(
    {
      name: name || 'Untitled plan',
      customer: typeof args.values.customer === 'string' ? args.values.customer : '',
      preparedBy: typeof args.values['prepared-by'] === 'string' ? args.values['prepared-by'] : '',
    },
    at,
    options,
  );
  const planned = await planProject(base, parsed.inventory, prices);
  printIssues(planned.issues);
  const analysis = analyzeProject(planned.project, prices);
  const outDir = resolve(out);
  const written = await writePlanOutputs(outDir, planned.project, analysis, { paper, generatedAt: at });
  printIssues(written.issues);

  const counts = summarizeChecks(analysis.checks);
  if (args.values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          outDir,
          files: written.files,
          servers: planned.project.inventory.servers.length,
          region: options.region,
          totals: analysis.estimate.totals,
          checks: counts,
          pdf: written.pdf,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const e = analysis.estimate;
    process.stdout.write(
      [
        `Planned ${planned.project.inventory.servers.length} servers in ${options.region} (SQL Server: ${options.sqlHa}, ${options.purchaseOption}).`,
        `  Monthly ${formatUsd(e.totals.monthlyUsd)}   Yearly ${formatUsd(e.totals.yearlyUsd)}${e.totals.linesWithoutPrice > 0 ? `   (${e.totals.linesWithoutPrice} lines without a price)` : ''}`,
        `  Prices: ${priceSourceText(e)}.`,
        `  Checks: ${counts.pass} pass, ${counts.fail} fail, ${counts.manual} manual, ${counts.suppressed} suppressed.`,
        `Wrote ${outDir}: ${written.files.join(', ')}`,
        ...(written.pdf.status === 'skipped' ? [`No PDF: ${written.pdf.reason}`] : []),
        '',
      ].join('\n'),
    );
  }
  return 0;
}

export function paperFrom(value: string | boolean | undefined): 'A4' | 'Letter' {
  if (value === undefined) return 'A4';
  if (value === 'A4' || value === 'Letter') return value;
  throw usageError(`--paper ${String(value)} is not a paper size.`, 'Use --paper A4 or --paper Letter.');
}
