import type { SqlEdition } from '../model/inventory';
import type { PriceBook } from '../pricing/price-book';
import { ec2InstanceFilter } from '../pricing/resources/ec2-instance';
import type { InstanceTypeInfo } from '../pricing/snapshot';
import { byPrice } from './size-server';

/** An instance type the sizer may choose, with its hourly price under one licence model. */
export interface CatalogEntry {
  instanceType: string;
  family: string;
  category: string;
  vcpu: number;
  memoryGib: number;
  /** Exact decimal USD per hour, License Included. */
  hourlyUsd: string;
  /** True when the price is derived (Linux + licence rate), not published. */
  derivedPrice: boolean;
}

/** Families AWS groups as general purpose, compute or memory optimised: what RPA and SQL Server run on. */
const SIZING_CATEGORIES = new Set(['General purpose', 'Compute optimized', 'Memory optimized']);

/**
 * Instance types eligible for a Windows server: current generation, x86 (Windows does not run on
 * Graviton), not burstable, not bare metal, priced under the given licence in this price book; cheapest first.
 */
export function buildInstanceCatalog(
  instanceTypes: readonly InstanceTypeInfo[],
  book: PriceBook,
  edition: SqlEdition,
): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const t of instanceTypes) {
    if (!t.currentGeneration || t.architecture !== 'x86_64' || t.burstable) continue;
    if (!SIZING_CATEGORIES.has(t.category) || t.instanceType.includes('.metal')) continue;
    const match = book.lookup(ec2InstanceFilter(book.region, t.instanceType, edition));
    const price = match?.product.onDemand[0];
    if (!match || !price || price.unit !== 'Hrs') continue;
    out.push({
      instanceType: t.instanceType,
      family: t.family,
      category: t.category,
      vcpu: t.vcpu,
      memoryGib: t.memoryGib,
      hourlyUsd: price.usd,
      derivedPrice: match.source.kind === 'snapshot' && match.source.derived !== null,
    });
  }
  // Sorted once here so sizing each server is one scan for the first types that fit.
  return out.sort(byPrice);
}
