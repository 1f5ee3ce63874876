import type { Issue, Result } from '../model/issue';
import { zodIssues } from '../util/zod-issues';
import { type PriceFilter, describeFilter, matchesFilter } from './price-filter';
import { type PricedProduct, type PricingSnapshot, pricingSnapshotSchema, SNAPSHOT_FORMAT } from './snapshot';

/** Where a figure came from, carried on every priced line. */
export type PriceSource =
  | {
      kind: 'snapshot';
      region: string;
      sourceId: string;
      sourceFile: string;
      publishedAt: string | null;
      derived: { rule: string; inputs: string[] } | null;
    }
  | { kind: 'live'; region: string; fetchedAt: string };

export interface PriceMatch {
  product: PricedProduct;
  source: PriceSource;
}

/**
 * Answers price filters. One implementation over products already in memory serves both the bundled
 * snapshot and products fetched from the live Price List API, so both use the same matching rule.
 */
export interface PriceBook {
  readonly region: string;
  readonly description: PriceBookDescription;
  lookup(filter: PriceFilter): PriceMatch | null;
}

export type PriceBookDescription =
  | {
      kind: 'snapshot';
      region: string;
      pricesAsOf: string;
      sources: PricingSnapshot['sources'];
      derivationRules: PricingSnapshot['derivationRules'];
    }
  | { kind: 'live'; region: string; fetchedAt: string };

/**
 * Products bucketed by serviceCode + productFamily, and for EC2 instances also by instanceType, so a
 * lookup scans a handful of products rather than thousands (sizing prices every type in the region).
 */
interface ProductIndex {
  byFamily: Map<string, PricedProduct[]>;
  byInstanceType: Map<string, PricedProduct[]>;
}

function push(map: Map<string, PricedProduct[]>, key: string, p: PricedProduct): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

function indexProducts(products: readonly PricedProduct[]): ProductIndex {
  const index: ProductIndex = { byFamily: new Map(), byInstanceType: new Map() };
  for (const p of products) {
    const family = `${p.serviceCode}\u0000${p.productFamily}`;
    push(index.byFamily, family, p);
    const type = Object.hasOwn(p.attributes, 'instanceType') ? p.attributes.instanceType : undefined;
    if (type !== undefined) push(index.byInstanceType, `${family}\u0000${type}`, p);
  }
  return index;
}

function candidatesFor(index: ProductIndex, filter: PriceFilter): readonly PricedProduct[] {
  const family = `${filter.serviceCode}\u0000${filter.productFamily}`;
  const type = Object.hasOwn(filter.attributes, 'instanceType') ? filter.attributes.instanceType : undefined;
  return (
    (type !== undefined ? index.byInstanceType.get(`${family}\u0000${type}`) : index.byFamily.get(family)) ??
    []
  );
}

export function createSnapshotPriceBook(snapshot: PricingSnapshot): PriceBook {
  const index = indexProducts(snapshot.products);
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const cache = new Map<string, PriceMatch | null>();
  return {
    region: snapshot.region,
    description: {
      kind: 'snapshot',
      region: snapshot.region,
      pricesAsOf: snapshot.builtAt,
      sources: snapshot.sources,
      derivationRules: snapshot.derivationRules,
    },
    lookup(filter) {
      const key = describeFilter(filter);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const product = candidatesFor(index, filter).find((p) => matchesFilter(p, filter));
      let match: PriceMatch | null = null;
      if (product) {
        const src = sources.get(product.provenance.sourceId);
        match = {
          product,
          source: {
            kind: 'snapshot',
            region: snapshot.region,
            sourceId: product.provenance.sourceId,
            sourceFile: src?.file ?? product.provenance.sourceId,
            publishedAt: src?.publishedAt ?? null,
            derived: product.provenance.derived,
          },
        };
      }
      cache.set(key, match);
      return match;
    },
  };
}

/** Price book over products fetched from the live API (see main/services/pricing-api.ts). */
export function createLivePriceBook(
  region: string,
  fetchedAt: string,
  products: readonly PricedProduct[],
): PriceBook {
  const index = indexProducts(products);
  return {
    region,
    description: { kind: 'live', region, fetchedAt },
    lookup(filter) {
      const product = candidatesFor(index, filter).find((p) => matchesFilter(p, filter));
      return product ? { product, source: { kind: 'live', region, fetchedAt } } : null;
    },
  };
}

/** Validates a snapshot read from disk. */
export function parsePricingSnapshot(text: string, fileName: string): Result<PricingSnapshot> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      issues: [snapshotIssue('pricing.snapshot-not-json', `${fileName} is not valid JSON.`, fileName)],
    };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== SNAPSHOT_FORMAT) {
    return {
      ok: false,
      issues: [
        snapshotIssue(
          'pricing.snapshot-wrong-format',
          `${fileName} is not an Architecture Planner price snapshot.`,
          fileName,
        ),
      ],
    };
  }
  const parsed = pricingSnapshotSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      issues: zodIssues(
        parsed.error,
        'pricing.snapshot-invalid',
        'Rebuild the snapshot with `npm run pricing:build`.',
      ),
    };
  return { ok: true, value: parsed.data, issues: [] };
}

function snapshotIssue(code: string, message: string, file: string): Issue {
  return {
    code,
    severity: 'error',
    message,
    hint: 'Reinstall Architecture Planner or rebuild the snapshot with `npm run pricing:build`.',
    path: { file },
  };
}

/** Oldest and newest AWS publication dates among a snapshot's sources ("2024-07-18", "2025-10-28"). */
export function publicationRange(
  sources: PricingSnapshot['sources'],
): { oldest: string; newest: string } | null {
  const dates = sources
    .map((s) => s.publishedAt?.slice(0, 10))
    .filter((d): d is string => !!d)
    .sort();
  const oldest = dates[0];
  const newest = dates[dates.length - 1];
  return oldest && newest ? { oldest, newest } : null;
}

/** One line saying where the prices come from, for the CLI, the UI and the proposal. */
export function describePriceBook(description: PriceBookDescription): string {
  if (description.kind === 'live')
    return `live AWS Price List API (${description.region}), fetched ${description.fetchedAt}`;
  const range = publicationRange(description.sources);
  const when = range
    ? range.oldest === range.newest
      ? `published ${range.oldest}`
      : `published ${range.oldest} to ${range.newest}`
    : 'publication date unknown';
  return `bundled AWS price snapshot for ${description.region} (AWS price files ${when})`;
}
