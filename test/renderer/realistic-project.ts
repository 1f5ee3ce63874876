import { readFileSync } from 'node:fs';
import { parseNativeCsv } from '../../core/inventory/parse-native-csv';
import { type PriceContext, createProject, planProject } from '../../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import type { Project } from '../../core/project/schema';

/** The bundled Mumbai snapshot and the example RPA estate, planned: what the renderer shows after an import. */

let snapshot: PricingSnapshot | null = null;

export function mumbaiSnapshot(): PricingSnapshot {
  if (!snapshot) {
    const parsed = parsePricingSnapshot(
      readFileSync('pricing-data/ap-south-1.json', 'utf8'),
      'ap-south-1.json',
    );
    if (!parsed.ok) throw new Error('the bundled ap-south-1 snapshot does not parse');
    snapshot = parsed.value;
  }
  return snapshot;
}

export function mumbaiPrices(): PriceContext {
  const s = mumbaiSnapshot();
  return { book: createSnapshotPriceBook(s), instanceTypes: s.instanceTypes };
}

export const ESTATE_CSV = (): string => readFileSync('examples/rpa-estate.csv', 'utf8');

export async function plannedEstate(options: Parameters<typeof createProject>[2] = {}): Promise<Project> {
  const inventory = parseNativeCsv(ESTATE_CSV(), 'rpa-estate.csv', '2026-11-23T00:00:00Z').inventory;
  const { project } = await planProject(
    createProject({ name: 'RPA estate' }, '2026-11-23T00:00:00Z', options),
    inventory,
    mumbaiPrices(),
  );
  return project;
}
