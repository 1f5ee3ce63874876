import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNativeCsv } from '../../core/inventory/parse-native-csv';
import type { PlanOptions } from '../../core/model/options';
import { analyzeProject, createProject, planProject, type PriceContext } from '../../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXED_NOW = '2026-11-23T09:00:00.000Z';

const snapshots = new Map<string, PricingSnapshot>();

export function loadSnapshot(region = 'ap-south-1'): PricingSnapshot {
  let s = snapshots.get(region);
  if (!s) {
    const parsed = parsePricingSnapshot(
      readFileSync(join(ROOT, 'pricing-data', `${region}.json`), 'utf8'),
      `${region}.json`,
    );
    if (!parsed.ok) throw new Error(`snapshot ${region}: ${parsed.issues.map((i) => i.message).join('; ')}`);
    s = parsed.value;
    snapshots.set(region, s);
  }
  return s;
}

export function priceContext(region = 'ap-south-1'): PriceContext {
  const s = loadSnapshot(region);
  return { book: createSnapshotPriceBook(s), instanceTypes: s.instanceTypes };
}

export function readExample(name = 'rpa-estate.csv'): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

const planned = new Map<string, ReturnType<typeof planFresh>>();

/**
 * The bundled example inventory, planned with the given options: what a user gets from `archplan plan`.
 * Memoised per options (planning runs ELK); callers must not mutate the result.
 */
export function planExample(
  options: Partial<PlanOptions> = {},
  csv = readExample(),
): ReturnType<typeof planFresh> {
  const key = JSON.stringify([options, csv]);
  let p = planned.get(key);
  if (!p) {
    p = planFresh(options, csv);
    planned.set(key, p);
  }
  return p;
}

async function planFresh(options: Partial<PlanOptions>, csv: string) {
  const prices = priceContext(options.region ?? 'ap-south-1');
  const parsed = parseNativeCsv(csv, 'rpa-estate.csv', FIXED_NOW);
  const planned = await planProject(
    createProject({ name: 'RPA estate', customer: 'Example Registrar Ltd' }, FIXED_NOW, options),
    parsed.inventory,
    prices,
  );
  return { ...planned, analysis: analyzeProject(planned.project, prices), prices };
}
