/**
 * Builds pricing-data/<region>.json and pricing-data/manifest.json from the AWS price files staged in
 * ../shared/pricing-source (see its README). Every published figure is read from those files by the
 * modules in scripts/pricing/; nothing is typed by hand. Windows / SQL Server License Included EC2
 * prices are *derived* (Linux price + vCPU × AWS licence rate) and every derived product says so in
 * its provenance. What the sources lack is listed as gaps, so such lines read "needs a live price
 * refresh" instead of a number.
 *
 * Deterministic: the same inputs give byte-identical outputs (no wall-clock time), so a test can check
 * the committed snapshots against a rebuild.
 *
 * Usage: npm run pricing:build [-- --source <dir>] [--out <dir>] [--check]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type PricingSnapshot,
  type SnapshotSource,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  pricingSnapshotSchema,
} from '../core/pricing/snapshot';
import { deriveLicenceIncludedProducts } from '../core/pricing/derived-products';
import { serializeSnapshot } from '../core/pricing/serialize-snapshot';
import { buildEc2, readLicenceRates, riFilesFor } from './pricing/ec2';
import { derivationRules, gapsFor } from './pricing/gaps-and-rules';
import { buildServices } from './pricing/services';
import { type BuildContext, REGIONS, type RegionSpec } from './pricing/source-files';

export { REGIONS, readLicenceRates, serializeSnapshot };

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');

export function buildSnapshot(sourceDir: string, spec: RegionSpec): PricingSnapshot {
  const sources: SnapshotSource[] = [];
  const ctx: BuildContext = { sourceDir, spec, sources };
  const rates = readLicenceRates(sourceDir);
  const ec2 = buildEc2(ctx);
  const products = [...ec2.products, ...buildServices(ctx)];
  const published = sources
    .map((s) => s.publishedAt)
    .filter((d): d is string => d !== null)
    .sort();
  const convertibleStaged = riFilesFor(sourceDir, spec.region).some((f) => f.offeringClass === 'convertible');
  const snapshot: PricingSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    region: spec.region,
    location: spec.location,
    currency: 'USD',
    // The newest publication date among the inputs: deterministic, and what a reader means by "prices as of".
    builtAt: published[published.length - 1] ?? '',
    origin: { kind: 'bundled' },
    sources,
    derivationRules: derivationRules(rates),
    licenceRates: rates,
    gaps: gapsFor(spec, convertibleStaged),
    instanceTypes: ec2.instanceTypes,
    products,
  };
  return pricingSnapshotSchema.parse(snapshot);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function buildAll(sourceDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const manifest: Record<string, unknown> = {
    format: 'archplan-pricing-manifest',
    version: 2,
    generator: 'scripts/build-pricing-snapshot.ts',
    sourceReadme: 'pricing-source/README.md',
    snapshots: [] as unknown[],
  };
  for (const spec of REGIONS) {
    const snapshot = buildSnapshot(sourceDir, spec);
    const text = serializeSnapshot(snapshot);
    files.set(`${spec.region}.json`, text);
    const derived =
      snapshot.products.filter((p) => p.provenance.derived !== null).length +
      deriveLicenceIncludedProducts(snapshot.products, snapshot.licenceRates).length;
    const services = [...new Set(snapshot.products.map((p) => p.serviceCode))].sort();
    (manifest.snapshots as unknown[]).push({
      region: spec.region,
      location: spec.location,
      file: `${spec.region}.json`,
      sha256: sha256(text),
      bytes: Buffer.byteLength(text),
      pricesAsOf: snapshot.builtAt,
      storedProducts: snapshot.products.length,
      derivedProducts: derived,
      derivedWhenLoaded:
        'Windows / SQL Server License Included EC2 prices (ec2-license-included) are derived from the stored Linux prices when the snapshot is loaded',
      productsWithReservedTerms: snapshot.products.filter((p) => p.reserved).length,
      instanceTypes: snapshot.instanceTypes.length,
      services,
      sources: snapshot.sources,
      derivationRules: snapshot.derivationRules,
      notPriced: snapshot.gaps.map((g) => ({ id: g.id, what: g.what, reason: g.reason })),
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
