import { resolve } from 'node:path';
import { analyzeProject } from '../../core/plan/plan-project';
import type { ParsedArgs } from '../args';
import { priceContextFor, readProjectFile } from '../context';
import { EXIT, printIssues, usageError } from '../errors';
import { writeCloudFormation, writeProposal } from '../write-outputs';
import { paperFrom } from './plan';

/** archplan export <project> [--cfn <dir>] [--pdf <file>]: the same files the desktop export writes. */
export async function runExport(args: ParsedArgs, now: () => Date): Promise<number> {
  const [path, ...extra] = args.positionals;
  if (!path)
    throw usageError(
      'archplan export needs a project file.',
      'Example: archplan export plan/project.archplan.json --cfn out/cfn --pdf out/proposal.pdf',
    );
  if (extra.length > 0) throw usageError(`Unexpected argument "${extra[0]}".`, 'Give one project file.');
  const cfnDir = typeof args.values.cfn === 'string' ? resolve(args.values.cfn) : undefined;
  const pdfFile = typeof args.values.pdf === 'string' ? resolve(args.values.pdf) : undefined;
  if (!cfnDir && !pdfFile)
    throw usageError(
      'Nothing to export.',
      'Add --cfn <dir> for CloudFormation and/or --pdf <file> for the proposal.',
    );
  const paper = paperFrom(args.values.paper);
  const project = readProjectFile(path);
  if (cfnDir) {
    const cfn = await writeCloudFormation(cfnDir, project);
    printIssues(cfn.issues);
    process.stdout.write(`Wrote ${cfnDir}: ${cfn.files.join(', ')}\n`);
  }
  if (pdfFile) {
    const { prices } = priceContextFor(project.options.region, args.values['bundled-prices'] === true);
    const analysis = analyzeProject(project, prices, {
      comparePurchaseOptions: true,
      compareHaPatterns: true,
    });
    const pdf = await writeProposal(
      project,
      analysis,
      { pdf: pdfFile },
      { paper, generatedAt: now().toISOString() },
    );
    if (pdf.status === 'skipped')
      throw usageError(
        `No PDF written: ${pdf.reason}`,
        'Install Chrome, Chromium or Edge, or set ARCHPLAN_CHROMIUM to its path.',
      );
    process.stdout.write(`Wrote ${pdfFile}\n`);
  }
  return EXIT.ok;
}
