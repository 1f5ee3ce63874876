import { resolve } from 'node:path';
import { analyzeProject } from '../../core/plan/plan-project';
import { lintWithCfnLint } from '../../main/services/cfn-lint';
import { writeCloudFormation } from '../../main/services/plan-export';
import type { ParsedArgs } from '../args';
import { priceContextFor, readProjectFile } from '../context';
import { CliError, EXIT, printIssues, usageError } from '../errors';
import { writeProposal } from '../write-outputs';
import { paperFrom } from './plan';

/**
 * archplan export <project> [--cfn <dir>] [--pdf <file>] [--docx <file>] [--template <dir>]: the same
 * files the desktop export writes.
 */
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
  const docxFile = typeof args.values.docx === 'string' ? resolve(args.values.docx) : undefined;
  const templateDir = typeof args.values.template === 'string' ? resolve(args.values.template) : undefined;
  if (!cfnDir && !pdfFile && !docxFile)
    throw usageError(
      'Nothing to export.',
      'Add --cfn <dir> for CloudFormation, --pdf <file> and/or --docx <file> for the proposal.',
    );
  const paper = paperFrom(args.values.paper);
  const project = readProjectFile(path);
  const today = now().toISOString().slice(0, 10);
  const { prices } = priceContextFor(project.options.region, args.values['bundled-prices'] === true);
  if (cfnDir) {
    // Checked against the resource specification and with cfn-lint (when installed) before anything is
    // written; the README summarises sizing, cost and the checklist, suppressions become scanner metadata.
    const cfn = await writeCloudFormation(
      cfnDir,
      project,
      analyzeProject(project, prices, { today }),
      lintWithCfnLint,
    );
    if (!cfn.ok) throw new CliError(cfn.issues);
    printIssues(cfn.issues);
    process.stdout.write(`Wrote ${cfnDir}: ${cfn.value.files.join(', ')}\n`);
  }
  if (pdfFile || docxFile) {
    const analysis = analyzeProject(project, prices, {
      comparePurchaseOptions: true,
      compareHaPatterns: true,
      today,
    });
    const pdf = await writeProposal(
      project,
      analysis,
      { ...(pdfFile ? { pdf: pdfFile } : {}), ...(docxFile ? { docx: docxFile } : {}) },
      { paper, generatedAt: now().toISOString(), ...(templateDir ? { templateDir } : {}) },
    );
    if (docxFile) process.stdout.write(`Wrote ${docxFile}\n`);
    if (pdfFile && pdf.status === 'skipped')
      throw usageError(
        `No PDF written: ${pdf.reason}`,
        'Install Chrome, Chromium or Edge, or set ARCHPLAN_CHROMIUM to its path.',
      );
    if (pdfFile) process.stdout.write(`Wrote ${pdfFile}\n`);
  }
  return EXIT.ok;
}
