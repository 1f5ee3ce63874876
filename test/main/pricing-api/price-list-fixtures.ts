import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/example';

/**
 * GetProducts PriceList items in the real format, built from the one real item staged in
 * ../shared/pricing-source/api-examples (m5.large, Linux, us-east-1, On-Demand + 12 Reserved terms):
 * other instance types reuse its shape with their own SKU, attributes and published prices.
 */
export const SOURCE = join(ROOT, '..', 'shared', 'pricing-source');
export const EXAMPLE_ITEM_FILE = join(
  SOURCE,
  'api-examples',
  'instance-selector_GetProducts_m5_large_us-east-1.json',
);

export interface PriceListItem {
  product: { productFamily: string; attributes: Record<string, string>; sku: string };
  serviceCode: string;
  terms: {
    OnDemand: Record<string, Term>;
    Reserved?: Record<string, Term>;
  };
  version: string;
  publicationDate: string;
}
interface Term {
  priceDimensions: Record<
    string,
    {
      unit: string;
      pricePerUnit: { USD: string };
      rateCode: string;
      description: string;
      beginRange?: string;
      endRange?: string;
      appliesTo: string[];
    }
  >;
  sku: string;
  effectiveDate: string;
  offerTermCode: string;
  termAttributes: Record<string, string>;
}

export function exampleItem(): PriceListItem {
  return JSON.parse(readFileSync(EXAMPLE_ITEM_FILE, 'utf8')) as PriceListItem;
}

/** Re-keys every term and rate code of an item to a new SKU, as AWS keys them (<sku>.<term>.<dimension>). */
function rekey(item: PriceListItem, sku: string): PriceListItem {
  const old = item.product.sku;
  const text = JSON.stringify(item).split(old).join(sku);
  return JSON.parse(text) as PriceListItem;
}

/**
 * The example item turned into another EC2 product: new SKU and attributes, its On-Demand price, and
 * either the example's Reserved terms or none.
 */
export function ec2Item(options: {
  sku: string;
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  operatingSystem: 'Linux' | 'Windows';
  preInstalledSw?: string;
  onDemandUsd: string;
  keepReserved?: boolean;
  region?: string;
}): PriceListItem {
  const item = rekey(exampleItem(), options.sku);
  Object.assign(item.product.attributes, {
    instanceType: options.instanceType,
    vcpu: String(options.vcpu),
    memory: `${options.memoryGib} GiB`,
    operatingSystem: options.operatingSystem,
    preInstalledSw: options.preInstalledSw ?? 'NA',
    regionCode: options.region ?? 'us-east-1',
    usagetype: `BoxUsage:${options.instanceType}`,
    operation: options.operatingSystem === 'Windows' ? 'RunInstances:0002' : 'RunInstances',
  });
  const [od] = Object.values(item.terms.OnDemand);
  const [dim] = Object.values(od?.priceDimensions ?? {});
  if (!dim) throw new Error('example item has no On-Demand price');
  dim.pricePerUnit.USD = options.onDemandUsd;
  dim.description = `$${options.onDemandUsd} per On Demand ${options.operatingSystem} ${options.instanceType} Instance Hour`;
  if (!options.keepReserved) delete item.terms.Reserved;
  return item;
}

interface OnDemandRow {
  'Instance Type': string;
  vCPU: string;
  Memory: string;
  rateCode: string;
  price: string;
}

/** Published us-east-1 Linux On-Demand prices from the staged AWS file. */
export function linuxOnDemand(instanceType: string): {
  usd: string;
  vcpu: number;
  memoryGib: number;
  sku: string;
} {
  const data = JSON.parse(readFileSync(join(SOURCE, 'ec2', 'us-east-1-ondemand.json'), 'utf8')) as {
    regions: Record<string, Record<string, OnDemandRow>>;
  };
  const row = Object.values(data.regions['US East (N. Virginia)'] ?? {}).find(
    (r) =>
      r['Instance Type'] === instanceType &&
      (r as unknown as Record<string, string>)['Operating System'] === 'Linux',
  );
  if (!row) throw new Error(`no us-east-1 Linux price for ${instanceType}`);
  return {
    usd: row.price,
    vcpu: Number(row.vCPU),
    memoryGib: Number(row.Memory.replace(/\s*GiB$/, '')),
    sku: row.rateCode.split('.')[0] ?? instanceType,
  };
}
