import { analyzeProject } from '../../core/plan/plan-project';
import { estimateJson } from '../../main/services/plan-export';
import type { ParsedArgs } from '../args';
import { priceContextFor, readProjectFile } from '../context';
import { EXIT, usageError } from '../errors';
import { renderEstimateText } from '../render-text';

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
