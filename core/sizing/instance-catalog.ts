import type { SqlEdition } from '../model/inventory';
import type { PriceBook } from '../pricing/price-book';
import { ec2InstanceFilter, linuxInstanceFilter } from '../pricing/resources/ec2-instance';
import type { InstanceTypeInfo } from '../pricing/snapshot';
import { Money } from '../util/money';

/** An instance type the sizer may choose, with its hourly price under one licence model. */
export interface CatalogEntry {
  instanceType: string;
  family: string;
  category: string;
  vcpu: number;
  memoryGib: number;
  /** Exact decimal USD per hour, Windows (and SQL Server) License Included, every vCPU active. */
  hourlyUsd: string;
  /** True when the price is derived (Linux + licence rate), not published. */
  derivedPrice: boolean;
  /** The Linux price of the same type: the compute part. Null when the price book has none. */
  linuxHourlyUsd: string | null;
  burstable: boolean;
  currentGeneration: boolean;
  /** Physical cores and threads per core with every vCPU active (what Optimize CPUs starts from). */
  defaultCores: number;
  defaultThreadsPerCore: 1 | 2;
}

/** The types a licence model can run on: what sizing chooses from, and every priced type for pins. */
export interface InstanceCatalog {
  edition: SqlEdition;
  /** Current-generation x86 types AWS groups as general purpose, compute or memory optimised; cheapest first. */
  entries: CatalogEntry[];
  /** Every priced x86 type of any generation or category (an architect may pin any of them). */
  byType: ReadonlyMap<string, CatalogEntry>;
}

/** Families AWS groups as general purpose, compute or memory optimised: what RPA and SQL Server run on. */
const SIZING_CATEGORIES = new Set(['General purpose', 'Compute optimized', 'Memory optimized']);

/**
 * AMD 7th-generation and later (m7a, r7a, c7a…) and the HPC types run one thread per core, so a
 * vCPU is a core; other current x86 types run two threads per core.
 */
export function defaultThreadsPerCore(family: string): 1 | 2 {
  return /^[a-z]+([7-9]|\d{2,})a[a-z]*$/.test(family) || family.startsWith('hpc') ? 1 : 2;
}

/**
 * Orders two exact decimal price strings. Prices have at most a handful of decimals, so their binary
 * approximations keep the decimal order; only equal-looking values fall back to exact comparison.
 */
export function comparePrices(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : a === b ? 0 : new Money(a).cmp(b);
}

/** Cheapest first; ties to fewer vCPU, then less memory, then name, so the choice is stable. */
export function byPrice(a: CatalogEntry, b: CatalogEntry): number {
  return (
    comparePrices(a.hourlyUsd, b.hourlyUsd) ||
    a.vcpu - b.vcpu ||
    a.memoryGib - b.memoryGib ||
    a.instanceType.localeCompare(b.instanceType)
  );
}

/**
 * Instance types a Windows server can run on, priced under the given licence: x86 only (Windows does
 * not run on Graviton), bare metal left out (no CPU options, hour-priced as the whole host). Burstable
 * types are included only where the price book has a Windows price for them; sizing decides when
 * they may be chosen.
 */
export function buildInstanceCatalog(
  instanceTypes: readonly InstanceTypeInfo[],
  book: PriceBook,
  edition: SqlEdition,
): InstanceCatalog {
  const entries: CatalogEntry[] = [];
  const byType = new Map<string, CatalogEntry>();
  for (const t of instanceTypes) {
    if (t.architecture !== 'x86_64' || t.instanceType.includes('.metal')) continue;
    const match = book.lookup(ec2InstanceFilter(book.region, t.instanceType, edition));
    const price = match?.product.onDemand[0];
    if (!match || !price || price.unit !== 'Hrs') continue;
    const linux = book.lookup(linuxInstanceFilter(book.region, t.instanceType))?.product.onDemand[0];
    const tpc = t.burstable ? 2 : defaultThreadsPerCore(t.family);
    const entry: CatalogEntry = {
      instanceType: t.instanceType,
      family: t.family,
      category: t.category,
      vcpu: t.vcpu,
      memoryGib: t.memoryGib,
      hourlyUsd: price.usd,
      derivedPrice: match.source.kind === 'snapshot' && match.source.derived !== null,
      linuxHourlyUsd: linux && linux.unit === 'Hrs' ? linux.usd : null,
      burstable: t.burstable,
      currentGeneration: t.currentGeneration,
      defaultCores: Math.max(1, Math.floor(t.vcpu / tpc)),
      defaultThreadsPerCore: t.vcpu >= 2 ? tpc : 1,
    };
    byType.set(t.instanceType, entry);
    if (t.currentGeneration && SIZING_CATEGORIES.has(t.category)) entries.push(entry);
  }
  // Sorted once here so sizing each server is one scan for the first types that fit.
  entries.sort(byPrice);
  return { edition, entries, byType };
}
