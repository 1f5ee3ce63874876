/**
 * Builds pricing-data/<region>.json and pricing-data/manifest.json from the AWS price files staged in
 * ../shared/pricing-source (see its README). Every published figure is read from those files by this
 * script; nothing is typed by hand. Windows / SQL Server License Included EC2 prices are *derived*
 * (Linux price + vCPU × AWS licence rate) and every derived product says so in its provenance.
 *
 * Deterministic: the same inputs give byte-identical outputs (no wall-clock time), so a test can check
 * the committed snapshots against a rebuild.
 *
 * Usage: npm run pricing:build [-- --source <dir>] [--out <dir>] [--check]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type InstanceTypeInfo,
  type PriceDimension,
  type PricedProduct,
  type PricingSnapshot,
  type SnapshotSource,
  PRE_INSTALLED_SW,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  pricingSnapshotSchema,
} from '../core/pricing/snapshot';
import { classifyInstanceType } from '../core/pricing/instance-classes';
import { Money } from '../core/util/money';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');

interface RegionSpec {
  region: string;
  location: string;
  /** Prefix AWS puts in front of usage types in this region ("APS3-" for Mumbai, none for N. Virginia). */
  usagePrefix: string;
}

export const REGIONS: RegionSpec[] = [
  { region: 'ap-south-1', location: 'Asia Pacific (Mumbai)', usagePrefix: 'APS3-' },
  { region: 'us-east-1', location: 'US East (N. Virginia)', usagePrefix: '' },
];

interface MeteredEntry {
  rateCode?: string;
  price: string;
}
interface MeteredFile {
  manifest?: { hawkFilePublicationDate?: string; source?: string; serviceId?: string };
  regions: Record<string, Record<string, MeteredEntry & Record<string, string>>>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** "0.2020000000" → "0.202" (exact; decimal text only). */
function normalizePrice(raw: string, where: string): string {
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new Error(`${where}: price ${JSON.stringify(raw)} is not a decimal`);
  return new Money(raw).toFixed();
}

function dimension(
  unit: string,
  price: string,
  rateCode: string | null,
  description: string,
  beginRange = '0',
  endRange = 'Inf',
): PriceDimension {
  return { unit, usd: price, rateCode, beginRange, endRange, description };
}

/** Reads AWS's licence-included rates per vCPU-hour from the pricing-source README, so they are not typed here. */
export function readLicenceRates(sourceDir: string): {
  windows: string;
  web: string;
  standard: string;
  enterprise: string;
} {
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

const LICENCE_RULE_ID = 'ec2-license-included';

function buildEc2(
  sourceDir: string,
  spec: RegionSpec,
  sources: SnapshotSource[],
): { instanceTypes: InstanceTypeInfo[]; products: PricedProduct[] } {
  const file = `ec2/${spec.region}-ondemand.json`;
  const data = readJson<{
    manifest: { hawkFilePublicationDate: string; source: string };
    regions: Record<string, Record<string, Ec2Row>>;
  }>(join(sourceDir, file));
  sources.push({
    id: 'ec2-ondemand',
    description:
      'EC2 On-Demand prices, Linux, shared tenancy, no pre-installed software (AWS pricing-page JSON)',
    file,
    publishedAt: data.manifest.hawkFilePublicationDate,
    origin: `https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/${data.manifest.source}/${spec.location}/Linux/index.json`,
  });
  const rows = Object.values(data.regions[spec.location] ?? {});
  if (rows.length === 0) throw new Error(`${file}: no rows for ${spec.location}`);
  const rates = readLicenceRates(sourceDir);
  const instanceTypes: InstanceTypeInfo[] = [];
  const products: PricedProduct[] = [];
  const baseAttrs = {
    tenancy: 'Shared',
    capacitystatus: 'Used',
    regionCode: spec.region,
    location: spec.location,
  };
  for (const row of rows.sort((a, b) => a['Instance Type'].localeCompare(b['Instance Type']))) {
    if (row['Operating System'] !== 'Linux' || row['Pre Installed S/W'] !== 'NA') continue;
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
    const linux = normalizePrice(row.price, `${file} ${type}`);
    products.push({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        instanceType: type,
        operatingSystem: 'Linux',
        preInstalledSw: 'NA',
        licenseModel: 'No License required',
        ...baseAttrs,
      },
      onDemand: [dimension('Hrs', linux, row.rateCode, `${type} Linux On-Demand`)],
      provenance: { sourceId: 'ec2-ondemand', derived: null },
    });
    if (!cls.licenceRuleApplies) continue;
    const variants: {
      sw: (typeof PRE_INSTALLED_SW)[keyof typeof PRE_INSTALLED_SW];
      rate: string;
      minVcpu: number;
      label: string;
    }[] = [
      { sw: PRE_INSTALLED_SW.none, rate: rates.windows, minVcpu: 1, label: 'Windows' },
      { sw: PRE_INSTALLED_SW.web, rate: rates.web, minVcpu: 1, label: 'Windows with SQL Server Web' },
      {
        sw: PRE_INSTALLED_SW.standard,
        rate: rates.standard,
        minVcpu: 4,
        label: 'Windows with SQL Server Standard',
      },
      {
        sw: PRE_INSTALLED_SW.enterprise,
        rate: rates.enterprise,
        minVcpu: 4,
        label: 'Windows with SQL Server Enterprise',
      },
    ];
    // In the Price List, EC2 Windows rows with the licence included say licenseModel "No License required"
    // (the licence is part of the OS price); only BYOL rows say "Bring your own license".
    for (const v of variants) {
      const billedVcpu = Math.max(vcpu, v.minVcpu);
      const price = new Money(linux).plus(new Money(v.rate).times(billedVcpu)).toFixed();
      products.push({
        serviceCode: 'AmazonEC2',
        productFamily: 'Compute Instance',
        attributes: {
          instanceType: type,
          operatingSystem: 'Windows',
          preInstalledSw: v.sw,
          licenseModel: 'No License required',
          ...baseAttrs,
        },
        onDemand: [dimension('Hrs', price, null, `${type} ${v.label} License Included On-Demand (derived)`)],
        provenance: {
          sourceId: 'ec2-ondemand',
          derived: {
            rule: LICENCE_RULE_ID,
            inputs: [
              `Linux ${linux}/h (rate code ${row.rateCode})`,
              `${billedVcpu} vCPU × ${v.rate}/vCPU-h (${v.label} licence rate)`,
            ],
          },
        },
      });
    }
  }
  return { instanceTypes, products };
}

interface ServiceItem {
  key: string | string[];
  serviceCode: string;
  productFamily: string;
  attributes: Record<string, string>;
  unit: string;
  description: string;
  /** Tier bounds when `key` is a list (one key per tier). */
  tiers?: [string, string][];
}

function buildFromMeteredFile(
  sourceDir: string,
  spec: RegionSpec,
  sources: SnapshotSource[],
  src: { id: string; file: string; description: string; origin: string },
  items: ServiceItem[],
): PricedProduct[] {
  const data = readJson<MeteredFile>(join(sourceDir, src.file));
  sources.push({
    id: src.id,
    description: src.description,
    file: src.file,
    publishedAt: data.manifest?.hawkFilePublicationDate ?? null,
    origin: src.origin,
  });
  const table = data.regions[spec.location];
  if (!table) throw new Error(`${src.file}: no prices for ${spec.location}`);
  return items.map((item) => {
    const keys = Array.isArray(item.key) ? item.key : [item.key];
    const onDemand = keys.map((key, i) => {
      const entry = table[key];
      if (!entry) throw new Error(`${src.file}: key "${key}" missing for ${spec.location}`);
      const [begin, end] = item.tiers?.[i] ?? ['0', 'Inf'];
      return dimension(
        item.unit,
        normalizePrice(entry.price, `${src.file} ${key}`),
        entry.rateCode ?? null,
        `${item.description} — AWS key "${key}"`,
        begin,
        end,
      );
    });
    return {
      serviceCode: item.serviceCode,
      productFamily: item.productFamily,
      attributes: { ...item.attributes, regionCode: spec.region, location: spec.location },
      onDemand,
      provenance: { sourceId: src.id, derived: null },
    };
  });
}

function buildEbs(sourceDir: string, spec: RegionSpec, sources: SnapshotSource[]): PricedProduct[] {
  const p = spec.usagePrefix;
  const storage = (vol: string, key: string): ServiceItem => ({
    key,
    serviceCode: 'AmazonEC2',
    productFamily: 'Storage',
    attributes: { volumeApiName: vol },
    unit: 'GB-Mo',
    description: `EBS ${vol} storage`,
  });
  return buildFromMeteredFile(
    sourceDir,
    spec,
    sources,
    {
      id: 'ebs',
      file: 'ebs/ebs.json',
      description: 'EBS volume, IOPS, throughput and snapshot prices (AWS pricing-page JSON)',
      origin: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/ebs.json',
    },
    [
      storage('gp3', 'Storage General Purpose gp3 GB Mo'),
      storage('gp2', 'Storage General Purpose gp2 GB Mo'),
      storage('io1', 'Storage Provisioned IOPS io1 GB Mo'),
      storage('io2', 'Storage Provisioned IOPS io2 GB month'),
      storage('st1', 'Storage Throughput Optimized HDD st1 GB Mo'),
      storage('sc1', 'Storage Cold HDD sc1 GB Mo'),
      {
        key: 'Provisioned EBS IOPS gp3 Volumes per IOPS Mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'System Operation',
        attributes: { group: 'EBS IOPS', volumeApiName: 'gp3' },
        unit: 'IOPS-Mo',
        description: 'EBS gp3 provisioned IOPS above the included 3,000',
      },
      {
        key: 'Provisioned EBS IOPS io1 Volumes per IOPS Mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'System Operation',
        attributes: { group: 'EBS IOPS', volumeApiName: 'io1' },
        unit: 'IOPS-Mo',
        description: 'EBS io1 provisioned IOPS',
      },
      {
        key: [
          'Provisioned EBS IOPS io2 Volumes per IOPS Mo',
          'Provisioned EBS IOPS Tier 2 io2 Volumes per IOPS Mo',
          'Provisioned EBS IOPS Tier 3 io2 Volumes per IOPS Mo',
        ],
        tiers: [
          ['0', '32000'],
          ['32000', '64000'],
          ['64000', 'Inf'],
        ],
        serviceCode: 'AmazonEC2',
        productFamily: 'System Operation',
        attributes: { group: 'EBS IOPS', volumeApiName: 'io2' },
        unit: 'IOPS-Mo',
        description: 'EBS io2 provisioned IOPS (tiered: up to 32,000; 32,001–64,000; above 64,000)',
      },
      {
        key: 'Provisioned Throughput gp3 per GiBps mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'Provisioned Throughput',
        attributes: { volumeApiName: 'gp3' },
        unit: 'GiBps-mo',
        description: 'EBS gp3 provisioned throughput above the included 125 MiB/s',
      },
      {
        key: 'Storage Snapshot Amazon S3 GB Mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'Storage Snapshot',
        attributes: { usagetype: `${p}EBS:SnapshotUsage` },
        unit: 'GB-Mo',
        description: 'EBS snapshot storage (standard tier)',
      },
    ],
  );
}

function buildNetworkAndData(
  sourceDir: string,
  spec: RegionSpec,
  sources: SnapshotSource[],
): PricedProduct[] {
  const p = spec.usagePrefix;
  const pages = 'pricing-pages';
  return [
    ...buildFromMeteredFile(
      sourceDir,
      spec,
      sources,
      {
        id: 'natgateway',
        file: `${pages}/2025-11/natgateway.json`,
        description: 'NAT gateway prices (AWS pricing-page JSON)',
        origin: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/natgateway.json',
      },
      [
        {
          key: 'Hourly charge for NAT Gateways',
          serviceCode: 'AmazonEC2',
          productFamily: 'NAT Gateway',
          attributes: { usagetype: `${p}NatGateway-Hours` },
          unit: 'Hrs',
          description: 'NAT gateway hours',
        },
        {
          key: 'Charge for per GB data processed by NatGateways',
          serviceCode: 'AmazonEC2',
          productFamily: 'NAT Gateway',
          attributes: { usagetype: `${p}NatGateway-Bytes` },
          unit: 'GB',
          description: 'NAT gateway data processed',
        },
      ],
    ),
    ...buildFromMeteredFile(
      sourceDir,
      spec,
      sources,
      {
        id: 'elb',
        file: `${pages}/2025-05/raw/elb.json`,
        description: 'Elastic Load Balancing prices (AWS pricing-page JSON)',
        origin: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/elb/USD/current/elb.json',
      },
      [
        {
          key: 'Application Load Balancer Hours',
          serviceCode: 'AWSELB',
          productFamily: 'Load Balancer-Application',
          attributes: { usagetype: `${p}LoadBalancerUsage` },
          unit: 'Hrs',
          description: 'Application Load Balancer hours',
        },
        {
          key: 'Application Load Balancer LCU Hours',
          serviceCode: 'AWSELB',
          productFamily: 'Load Balancer-Application',
          attributes: { usagetype: `${p}LCUUsage` },
          unit: 'LCU-Hrs',
          description: 'Application Load Balancer capacity units',
        },
      ],
    ),
    ...buildFromMeteredFile(
      sourceDir,
      spec,
      sources,
      {
        id: 's3',
        file: `${pages}/2025-11/s3.json`,
        description: 'Amazon S3 prices (AWS pricing-page JSON)',
        origin: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/s3/USD/current/s3.json',
      },
      [
        {
          key: [
            'Standard Storage First 50 TB per GB Mo',
            'Standard Storage Next 450 TB per GB Mo',
            'Standard Storage Over 500 TB per GB Mo',
          ],
          tiers: [
            ['0', '51200'],
            ['51200', '512000'],
            ['512000', 'Inf'],
          ],
          serviceCode: 'AmazonS3',
          productFamily: 'Storage',
          attributes: {
            storageClass: 'General Purpose',
            volumeType: 'Standard',
            usagetype: `${p}TimedStorage-ByteHrs`,
          },
          unit: 'GB-Mo',
          description: 'S3 Standard storage (tiered: first 50 TB, next 450 TB, over 500 TB)',
        },
        {
          key: 'PUT COPY/POST or LIST requests per Requests',
          serviceCode: 'AmazonS3',
          productFamily: 'API Request',
          attributes: { group: 'S3-API-Tier1', usagetype: `${p}Requests-Tier1` },
          unit: 'Requests',
          description: 'S3 Standard PUT, COPY, POST and LIST requests',
        },
        {
          key: 'GET and all other requests per Requests',
          serviceCode: 'AmazonS3',
          productFamily: 'API Request',
          attributes: { group: 'S3-API-Tier2', usagetype: `${p}Requests-Tier2` },
          unit: 'Requests',
          description: 'S3 Standard GET and other requests',
        },
      ],
    ),
    ...buildFromMeteredFile(
      sourceDir,
      spec,
      sources,
      {
        id: 'kms',
        file: `${pages}/2025-11/kms.json`,
        description: 'AWS KMS prices (AWS pricing-page JSON)',
        origin: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/kms/USD/current/kms.json',
      },
      [
        {
          key: 'Encryption Key',
          serviceCode: 'awskms',
          productFamily: 'Encryption Key',
          attributes: { usagetype: `${p}KMS-Keys` },
          unit: 'Keys',
          description: 'KMS customer managed key, per month',
        },
        {
          key: 'API request - Non Free Tier',
          serviceCode: 'awskms',
          productFamily: 'API Request',
          attributes: { usagetype: `${p}KMS-Requests` },
          unit: 'Requests',
          description: 'KMS symmetric API requests beyond the free tier',
        },
      ],
    ),
  ];
}

export function buildSnapshot(sourceDir: string, spec: RegionSpec): PricingSnapshot {
  const sources: SnapshotSource[] = [];
  const rates = readLicenceRates(sourceDir);
  const ec2 = buildEc2(sourceDir, spec, sources);
  const products = [
    ...ec2.products,
    ...buildEbs(sourceDir, spec, sources),
    ...buildNetworkAndData(sourceDir, spec, sources),
  ];
  const published = sources
    .map((s) => s.publishedAt)
    .filter((d): d is string => d !== null)
    .sort();
  const snapshot: PricingSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    region: spec.region,
    location: spec.location,
    currency: 'USD',
    // The newest publication date among the inputs: deterministic, and what a reader means by "prices as of".
    builtAt: published[published.length - 1] ?? '',
    sources,
    derivationRules: [
      {
        id: LICENCE_RULE_ID,
        text:
          `Windows and SQL Server License Included EC2 prices are derived, not published in the bundled files: ` +
          `Linux On-Demand price + vCPU × AWS's licence rate per vCPU-hour (Windows ${rates.windows}; Windows + SQL Web ${rates.web}; ` +
          `Windows + SQL Standard ${rates.standard}; Windows + SQL Enterprise ${rates.enterprise}; SQL Standard and Enterprise bill at least 4 vCPU). ` +
          `The rule reproduces AWS's published prices to the cent for current-generation, non-burstable x86 types in us-east-1, il-central-1 and eu-central-1 ` +
          `(pricing-source/ap-south-1-prices.md, "Task 1"); it is applied only to such types. A live price refresh replaces derived prices with observed ones.`,
      },
    ],
    instanceTypes: ec2.instanceTypes,
    products,
  };
  return pricingSnapshotSchema.parse(snapshot);
}

/** One product per line: small diffs when AWS changes a price, still plain JSON. */
export function serializeSnapshot(snapshot: PricingSnapshot): string {
  const { instanceTypes, products, ...header } = snapshot;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const list = (items: unknown[]): string =>
    `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return `${head},\n  "instanceTypes": ${list(instanceTypes)},\n  "products": ${list(products)}\n}\n`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function buildAll(sourceDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const manifest: Record<string, unknown> = {
    format: 'archplan-pricing-manifest',
    version: 1,
    generator: 'scripts/build-pricing-snapshot.ts',
    sourceReadme: 'pricing-source/README.md',
    snapshots: [] as unknown[],
  };
  for (const spec of REGIONS) {
    const snapshot = buildSnapshot(sourceDir, spec);
    const text = serializeSnapshot(snapshot);
    files.set(`${spec.region}.json`, text);
    const derived = snapshot.products.filter((p) => p.provenance.derived !== null).length;
    (manifest.snapshots as unknown[]).push({
      region: spec.region,
      location: spec.location,
      file: `${spec.region}.json`,
      sha256: sha256(text),
      pricesAsOf: snapshot.builtAt,
      products: snapshot.products.length,
      publishedProducts: snapshot.products.length - derived,
      derivedProducts: derived,
      instanceTypes: snapshot.instanceTypes.length,
      sources: snapshot.sources,
      derivationRules: snapshot.derivationRules,
      notPriced: [
        'EC2 Windows / SQL Server Reserved Instances and Savings Plans (no source; needs a live price refresh)',
        'Burstable (t2/t3/t3a) Windows prices (the licence rule does not hold for them)',
        'Services beyond EC2, EBS, NAT gateway, ALB, S3 and KMS (see pricing issue)',
      ],
    });
  }
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sourceDir = resolve(arg('--source') ?? join(repoRoot, '..', 'shared', 'pricing-source'));
  const outDir = resolve(arg('--out') ?? join(repoRoot, 'pricing-data'));
  if (!existsSync(join(sourceDir, 'README.md'))) {
    process.stderr.write(`pricing source not found at ${sourceDir}; pass --source <dir>\n`);
    process.exit(2);
  }
  const files = buildAll(sourceDir);
  if (argv.includes('--check')) {
    let stale = false;
    for (const [name, text] of files) {
      const path = join(outDir, name);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        process.stderr.write(`${path} differs from a rebuild\n`);
        stale = true;
      }
    }
    process.exit(stale ? 1 : 0);
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  process.stdout.write(`wrote ${[...files.keys()].join(', ')} to ${outDir}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv.slice(2));
