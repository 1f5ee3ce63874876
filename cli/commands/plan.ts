import { basename, resolve } from 'node:path';
import { INVENTORY_FORMAT_LABELS } from '../../core/inventory/parse-inventory-file';
import { hasErrors } from '../../core/model/issue';
import { analyzeProject, createProject, planProject } from '../../core/plan/plan-project';
import { summarizeChecks } from '../../core/security/evaluate';
import { formatUsd } from '../../core/util/money';
import type { ParsedArgs } from '../args';
import { priceContextFor } from '../context';
import { CliError, printIssues, usageError } from '../errors';
import { planOptionsFromFlags } from '../plan-options';
import { readInventory } from '../read-inventory';
import { renderHaComparisonText } from '../render-ha-comparison';
import { priceSourceText } from '../render-text';
import { writePlanOutputs } from '../write-outputs';

export async function runPlan(args: ParsedArgs, now: () => Date): Promise<number> {
  const inventoryPaths = args.positionals;
  const inventoryPath = inventoryPaths[0];
  if (!inventoryPath)
    throw usageError(
      'archplan plan needs an inventory file.',
      'Example: archplan plan examples/rpa-estate.csv --out /tmp/plan',
    );
  const out = args.values.out;
  if (typeof out !== 'string' || out === '')
    throw usageError(
      'archplan plan needs --out <dir>.',
      'Example: archplan plan examples/rpa-estate.csv --out /tmp/plan',
    );
  const options = planOptionsFromFlags(args.values);
  const paper = paperFrom(args.values.paper);
  const { prices } = priceContextFor(options.region, args.values['bundled-prices'] === true);

  const fileName = basename(inventoryPath);
  const at = now().toISOString();
  // The format (native CSV/XLSX, Migration Hub CSV, RVTools XLSX/CSVs) is detected from the content.
  const parsed = readInventory(inventoryPaths, at);
  if (hasErrors(parsed.issues)) {
    printIssues(parsed.issues);
    throw new CliError([
      {
        code: 'inventory.rejected',
        severity: 'error',
        message: `${fileName} was not imported: fix the errors above.`,
        hint: 'See the README, "Inventory formats", for the columns of each format and their units.',
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
  const analysis = analyzeProject(planned.project, prices, {
    comparePurchaseOptions: true,
    compareHaPatterns: true,
    today: at.slice(0, 10),
  });
  const outDir = resolve(out);
  const written = await writePlanOutputs(outDir, planned.project, analysis, {
    paper,
    generatedAt: at,
    ...(typeof args.values.template === 'string' ? { templateDir: resolve(args.values.template) } : {}),
    ...(args.values['no-pdf'] === true ? { skipPdf: '--no-pdf was given' } : {}),
  });
  printIssues(written.issues);

  const counts = summarizeChecks(analysis.checks);
  if (args.values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          outDir,
          files: written.files,
          servers: planned.project.inventory.servers.length,
          format: parsed.format,
          region: options.region,
          totals: analysis.estimate.totals,
          checks: counts,
          pdf: written.pdf,
          ...(args.values['compare-ha'] ? { haComparison: analysis.haPatterns ?? [] } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const e = analysis.estimate;
    process.stdout.write(
      [
        `Read ${planned.project.inventory.servers.length} servers from ${inventoryPaths.length === 1 ? fileName : `${inventoryPaths.length} files`}${parsed.format ? ` (${INVENTORY_FORMAT_LABELS[parsed.format]})` : ''}; sized at ${options.percentile} × ${options.headroom}.`,
        `Planned ${planned.project.inventory.servers.length} servers in ${options.region} (SQL Server: ${options.sqlHa}, ${options.purchaseOption}).`,
        `  Monthly ${formatUsd(e.totals.monthlyUsd)}   Yearly ${formatUsd(e.totals.yearlyUsd)}${e.totals.linesWithoutPrice > 0 ? `   (${e.totals.linesWithoutPrice} lines without a price)` : ''}`,
        `  Prices: ${priceSourceText(e)}.`,
        `  Checks: ${counts.pass} pass, ${counts.fail} fail, ${counts.manual} manual, ${counts.suppressed} suppressed.`,
        `Wrote ${outDir}: ${written.files.join(', ')}`,
        ...(written.pdf.status === 'skipped' ? [`No PDF: ${written.pdf.reason}`] : []),
        ...(args.values['compare-ha'] ? ['', renderHaComparisonText(analysis.haPatterns ?? [])] : []),
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
