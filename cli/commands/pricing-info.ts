import { readFileSync, readdirSync } from 'node:fs';
import {
  describePriceBook,
  describeSnapshot,
  formatFetchTime,
  parsePricingSnapshot,
} from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import { createPriceListClient } from '../../main/services/pricing-api/price-list-client';
import { refreshSnapshot } from '../../main/services/pricing-api/refresh-snapshot';
import {
  type RefreshedSnapshotFile,
  refreshedSnapshotsIn,
  writeRefreshedSnapshot,
} from '../../main/services/pricing-api/refreshed-snapshots';
import type { ParsedArgs } from '../args';
import { availableRegions, loadSnapshot, refreshedDir } from '../context';
import { CliError, EXIT, printIssues, usageError } from '../errors';

export async function runPricing(args: ParsedArgs, now: () => Date = () => new Date()): Promise<number> {
  const [sub, ...extra] = args.positionals;
  if (extra.length > 0 || (sub !== 'info' && sub !== 'refresh'))
    throw usageError(
      `Unknown pricing command "${[sub, ...extra].join(' ')}".`,
      'Use: archplan pricing info [--region <code>] or archplan pricing refresh --region <code> [--profile <name>] [--endpoint <url>]',
    );
  return sub === 'info' ? runInfo(args) : runRefresh(args, now);
}

function refreshedFiles(): RefreshedSnapshotFile[] {
  const dir = refreshedDir();
  try {
    return refreshedSnapshotsIn(dir, readdirSync(dir));
  } catch {
    return [];
  }
}

function readRefreshed(file: RefreshedSnapshotFile): PricingSnapshot | null {
  try {
    const parsed = parsePricingSnapshot(readFileSync(file.file, 'utf8'), file.file);
    return parsed.ok && parsed.value.region === file.region ? parsed.value : null;
  } catch {
    return null;
  }
}

function summary(s: PricingSnapshot) {
  const derived = s.products.filter((p) => p.provenance.derived !== null).length;
  return {
    pricesAsOf: s.builtAt,
    description: describePriceBook(describeSnapshot(s)),
    products: s.products.length,
    derivedProducts: derived,
    productsWithReservedTerms: s.products.filter((p) => p.reserved).length,
    instanceTypes: s.instanceTypes.length,
  };
}

function runInfo(args: ParsedArgs): number {
  const refreshed = refreshedFiles();
  const regions =
    typeof args.values.region === 'string'
      ? [args.values.region]
      : [...new Set([...availableRegions(), ...refreshed.map((f) => f.region)])].sort();
  const infos = regions.map((region) => {
    const bundled = loadSnapshot(region);
    const files = refreshed.filter((f) => f.region === region);
    const newest = files[0] ? readRefreshed(files[0]) : null;
    return {
      region,
      location: bundled.location,
      inUse: newest ? 'refreshed' : 'bundled',
      bundled: {
        ...summary(bundled),
        sources: bundled.sources,
        derivationRules: bundled.derivationRules,
        notPriced: bundled.gaps.map((g) => ({ id: g.id, what: g.what, reason: g.reason })),
      },
      refreshed: files.map((f, i) => ({
        fetchedAt: f.fetchedAt,
        file: f.file,
        ...(i === 0 && newest
          ? {
              ...summary(newest),
              servicesFetched: newest.origin.kind === 'live' ? newest.origin.servicesFetched : [],
              servicesFailed: newest.origin.kind === 'live' ? newest.origin.servicesFailed : [],
            }
          : i === 0
            ? { unreadable: true }
            : {}),
      })),
    };
  });
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(infos, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const i of infos) {
    const inUse = i.inUse === 'refreshed' ? i.refreshed[0] : undefined;
    process.stdout.write(`${i.region} (${i.location})\n`);
    process.stdout.write(
      `  estimates use: ${inUse && 'description' in inUse ? `${inUse.description} (${inUse.file})` : i.bundled.description}\n`,
    );
    process.stdout.write(
      `  bundled snapshot: prices as of ${i.bundled.pricesAsOf.slice(0, 10)}; ${i.bundled.products} prices (${i.bundled.derivedProducts} derived, ${i.bundled.productsWithReservedTerms} with Reserved Instance terms), ${i.bundled.instanceTypes} instance types\n`,
    );
    for (const s of i.bundled.sources)
      process.stdout.write(
        `    ${s.id.padEnd(24)} published ${s.publishedAt?.slice(0, 10) ?? 'unknown   '}  ${s.file}\n`,
      );
    process.stdout.write('  not in the bundled files (such lines read "needs a live price refresh"):\n');
    for (const g of i.bundled.notPriced) process.stdout.write(`    - ${g.what}\n`);
    if (i.refreshed.length === 0)
      process.stdout.write(`  live refreshes: none (run archplan pricing refresh --region ${i.region})\n`);
    for (const [n, r] of i.refreshed.entries()) {
      if (n === 0 && 'servicesFetched' in r)
        process.stdout.write(
          `  live refresh of ${formatFetchTime(r.fetchedAt)}: ${r.products} prices, ${r.servicesFetched.length} services fetched${r.servicesFailed.length > 0 ? `, ${r.servicesFailed.length} from the bundled snapshot (${r.servicesFailed.map((f) => f.serviceCode).join(', ')})` : ''}\n    ${r.file}\n`,
        );
      else
        process.stdout.write(
          `  live refresh of ${formatFetchTime(r.fetchedAt)}${'unreadable' in r ? ' (unreadable: the bundled snapshot is used)' : ' (older)'}\n    ${r.file}\n`,
        );
    }
    for (const r of i.bundled.derivationRules) process.stdout.write(`  derived (${r.id}): ${r.text}\n`);
  }
  return EXIT.ok;
}

async function runRefresh(args: ParsedArgs, now: () => Date): Promise<number> {
  const region = args.values.region;
  if (typeof region !== 'string')
    throw usageError(
      'archplan pricing refresh needs --region.',
      'Example: archplan pricing refresh --region ap-south-1',
    );
  const bundled = loadSnapshot(region);
  const profile = typeof args.values.profile === 'string' ? args.values.profile : undefined;
  const endpoint = typeof args.values.endpoint === 'string' ? args.values.endpoint : undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint))
    throw usageError(
      `--endpoint ${endpoint} is not a URL.`,
      'Example: --endpoint https://api.pricing.us-east-1.amazonaws.com',
    );
  const client = createPriceListClient({ endpoint, profile });
  const out = process.stdout;
  out.write(
    `Refreshing ${region} prices from the AWS Price List API${endpoint ? ` at ${endpoint}` : ''}${profile ? ` (profile ${profile})` : ''}…\n`,
  );
  try {
    const result = await refreshSnapshot({
      region,
      bundled,
      client,
      endpointLabel: endpoint ?? 'AWS Price List API (api.pricing.us-east-1.amazonaws.com)',
      now,
    });
    if (!result.ok) throw new CliError(result.issues, EXIT.badInput);
    const { snapshot, summary: s } = result.value;
    const file = await writeRefreshedSnapshot(refreshedDir(), snapshot);
    const total = Object.values(s.products).reduce((a, b) => a + b, 0);
    out.write(
      `Fetched ${total} prices: ${Object.entries(s.products)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ')}.\n`,
    );
    printIssues(result.issues);
    out.write(`Wrote ${file}\n`);
    out.write(`Estimates for ${region} now use the ${describePriceBook(describeSnapshot(snapshot))}.\n`);
    return EXIT.ok;
  } finally {
    client.destroy();
  }
}
