import { analyzeProject } from '../../core/plan/plan-project';
import { atOrAbove } from '../../core/security/evaluate';
import type { RuleSeverity } from '../../core/security/rule';
import { estimateJson } from '../../main/services/plan-export';
import type { ParsedArgs } from '../args';
import { priceContextFor, readProjectFile } from '../context';
import { EXIT, usageError } from '../errors';
import { renderChecksText, renderEstimateText } from '../render-text';

function projectArg(args: ParsedArgs, command: string): string {
  const [path, ...extra] = args.positionals;
  if (!path)
    throw usageError(
      `archplan ${command} needs a project file.`,
      `Example: archplan ${command} /tmp/plan/project.archplan.json`,
    );
  if (extra.length > 0) throw usageError(`Unexpected argument "${extra[0]}".`, 'Give one project file.');
  return path;
}

export function runEstimate(args: ParsedArgs): number {
  const project = readProjectFile(projectArg(args, 'estimate'));
  const { prices } = priceContextFor(project.options.region, args.values['bundled-prices'] === true);
  const { estimate, purchaseOptions } = analyzeProject(project, prices, { comparePurchaseOptions: true });
  process.stdout.write(
    args.values.json
      ? estimateJson(estimate, purchaseOptions)
      : `${renderEstimateText(estimate, purchaseOptions)}\n`,
  );
  return EXIT.ok;
}

const SEVERITIES: readonly RuleSeverity[] = ['low', 'medium', 'high', 'critical'];

export function runCheck(args: ParsedArgs): number {
  const failOn = args.values['fail-on'] ?? 'high';
  if (typeof failOn !== 'string' || !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw usageError(
      `--fail-on ${String(failOn)} is not a severity.`,
      `Use one of: ${SEVERITIES.join(', ')}.`,
    );
  }
  const project = readProjectFile(projectArg(args, 'check'));
  const { prices } = priceContextFor(project.options.region, args.values['bundled-prices'] === true);
  const { checks } = analyzeProject(project, prices);
  process.stdout.write(
    args.values.json ? `${JSON.stringify(checks, null, 2)}\n` : `${renderChecksText(checks)}\n`,
  );
  const blocking = checks.some((c) => c.status === 'fail' && atOrAbove(c.severity, failOn as RuleSeverity));
  return blocking ? EXIT.checksFailed : EXIT.ok;
}
