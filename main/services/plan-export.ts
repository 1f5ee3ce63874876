import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Issue, Result } from '../../core/model/issue';
import { haComparisonJson } from '../../core/plan/compare-ha-patterns';
import type { ProjectAnalysis } from '../../core/plan/plan-project';
import type { PurchaseOptionSummary } from '../../core/pricing/compare';
import { type Estimate, monthlyByService, monthlyByTier } from '../../core/pricing/estimate';
import { describePriceBook } from '../../core/pricing/price-book';
import { COST_TIER_LABELS } from '../../core/pricing/tiers';
import { type ProposalViewModel, buildProposal } from '../../core/proposal/build-proposal';
import { preparePrintDiagram } from '../../core/proposal/print-diagram';
import { renderProposalHtmlResult } from '../../core/proposal/render-html';
import { serializeProject } from '../../core/project/load-project';
import type { Project } from '../../core/project/schema';
import { writeFileAtomic } from './atomic-write';
import { buildCloudFormationPack } from './cfn-delivery';
import type { LintCfn } from './cfn-lint';
import { csvRow } from './csv-cell';
import { describeFileError, errorCode } from './file-errors';
import { PDF_NO_BROWSER, type PaperSize, type PrintPdf, type RasterisePng } from './pdf-page';
import { readBrandFolder } from './brand-folder';
import { renderProposalDocx, svgSize } from './proposal-docx';
import { readProposalTemplates } from './templates';

/**
 * Writes the plan's files: the data files, the CloudFormation delivery files, the proposal HTML,
 * diagram and PDF. One implementation for every shell: the CLI (`archplan plan`, `archplan export`),
 * the desktop app and the browser mode; each passes its own way of printing a PDF. Problems come back
 * as issues, never as exceptions (only a bug throws).
 */

export type { PaperSize, PrintPdf };

export interface PlanExportOptions {
  paper: PaperSize;
  /** ISO timestamp printed on the proposal. */
  generatedAt: string;
  /** A user's own proposal template folder; the bundled one when absent. */
  templateDir?: string;
  printPdf: PrintPdf;
  /** Draws the diagram as a PNG for the DOCX's readers without SVG support; a plain frame without it. */
  rasterisePng?: RasterisePng;
  /** cfn-lint runner for the CloudFormation templates (main/services/cfn-lint.ts); none = built-in check only. */
  lintCfn?: LintCfn;
  /** Do not print proposal.pdf, for this reason (the CLI's --no-pdf); the HTML and DOCX are still written. */
  skipPdf?: string;
}

export type PdfOutcome = { status: 'written'; file: string } | { status: 'skipped'; reason: string };

export interface PlanOutputs {
  /** Written files, relative to the output folder, "/"-separated, in the order written. */
  files: string[];
  pdf: PdfOutcome;
}

/**
 * estimate.json: the contract in ARCHITECTURE.md, money as exact decimal strings. Beyond the contract:
 * each line's tier, purchase option, upfront and effective monthly figures; totals by service and by
 * tier; what the price source lacks; and, when computed, every purchase option side by side.
 */
export function estimateJson(estimate: Estimate, purchaseOptions?: readonly PurchaseOptionSummary[]): string {
  const src = estimate.priceSource;
  const common = {
    region: src.region,
    sources: src.sources,
    derivationRules: src.derivationRules,
    notPriced: src.gaps.map((g) => ({ id: g.id, what: g.what, reason: g.reason })),
  };
  const priceSource =
    src.kind === 'snapshot'
      ? { kind: 'snapshot', publishedAt: src.pricesAsOf, description: describePriceBook(src), ...common }
      : {
          kind: 'live',
          fetchedAt: src.fetchedAt,
          description: describePriceBook(src),
          endpoint: src.endpoint,
          servicesFetched: src.servicesFetched,
          servicesFailed: src.servicesFailed,
          ...common,
        };
  return `${JSON.stringify(
    {
      region: estimate.region,
      currency: estimate.currency,
      purchaseOption: estimate.purchaseOption,
      usageProfile: estimate.usageProfile,
      priceSource,
      lines: estimate.lines,
      totals: estimate.totals,
      byService: monthlyByService(estimate),
      byTier: monthlyByTier(estimate),
      ...(purchaseOptions ? { comparison: purchaseOptions } : {}),
      assumptions: estimate.assumptions,
    },
    null,
    2,
  )}\n`;
}

/** estimate.csv: one line per cost component with its tier, purchase option and price source, then the totals. */
export function estimateCsv(estimate: Estimate): string {
  const header = [
    'resource_id',
    'resource_name',
    'tier',
    'service',
    'component',
    'quantity',
    'unit',
    'unit_price_usd',
    'monthly_usd',
    'upfront_usd',
    'effective_monthly_usd',
    'purchase_option',
    'price_source',
    'published_or_fetched_at',
    'derived',
    'derivation',
    'price_filter',
    'price_not_found',
    'assumption',
  ];
  const rows = estimate.lines.map((l) =>
    csvRow([
      l.resourceId,
      l.resourceName,
      COST_TIER_LABELS[l.tier],
      l.service,
      l.component,
      l.quantity,
      l.unit,
      l.unitPriceUsd ?? '',
      l.monthlyUsd ?? 'NO PRICE',
      l.upfrontUsd ?? '',
      l.effectiveMonthlyUsd ?? '',
      l.purchaseOption,
      l.source ? (l.source.kind === 'snapshot' ? l.source.sourceFile : 'AWS Price List Query API') : '',
      l.source ? (l.source.kind === 'snapshot' ? (l.source.publishedAt ?? '') : l.source.fetchedAt) : '',
      l.source?.derived ? 'yes' : 'no',
      l.source?.derived ? `${l.source.derived.rule}: ${l.source.derived.inputs.join(' + ')}` : '',
      l.priceFilter,
      l.priceNotFound?.reason ?? '',
      l.assumption ?? '',
    ]),
  );
  const t = estimate.totals;
  const total = csvRow([
    '',
    'TOTAL',
    '',
    '',
    t.linesWithoutPrice > 0 ? `${t.linesWithoutPrice} lines without a price are not included` : '',
    '',
    '',
    '',
    t.monthlyUsd,
    t.upfrontUsd,
    t.effectiveMonthlyUsd,
    estimate.purchaseOption,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  return `${[csvRow(header), ...rows, total].join('\n')}\n`;
}

function writeFailed(file: string, e: unknown): Issue {
  return {
    code: 'export.write-failed',
    severity: 'error',
    message: `Could not write ${file}: ${describeFileError(e)}.`,
    hint: 'Check that the folder exists and that you may write to it, that the file is not open in another program and that the disk has space; then export again (files already written are complete, each one is replaced whole).',
    path: { file },
  };
}

/** Runs a file operation; a file-system failure becomes an issue naming the file, anything else is a bug and propagates. */
async function attempt(file: string, operation: () => Promise<unknown>): Promise<Issue | null> {
  try {
    await operation();
    return null;
  } catch (e) {
    if (errorCode(e) === undefined) throw e;
    return writeFailed(file, e);
  }
}

async function writeAll(
  dir: string,
  files: readonly { path: string; content: string | Uint8Array }[],
): Promise<Result<string[]>> {
  for (const f of files) {
    const target = join(dir, f.path);
    const failed = await attempt(target, async () => {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, f.content);
    });
    if (failed) return { ok: false, issues: [failed] };
  }
  return { ok: true, value: files.map((f) => f.path), issues: [] };
}

/**
 * The CloudFormation delivery pack (a template and parameter file per stack, the whole template, the
 * README) into `dir`, checked before anything is written: errors from the template inputs, the
 * specification check or cfn-lint come back instead of the files, warnings with them. With `analysis`
 * the README carries the sizing, cost and checklist, and suppressed findings become scanner metadata.
 */
export async function writeCloudFormation(
  dir: string,
  project: Project,
  analysis?: ProjectAnalysis,
  lintCfn?: LintCfn,
): Promise<Result<{ files: string[] }>> {
  const pack = await buildCloudFormationPack(project, {
    analysis: analysis ?? null,
    ...(lintCfn ? { lint: lintCfn } : {}),
  });
  if (!pack.ok) return pack;
  const written = await writeAll(dir, pack.value);
  if (!written.ok) return { ok: false, issues: [...pack.issues, ...written.issues] };
  return { ok: true, value: { files: written.value }, issues: pack.issues };
}

/** The proposal as HTML (with the diagram SVG it embeds) and its view model, rendered in memory from the templates. */
async function renderProposal(
  project: Project,
  analysis: ProjectAnalysis,
  options: PlanExportOptions,
): Promise<Result<{ html: string; svg: string; model: ProposalViewModel }>> {
  // The CLI's --template wins over the folder saved in the project.
  const templateDir = options.templateDir ?? project.proposal.templateDir;
  const brand = await readBrandFolder(templateDir);
  if (!brand.ok) return { ok: false, issues: brand.issues };
  const diagram = await preparePrintDiagram(project.topology, project.layout);
  const model = buildProposal(project, analysis, analysis.estimate.priceSource, options.generatedAt, {
    paper: options.paper,
    brand: brand.value,
    diagram,
  });
  const templates = await readProposalTemplates(templateDir);
  if (!templates.ok) return { ok: false, issues: templates.issues };
  const html = renderProposalHtmlResult(templates.value, model);
  if (!html.ok) return { ok: false, issues: html.issues };
  return { ok: true, value: { html: html.value, svg: model.diagram.svg, model }, issues: [] };
}

/** proposal.docx bytes: the same sections as the PDF, for teams that edit before sending. */
async function docxContent(
  model: ProposalViewModel,
  file: string,
  rasterisePng?: RasterisePng,
): Promise<Result<Uint8Array>> {
  try {
    const size = svgSize(model.diagram.svg);
    const diagramPng = rasterisePng ? await rasterisePng(model.diagram.svg, size.width, size.height) : null;
    return { ok: true, value: await renderProposalDocx(model, { diagramPng }), issues: [] };
  } catch (e) {
    return {
      ok: false,
      issues: [
        {
          code: 'docx.build-failed',
          severity: 'error',
          message: `The proposal could not be written as DOCX: ${e instanceof Error ? e.message : String(e)}`,
          hint: 'The PDF and HTML proposal are unaffected; report this with the project file.',
          path: { file },
        },
      ],
    };
  }
}

/** Prints the PDF; a missing browser skips it with the reason (the HTML is still there), any other failure is an error. */
async function printProposal(
  html: string,
  pdfFile: string,
  options: PlanExportOptions,
): Promise<Result<PdfOutcome>> {
  const pdf = await options.printPdf(html, pdfFile, options.paper);
  if (pdf.ok) return { ok: true, value: { status: 'written', file: pdfFile }, issues: [] };
  if (pdf.issues.some((i) => i.code === PDF_NO_BROWSER)) {
    const reason = pdf.issues.map((i) => `${i.message} ${i.hint}`).join(' ');
    return { ok: true, value: { status: 'skipped', reason }, issues: [] };
  }
  return { ok: false, issues: pdf.issues };
}

/** proposal.html, diagram.svg and proposal.docx when asked for, and proposal.pdf through `options.printPdf`. */
export async function writeProposal(
  project: Project,
  analysis: ProjectAnalysis,
  targets: { html?: string; svg?: string; pdf?: string; docx?: string },
  options: PlanExportOptions,
): Promise<Result<PdfOutcome>> {
  const proposal = await renderProposal(project, analysis, options);
  if (!proposal.ok) return proposal;
  for (const [file, content] of [
    [targets.html, proposal.value.html],
    [targets.svg, proposal.value.svg],
  ] as const) {
    if (!file) continue;
    const failed = await attempt(file, () => writeFileAtomic(file, content));
    if (failed) return { ok: false, issues: [failed] };
  }
  if (targets.docx) {
    const file = targets.docx;
    const docx = await docxContent(proposal.value.model, file, options.rasterisePng);
    if (!docx.ok) return docx;
    const failed = await attempt(file, () => writeFileAtomic(file, docx.value));
    if (failed) return { ok: false, issues: [failed] };
  }
  if (!targets.pdf) return { ok: true, value: { status: 'skipped', reason: 'not requested' }, issues: [] };
  return printProposal(proposal.value.html, targets.pdf, options);
}

/**
 * Every plan file (ARCHITECTURE.md, "CLI plan") into `outDir`: project.archplan.json, estimate.json,
 * estimate.csv, sizing.json, checks.json, cloudformation/, diagram.svg, proposal.html,
 * proposal.docx and proposal.pdf. Everything is built in memory first, so a design the template cannot express, or a
 * broken proposal template, writes nothing; then each file is written atomically, so a file of the
 * same name is replaced whole or not at all. The PDF is printed last.
 */
export async function writePlanOutputs(
  outDir: string,
  project: Project,
  analysis: ProjectAnalysis,
  options: PlanExportOptions,
): Promise<Result<PlanOutputs>> {
  const cfn = await buildCloudFormationPack(project, {
    analysis,
    ...(options.lintCfn ? { lint: options.lintCfn } : {}),
  });
  if (!cfn.ok) return cfn;
  const checks = cfn.issues;
  const proposal = await renderProposal(project, analysis, options);
  if (!proposal.ok) return proposal;
  const docx = await docxContent(proposal.value.model, join(outDir, 'proposal.docx'), options.rasterisePng);
  if (!docx.ok) return docx;
  const files: { path: string; content: string | Uint8Array }[] = [
    { path: 'project.archplan.json', content: serializeProject(project) },
    { path: 'estimate.json', content: estimateJson(analysis.estimate, analysis.purchaseOptions) },
    { path: 'estimate.csv', content: estimateCsv(analysis.estimate) },
    { path: 'sizing.json', content: `${JSON.stringify(analysis.sizing, null, 2)}\n` },
    { path: 'checks.json', content: `${JSON.stringify(analysis.checks, null, 2)}\n` },
    ...(analysis.haPatterns
      ? [{ path: 'ha-comparison.json', content: haComparisonJson(analysis.haPatterns) }]
      : []),
    { path: 'diagram.svg', content: proposal.value.svg },
    ...cfn.value.map((f) => ({ path: `cloudformation/${f.path}`, content: f.content })),
    { path: 'proposal.html', content: proposal.value.html },
    { path: 'proposal.docx', content: docx.value },
  ];
  const folder = await attempt(outDir, () => mkdir(outDir, { recursive: true }));
  if (folder) return { ok: false, issues: [folder] };
  const written = await writeAll(outDir, files);
  if (!written.ok) return written;
  const pdf: Result<PdfOutcome> = options.skipPdf
    ? { ok: true, value: { status: 'skipped', reason: options.skipPdf }, issues: [] }
    : await printProposal(proposal.value.html, join(outDir, 'proposal.pdf'), options);
  if (!pdf.ok) return pdf;
  return {
    ok: true,
    value: {
      files: [...written.value, ...(pdf.value.status === 'written' ? ['proposal.pdf'] : [])],
      pdf: pdf.value,
    },
    issues: checks,
  };
}
