import type { Inventory, SqlEdition } from '../model/inventory';
import type { Issue } from '../model/issue';
import type { PlanOptions } from '../model/options';
import type { PriceBook } from '../pricing/price-book';
import type { InstanceTypeInfo } from '../pricing/snapshot';
import { buildInstanceCatalog, type CatalogEntry } from './instance-catalog';
import { effectiveEdition, sizeServer, type SizingResult } from './size-server';

/** Sizes every server; one catalog per licence model, built once. */
export function sizeInventory(
  inventory: Inventory,
  instanceTypes: readonly InstanceTypeInfo[],
  book: PriceBook,
  options: Pick<PlanOptions, 'headroom' | 'region' | 'percentile'>,
): { results: SizingResult[]; issues: Issue[] } {
  const catalogs = new Map<SqlEdition, CatalogEntry[]>();
  const catalogFor = (edition: SqlEdition): CatalogEntry[] => {
    let c = catalogs.get(edition);
    if (!c) {
      c = buildInstanceCatalog(instanceTypes, book, edition);
      catalogs.set(edition, c);
    }
    return c;
  };
  const results: SizingResult[] = [];
  const issues: Issue[] = [];
  for (const server of inventory.servers) {
    const sized = sizeServer(server, catalogFor(effectiveEdition(server)), options);
    results.push(sized.result);
    issues.push(...sized.issues);
  }
  return { results, issues };
}
