import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectAnalysis } from '../core/plan/plan-project';
import type { Estimate } from '../core/pricing/estimate';
import type { PricingSnapshot } from '../core/pricing/snapshot';
import { serializeProject } from '../core/project/load-project';
import type { Project } from '../core/project/schema';
import { writeFileAtomic } from '../main/services/atomic-write';
import { csvRow } from './csv-cell';

export interface WriteOptions {
  paper: 'A4' | 'Letter';
  generatedAt: string;
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

/** Writes every plan file (ARCHITECTURE.md, "CLI plan"); each one atomically. */
export async function writePlanOutputs(outDir: string, project: Project, analysis: ProjectAnalysis, _snapshot: PricingSnapshot, _options: WriteOptions): Promise<{ files: string[]; pdf: PdfOutcome }> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['project.archplan.json', serializeProject(project)],
    ['estimate.json', estimateJson(analysis.estimate)],
    ['estimate.csv', estimateCsv(analysis.estimate)],
    ['sizing.json', `${JSON.stringify(analysis.sizing, null, 2)}\n`],
    ['checks.json', `${JSON.stringify(analysis.checks, null, 2)}\n`],
  ];
  for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content);
  return { files: files.map(([n]) => n), pdf: { status: 'skipped', reason: 'proposal not wired yet' } };
}
