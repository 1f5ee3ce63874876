import { parseArgs } from 'node:util';
import { usageError } from './errors';

export const USAGE = `archplan — plan, price and check an AWS design from a server inventory

Usage:
  archplan plan <inventory> --out <dir> [options]
      Size, design, price and check; writes project.archplan.json, estimate.json, estimate.csv,
      sizing.json, checks.json, diagram.svg, cloudformation/, proposal.html and proposal.pdf.
      <inventory>: the native template (.csv or .xlsx), a Migration Hub import CSV, an RVTools
      export (.xlsx, a .zip of its CSVs, or the tab CSVs themselves); the format is detected.
      --region <code>         ap-south-1 (default) or us-east-1
      --sql-ha <pattern>      SQL Server HA: always-on-ag (default), basic-ag, fci-fsx,
                              rds-multi-az or single-instance
      --compare-ha            also print every SQL Server HA pattern side by side (ha-comparison.json
                              is written either way)
      --purchase <option>     on-demand (default), ri-<standard|convertible>-<1yr|3yr>-<no|partial|all>-upfront,
                              or sp-<compute|ec2-instance>-<1yr|3yr>-<no|partial|all>-upfront
      --usage <profile>       traffic and volume assumptions: small, medium (default) or large
      --headroom <factor>     comfort factor over measured utilisation (default 1.3)
      --percentile <p>        utilisation percentile sizing uses: p50, p90, p95 (default), p99, max
      --allow-burstable       let lightly used servers run on burstable t3/t3a types
      --nat <mode>            per-az (default) or single
      --name <text>           project name (default: the inventory file name)
      --customer <text>       customer name for the proposal
      --prepared-by <text>    preparer name for the proposal
      --paper <size>          A4 (default) or Letter
      --no-pdf                write everything but proposal.pdf (faster; print it later with archplan export --pdf)
      --template <dir>        brand folder for the proposal (see archplan export)
      --json                  print a JSON summary instead of text
  archplan estimate <project.archplan.json> [--json]
  archplan check <project.archplan.json> [--json] [--fail-on <severity>]
      Exits 1 when a rule at or above the severity (default: high) fails.
  archplan export <project.archplan.json> [--cfn <dir>] [--pdf <file>] [--docx <file>]
                  [--paper A4|Letter] [--template <dir>]
      --docx <file>           the proposal as an editable Word document (same sections as the PDF)
      --template <dir>        brand folder for the proposal (brand.json, logo, brand.css, templates);
                              default: the folder saved in the project, else the built-in look
  archplan pricing info [--region <code>] [--json]
      The bundled snapshots and any live refreshes, and which one estimates use.
  archplan pricing refresh --region <code> [--profile <name>] [--endpoint <url>]
      Fetches current prices from the AWS Price List API (credentials from the standard AWS chain or
      --profile) and keeps them in your data folder; later estimates use them.
  --bundled-prices            (plan, estimate, check, export) use the bundled snapshot even after a refresh
  archplan template --out <inventory-template.xlsx|.csv>
      Writes the native inventory template (header, example rows; the XLSX also documents each column).

Exit codes: 0 ok, 1 checks failed (check), 2 bad input or usage, 3 internal error.
`;

export interface ParsedArgs {
  command: string;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

const OPTIONS = {
  out: { type: 'string' },
  region: { type: 'string' },
  'sql-ha': { type: 'string' },
  'compare-ha': { type: 'boolean' },
  purchase: { type: 'string' },
  headroom: { type: 'string' },
  percentile: { type: 'string' },
  'allow-burstable': { type: 'boolean' },
  nat: { type: 'string' },
  name: { type: 'string' },
  customer: { type: 'string' },
  'prepared-by': { type: 'string' },
  paper: { type: 'string' },
  'no-pdf': { type: 'boolean' },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
  cfn: { type: 'string' },
  pdf: { type: 'string' },
  docx: { type: 'string' },
  template: { type: 'string' },
  profile: { type: 'string' },
  usage: { type: 'string' },
  endpoint: { type: 'string' },
  'bundled-prices': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(e instanceof Error ? e.message : String(e), 'Run `archplan --help` for the options.');
  }
  const [command = '', ...positionals] = parsed.positionals;
  return { command, positionals, values: parsed.values };
}
