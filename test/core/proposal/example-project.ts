import { readFileSync } from 'node:fs';
import { parseNativeCsv } from '../../../core/inventory/parse-native-csv';
import type { Inventory } from '../../../core/model/inventory';
import type { PlanOptions } from '../../../core/model/options';
import {
  type PriceContext,
  type ProjectAnalysis,
  analyzeProject,
  createProject,
  planProject,
} from '../../../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../../../core/pricing/price-book';
import type { ProjectInfo, Project } from '../../../core/project/schema';

/** The bundled Mumbai price snapshot and the example RPA estate (14 servers), as the CLI would use them. */
export const GENERATED_AT = '2026-11-23T09:30:00Z';

export function examplePrices(): PriceContext {
  const snap = parsePricingSnapshot(readFileSync('pricing-data/ap-south-1.json', 'utf8'), 'ap-south-1.json');
  if (!snap.ok) throw new Error('the bundled ap-south-1 snapshot does not parse');
  return { book: createSnapshotPriceBook(snap.value), instanceTypes: snap.value.instanceTypes };
}

export function exampleInventory(): Inventory {
  return parseNativeCsv(
    readFileSync('examples/rpa-estate.csv', 'utf8'),
    'rpa-estate.csv',
    '2026-11-23T00:00:00Z',
  ).inventory;
}

export async function planExample(
  info: Partial<ProjectInfo> = {},
  options: Partial<PlanOptions> = {},
  inventory: Inventory = exampleInventory(),
  prices: PriceContext = examplePrices(),
): Promise<{ project: Project; analysis: ProjectAnalysis; prices: PriceContext }> {
  const base = createProject(
    {
      name: 'KFintech IQ Bot platform',
      customer: 'KFin Technologies Ltd',
      preparedBy: 'Workmates Core2Cloud',
      ...info,
    },
    '2026-11-23T00:00:00Z',
    options,
  );
  const { project } = await planProject(base, inventory, prices);
  return { project, analysis: analyzeProject(project, prices), prices };
}
