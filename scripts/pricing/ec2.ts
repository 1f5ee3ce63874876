/**
 * EC2 compute: Linux On-Demand prices and Reserved Instance terms as published. Windows / SQL Server
 * License Included prices are derived from them when a price book is built
 * (core/pricing/derived-products.ts), from the licence rates this module reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyInstanceType } from '../../core/pricing/instance-classes';
import type {
  InstanceTypeInfo,
  OfferingClass,
  PricedProduct,
  ReservedTerm,
} from '../../core/pricing/snapshot';
import { Money } from '../../core/util/money';
import { type BuildContext, addSource, dimension, normalizePrice, readSourceJson } from './source-files';

export interface LicenceRates {
  windows: string;
  web: string;
  standard: string;
  enterprise: string;
}

/** Reads AWS's licence-included rates per vCPU-hour from the pricing-source README, so they are not typed here. */
export function readLicenceRates(sourceDir: string): LicenceRates {
  const text = readFileSync(join(sourceDir, 'README.md'), 'utf8');
  const m =
    /Windows (\d+\.\d+); Windows \+ SQL Web (\d+\.\d+); Windows \+ SQL Standard (\d+\.\d+); Windows \+ SQL Enterprise (\d+\.\d+)/.exec(
      text,
    );
  if (!m || !m[1] || !m[2] || !m[3] || !m[4])
    throw new Error('licence rates not found in pricing-source/README.md');
  return { windows: m[1], web: m[2], standard: m[3], enterprise: m[4] };
}

function readMemoryGib(text: string, where: string): number {
  const m = /^([\d,.]+)\s*GiB$/.exec(text.trim());
  if (!m || !m[1]) throw new Error(`${where}: memory ${JSON.stringify(text)} not in GiB`);
  return Number(m[1].replace(/,/g, ''));
}

interface Ec2Row {
  'Instance Type': string;
  'Instance Family': string;
  vCPU: string;
  Memory: string;
  Storage: string;
  'Network Performance': string;
  'Operating System': string;
  'Pre Installed S/W': string;
  rateCode: string;
  price: string;
}

interface RiRow {
  LeaseContractLength: string;
  PurchaseOption: string;
  'Operating System': string;
  Tenancy: string;
  'Instance Type': string;
  'Pre Installed S/W': string;
  'OnDemand:PricePerUnit': string;
  rateCode: string;
  price: string;
}

interface RiFile {
  manifest: { source: string };
  regions: Record<string, Record<string, RiRow>>;
}

const RI_FILES: { suffix: string; offeringClass: OfferingClass; length: '1yr' | '3yr' }[] = [
  { suffix: 'reservedinstance-1y', offeringClass: 'standard', length: '1yr' },
  { suffix: 'reservedinstance-3y', offeringClass: 'standard', length: '3yr' },
  { suffix: 'reservedinstance-convertible-1y', offeringClass: 'convertible', length: '1yr' },
  { suffix: 'reservedinstance-convertible-3y', offeringClass: 'convertible', length: '3yr' },
];

/** RI files present for a region (us-east-1 has no convertible files). */
export function riFilesFor(sourceDir: string, region: string): typeof RI_FILES {
  return RI_FILES.filter((f) => {
    try {
      readSourceJson(sourceDir, `ec2/${region}-${f.suffix}.json`);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Linux Reserved Instance terms by instance type. The files give one row per type and term with the
 * effective hourly `price`; for No Upfront that is the whole recurring rate and there is no upfront
 * fee. Any other payment option would need the upfront part, which the files do not give, so it stops
 * the build rather than guess. Each row's On-Demand price must equal the On-Demand file's.
 */
function readReservedTerms(
  ctx: BuildContext,
  linuxOnDemand: ReadonlyMap<string, string>,
): Map<string, ReservedTerm[]> {
  const { spec, sourceDir } = ctx;
  const terms = new Map<string, ReservedTerm[]>();
  for (const f of riFilesFor(sourceDir, spec.region)) {
    const file = `ec2/${spec.region}-${f.suffix}.json`;
    const data = readSourceJson<RiFile>(sourceDir, file);
    addSource(ctx, {
      id: `ec2-ri-${f.offeringClass}-${f.length}`,
      description: `EC2 Reserved Instances, ${f.offeringClass}, ${f.length === '1yr' ? '1 year' : '3 years'}, Linux, shared tenancy (AWS pricing-page JSON; No Upfront rates only)`,
      file,
      publishedAt: null,
      origin: `https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/${data.manifest.source}/${spec.location}/Linux/index.json`,
    });
    const rows = Object.values(data.regions[spec.location] ?? {});
    if (rows.length === 0) throw new Error(`${file}: no rows for ${spec.location}`);
    for (const row of rows) {
      const type = row['Instance Type'];
      const where = `${file} ${type}`;
      if (
        row['Operating System'] !== 'Linux' ||
        row.Tenancy !== 'Shared' ||
        row['Pre Installed S/W'] !== 'NA'
      )
        throw new Error(`${where}: expected Linux, shared tenancy, no pre-installed software`);
      if (row.LeaseContractLength !== f.length) throw new Error(`${where}: lease ${row.LeaseContractLength}`);
      if (row.PurchaseOption !== 'No Upfront')
        throw new Error(
          `${where}: ${row.PurchaseOption} needs its upfront fee, which the file does not give`,
        );
      const od = linuxOnDemand.get(type);
      if (od === undefined) throw new Error(`${where}: no On-Demand price for this type`);
      if (!new Money(row['OnDemand:PricePerUnit']).eq(od))
        throw new Error(
          `${where}: On-Demand ${row['OnDemand:PricePerUnit']} differs from the On-Demand file's ${od}`,
        );
      const list = terms.get(type) ?? [];
      list.push({
        offeringClass: f.offeringClass,
        leaseContractLength: f.length,
        purchaseOption: 'No Upfront',
        hourlyUsd: normalizePrice(row.price, where),
        upfrontUsd: '0',
        rateCode: row.rateCode,
      });
      terms.set(type, list);
    }
  }
  return terms;
}

export function buildEc2(ctx: BuildContext): {
  instanceTypes: InstanceTypeInfo[];
  products: PricedProduct[];
} {
  const { spec, sourceDir } = ctx;
  const file = `ec2/${spec.region}-ondemand.json`;
  const data = readSourceJson<{
    manifest: { hawkFilePublicationDate: string; source: string };
    regions: Record<string, Record<string, Ec2Row>>;
  }>(sourceDir, file);
  addSource(ctx, {
    id: 'ec2-ondemand',
    description:
      'EC2 On-Demand prices, Linux, shared tenancy, no pre-installed software (AWS pricing-page JSON)',
    file,
    publishedAt: data.manifest.hawkFilePublicationDate,
    origin: `https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/${data.manifest.source}/${spec.location}/Linux/index.json`,
  });
  const rows = Object.values(data.regions[spec.location] ?? {})
    .filter((r) => r['Operating System'] === 'Linux' && r['Pre Installed S/W'] === 'NA')
    .sort((a, b) => a['Instance Type'].localeCompare(b['Instance Type']));
  if (rows.length === 0) throw new Error(`${file}: no rows for ${spec.location}`);
  const linuxOnDemand = new Map(
    rows.map((r) => [r['Instance Type'], normalizePrice(r.price, `${file} ${r['Instance Type']}`)]),
  );
  const reserved = readReservedTerms(ctx, linuxOnDemand);
  const instanceTypes: InstanceTypeInfo[] = [];
  const products: PricedProduct[] = [];
  const baseAttrs = {
    tenancy: 'Shared',
    capacitystatus: 'Used',
    regionCode: spec.region,
    location: spec.location,
  };
  for (const row of rows) {
    const type = row['Instance Type'];
    const vcpu = Number(row.vCPU);
    const cls = classifyInstanceType(type);
    instanceTypes.push({
      instanceType: type,
      family: cls.family,
      category: row['Instance Family'],
      vcpu,
      memoryGib: readMemoryGib(row.Memory, `${file} ${type}`),
      generation: cls.generation,
      currentGeneration: cls.currentGeneration,
      burstable: cls.burstable,
      architecture: cls.architecture,
      storage: row.Storage,
      networkPerformance: row['Network Performance'],
    });
    const linux = linuxOnDemand.get(type) as string;
    const terms = reserved.get(type);
    products.push({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        instanceType: type,
        operatingSystem: 'Linux',
        preInstalledSw: 'NA',
        licenseModel: 'No License required',
        vcpu: String(vcpu),
        ...baseAttrs,
      },
      onDemand: [dimension('Hrs', linux, row.rateCode, `${type} Linux On-Demand`)],
      ...(terms ? { reserved: terms } : {}),
      provenance: { sourceId: 'ec2-ondemand', derived: null },
    });
  }
  return { instanceTypes, products };
}
