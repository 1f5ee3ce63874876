import type { Ec2Node } from '../../../core/model/topology';
import type { SqlEdition } from '../../../core/model/inventory';
import type { PriceContext } from '../../../core/plan/plan-project';
import {
  type CatalogEntry,
  type InstanceCatalog,
  buildInstanceCatalog,
  byPrice,
} from '../../../core/sizing/instance-catalog';
import { Money } from '../../../core/util/money';

/** One choice in the inspector's instance type picker: the type and what it costs on this node's licence. */
export interface InstanceChoice {
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  /** USD per hour under the node's licence (Windows with SQL Server licence included, BYOL, or Linux). */
  hourlyUsd: string;
  /** hourly × 730, to cents. */
  monthlyUsd: string;
  derivedPrice: boolean;
  group: 'current' | 'previous-generation';
  category: string;
}

/** The licence a node's compute is priced under: BYOL SQL Server runs on the Windows price. */
export function pricingEdition(node: Pick<Ec2Node, 'sqlEdition' | 'sqlLicense'>): SqlEdition {
  return node.sqlLicense === 'byol' ? 'none' : node.sqlEdition;
}

const catalogs = new WeakMap<PriceContext, Map<SqlEdition, InstanceCatalog>>();

function catalogFor(prices: PriceContext, edition: SqlEdition): InstanceCatalog {
  let byEdition = catalogs.get(prices);
  if (!byEdition) {
    byEdition = new Map();
    catalogs.set(prices, byEdition);
  }
  let catalog = byEdition.get(edition);
  if (!catalog) {
    catalog = buildInstanceCatalog(prices.instanceTypes, prices.book, edition);
    byEdition.set(edition, catalog);
  }
  return catalog;
}

function choice(e: CatalogEntry, linux: boolean): InstanceChoice | null {
  const hourly = linux ? e.linuxHourlyUsd : e.hourlyUsd;
  if (hourly === null) return null;
  return {
    instanceType: e.instanceType,
    vcpu: e.vcpu,
    memoryGib: e.memoryGib,
    hourlyUsd: hourly,
    monthlyUsd: new Money(hourly).times(730).toFixed(2),
    derivedPrice: !linux && e.derivedPrice,
    group: e.currentGeneration ? 'current' : 'previous-generation',
    category: e.category,
  };
}

/**
 * Every x86 type the active snapshot prices for the node's operating system and licence, cheapest
 * first, with its hourly and monthly On-Demand price (every vCPU active).
 */
export function instanceChoices(
  node: Pick<Ec2Node, 'sqlEdition' | 'sqlLicense' | 'operatingSystem'>,
  prices: PriceContext,
): InstanceChoice[] {
  const catalog = catalogFor(prices, pricingEdition(node));
  const linux = node.operatingSystem === 'linux';
  return [...catalog.byType.values()].sort(byPrice).flatMap((e) => choice(e, linux) ?? []);
}
