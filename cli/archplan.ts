import { readFileSync } from 'node:fs';
import { parseCliArgs, USAGE } from './args';
import { runExport } from './commands/export';
import { runCheck } from './commands/check';
import { runEstimate } from './commands/inspect';
import { runPlan } from './commands/plan';
import { runPricing } from './commands/pricing-info';
import { runTemplate } from './commands/template';
import { CliError, EXIT, printIssues, usageError } from './errors';
import { resolveResourceDir } from '../main/services/app-paths';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(`${resolveResourceDir('package.json')}`, 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.values.version) {
    process.stdout.write(`archplan ${version()}\n`);
    return EXIT.ok;
  }
  if (args.values.help || args.command === '' || args.command === 'help') {
    process.stdout.write(USAGE);
    return args.command === '' && !args.values.help ? EXIT.badInput : EXIT.ok;
  }
  switch (args.command) {
    case 'plan':
      return runPlan(args, () => new Date());
    case 'estimate':
      return runEstimate(args);
    case 'check':
      return runCheck(args, () => new Date());
    case 'export':
      return runExport(args, () => new Date());
    case 'pricing':
      return runPricing(args);
    case 'template':
      return runTemplate(args);
    default:
      throw usageError(
        `Unknown command "${args.command}".`,
        'Commands: plan, estimate, check, export, pricing, template. Run `archplan --help`.',
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof CliError) {
      printIssues(e.issues);
      process.exitCode = e.exitCode;
      return;
    }
    // A bug, not the user's doing: say so plainly, keep the detail for the report, no stack trace by default.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `archplan: internal error: ${message}\nThis is a bug in Architecture Planner; please report it with the command you ran.${process.env.ARCHPLAN_DEBUG ? `\n${e instanceof Error ? e.stack : ''}` : ' (Set ARCHPLAN_DEBUG=1 for details.)'}\n`,
    );
    process.exitCode = EXIT.internal;
  },
);
