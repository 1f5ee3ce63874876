import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildDeliveryFiles, checkTemplateInputs } from '../core/cloudformation';
import type { Issue } from '../core/model/issue';
import type { ProjectAnalysis } from '../core/plan/plan-project';
import type { Estimate } from '../core/pricing/estimate';
import { buildProposal } from '../core/proposal/build-proposal';
import { renderProposalHtmlResult } from '../core/proposal/render-html';
import { serializeProject } from '../core/project/load-project';
import type { Project } from '../core/project/schema';
import { writeFileAtomic } from '../main/services/atomic-write';
import { printHtmlToPdf } from '../main/services/pdf';
import { readProposalTemplates } from '../main/services/templates';
import { csvRow } from './csv-cell';
import { CliError } from './errors';

export interface WriteOptions {
  paper: 'A4' | 'Letter';
  generatedAt: string;
  /** A user's own proposal template folder; the bundled one when absent. */
  templateDir?: string;
}

export type PdfOutcome = { status: 'written'; file: string } | { status: 'skipped'; reason: string };

/** estimate.json: the contract in ARCHITECTURE.md, money as exact decimal strings. */
export function estimateJson(estimate: Estimate): string {
  const src = estimate.priceSource;
  const priceSource = src.kind === 'snapshot' ? { kind: 'snapshot', region: src.region, publishedAt: src.pricesAsOf, sources: src.sources, derivationRules: src.derivationRules } : { kind: 'live', region: src.region, fetchedAt: src.fetchedAt };
  return `${JSON.stringify({ region: estimate.region, currency: estimate.currency, purchaseOption: estimate.purchaseOption, priceSource, lines: estimate.lines, totals: estimate.totals, assumptions: estimate.assumptions }, null, 2)}\n`;
}

export function estimateCsv(estimate: Estimate): string {
  const header = ['resource_id', 'resource_name', 'service', 'component', 'quantity', 'unit', 'unit_price_usd', 'monthly_usd', 'price_source', 'published_at', 'derived', 'assumption'];
  const rows = estimate.lines.map((l) =>
    csvRow([
      l.resourceId,
      l.resourceName,
      l.service,
      l.component,
      l.quantity,
      l.unit,
      l.unitPriceUsd ?? '',
      l.monthlyUsd ?? 'NO PRICE',
      l.source ? (l.source.kind === 'snapshot' ? l.source.sourceFile : 'AWS Price List API') : '',
      l.source ? (l.source.kind === 'snapshot' ? (l.source.publishedAt ?? '') : l.source.fetchedAt) : '',
      l.source?.kind === 'snapshot' && l.source.derived ? 'yes' : 'no',
      l.assumption ?? '',
    ]),
  );
  return `${[csvRow(header), ...rows, csvRow(['', 'TOTAL', '', '', '', '', '', estimate.totals.monthlyUsd, '', '', '', ''])].join('\n')}\n`;
}

async function writeAll(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const f of files) {
    const target = join(dir, f.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, f.content);
  }
}

/** CloudFormation delivery files; problems the template cannot express are returned, not thrown. */
export async function writeCloudFormation(dir: string, project: Project): Promise<{ files: string[]; issues: Issue[] }> {
  const issues = checkTemplateInputs(project);
  if (issues.some((i) => i.severity === 'error')) throw new CliError(issues);
  const files = buildDeliveryFiles(project);
  await writeAll(dir, files);
  return { files: files.map((f) => f.path), issues };
}

/** proposal.html, diagram.svg and, when a Chromium-family browser is found, proposal.pdf. */
export async function writeProposal(
  project: Project,
  analysis: ProjectAnalysis,
  targets: { html?: string; svg?: string; pdf?: string },
  options: WriteOptions,
): Promise<PdfOutcome> {
  const model = buildProposal(project, analysis, analysis.estimate.priceSource, options.generatedAt, { paper: options.paper });
  const templates = await readProposalTemplates(options.templateDir);
  if (!templates.ok) throw new CliError(templates.issues);
  const html = renderProposalHtmlResult(templates.value, model);
  if (!html.ok) throw new CliError(html.issues);
  if (targets.html) await writeFileAtomic(targets.html, html.value);
  if (targets.svg) await writeFileAtomic(targets.svg, model.diagram.svg);
  if (!targets.pdf) return { status: 'skipped', reason: 'not requested' };
  const pdf = await printHtmlToPdf(html.value, targets.pdf, { paper: options.paper });
  if (pdf.ok) return { status: 'written', file: targets.pdf };
  const reason = pdf.issues.map((i) => `${i.message} ${i.hint}`).join(' ');
  if (pdf.issues.some((i) => i.code === 'pdf.no-browser')) return { status: 'skipped', reason };
  throw new CliError(pdf.issues);
}

/** Writes every plan file (ARCHITECTURE.md, "CLI plan"); each one atomically. */
export async function writePlanOutputs(outDir: string, project: Project, analysis: ProjectAnalysis, options: WriteOptions): Promise<{ files: string[]; pdf: PdfOutcome; issues: Issue[] }> {
  await mkdir(outDir, { recursive: true });
  const data = [
    { path: 'project.archplan.json', content: serializeProject(project) },
    { path: 'estimate.json', content: estimateJson(analysis.estimate) },
    { path: 'estimate.csv', content: estimateCsv(analysis.estimate) },
    { path: 'sizing.json', content: `${JSON.stringify(analysis.sizing, null, 2)}\n` },
    { path: 'checks.json', content: `${JSON.stringify(analysis.checks, null, 2)}\n` },
  ];
  await writeAll(outDir, data);
  const cfn = await writeCloudFormation(join(outDir, 'cloudformation'), project);
  const pdf = await writeProposal(project, analysis, { html: join(outDir, 'proposal.html'), svg: join(outDir, 'diagram.svg'), pdf: join(outDir, 'proposal.pdf') }, options);
  const files = [...data.map((f) => f.path), 'diagram.svg', ...cfn.files.map((f) => `cloudformation/${f}`), 'proposal.html', ...(pdf.status === 'written' ? ['proposal.pdf'] : [])];
  return { files, pdf, issues: cfn.issues };
}
