import type { Issue, Result } from '../core/model/issue';
import type { ProjectAnalysis } from '../core/plan/plan-project';
import type { Project } from '../core/project/schema';
import { printHtmlToPdf, rasteriseSvgToPng } from '../main/services/pdf';
import * as planExport from '../main/services/plan-export';
import { CliError } from './errors';

/**
 * The CLI's side of main/services/plan-export.ts (shared with the desktop app and the browser mode):
 * it prints PDFs with a Chromium-family browser found on the machine, and turns the issues that stop
 * an export into a CliError (exit 2).
 */

export type { PdfOutcome } from '../main/services/plan-export';

export type WriteOptions = Omit<planExport.PlanExportOptions, 'printPdf'>;

const printWithBrowser: planExport.PrintPdf = (html, outFile, paper) =>
  printHtmlToPdf(html, outFile, { paper });

function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.issues);
  return result.value;
}

/** CloudFormation delivery files; problems the template cannot express are returned, not thrown. */
export async function writeCloudFormation(
  dir: string,
  project: Project,
): Promise<{ files: string[]; issues: Issue[] }> {
  const result = await planExport.writeCloudFormation(dir, project);
  return { ...orThrow(result), issues: result.issues };
}

/** proposal.html, diagram.svg, proposal.docx and, when a Chromium-family browser is found, proposal.pdf. */
export async function writeProposal(
  project: Project,
  analysis: ProjectAnalysis,
  targets: { html?: string; svg?: string; pdf?: string; docx?: string },
  options: WriteOptions,
): Promise<planExport.PdfOutcome> {
  return orThrow(
    await planExport.writeProposal(project, analysis, targets, {
      ...options,
      printPdf: printWithBrowser,
      rasterisePng: rasteriseSvgToPng,
    }),
  );
}

/** Writes every plan file (ARCHITECTURE.md, "CLI plan"); each one atomically. */
export async function writePlanOutputs(
  outDir: string,
  project: Project,
  analysis: ProjectAnalysis,
  options: WriteOptions,
): Promise<{ files: string[]; pdf: planExport.PdfOutcome; issues: Issue[] }> {
  const result = await planExport.writePlanOutputs(outDir, project, analysis, {
    ...options,
    printPdf: printWithBrowser,
    rasterisePng: rasteriseSvgToPng,
  });
  return { ...orThrow(result), issues: result.issues };
}
