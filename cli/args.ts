import { parseArgs } from 'node:util';
import { usageError } from './errors';

export const USAGE = `archplan — plan, price and check an AWS design from a server inventory

Usage:
  archplan plan <inventory.csv> --out <dir> [options]
      Size, design, price and check; writes project.archplan.json, estimate.json, estimate.csv,
      sizing.json, checks.json, diagram.svg, cloudformation/, proposal.html and proposal.pdf.
      --region <code>         ap-south-1 (default) or us-east-1
      --sql-ha <pattern>      always-on-ag (default) or single-instance
      --purchase <option>     on-demand (default)
      --headroom <factor>     comfort factor over p95 utilisation (default 1.3)
      --nat <mode>            per-az (default) or single
      --name <text>           project name (default: the inventory file name)
      --customer <text>       customer name for the proposal
      --prepared-by <text>    preparer name for the proposal
      --paper <size>          A4 (default) or Letter
      --json                  print a JSON summary instead of text
  archplan estimate <project.archplan.json> [--json]
  archplan check <project.archplan.json> [--json] [--fail-on <severity>]
      Exits 1 when a rule at or above the severity (default: high) fails.
  archplan export <project.archplan.json> [--cfn <dir>] [--pdf <file>] [--paper A4|Letter]
  archplan pricing info [--region <code>] [--json]

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
  purchase: { type: 'string' },
  headroom: { type: 'string' },
  nat: { type: 'string' },
  name: { type: 'string' },
  customer: { type: 'string' },
  'prepared-by': { type: 'string' },
  paper: { type: 'string' },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
  cfn: { type: 'string' },
  pdf: { type: 'string' },
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
