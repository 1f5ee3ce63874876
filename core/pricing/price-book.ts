import type { Issue, Result } from '../model/issue';
import { zodIssues } from '../util/zod-issues';
import { deriveLicenceIncludedVariants, isDerivationBase } from './derived-products';
import { type PriceFilter, filterKey, matchesFilter } from './price-filter';
import {
  type PriceGap,
  type PricedProduct,
  type PricingSnapshot,
  pricingSnapshotSchema,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
} from './snapshot';

/** A derivation: the rule (an id in the book's derivationRules) and the published inputs it used. */
export interface Derivation {
  rule: string;
  inputs: string[];
}

/** Where a figure came from, carried on every priced line. */
export type PriceSource =
  | {
      kind: 'snapshot';
      region: string;
      sourceId: string;
      sourceFile: string;
      publishedAt: string | null;
      derived: Derivation | null;
    }
  | { kind: 'live'; region: string; sourceId: string; fetchedAt: string; derived: Derivation | null };

export interface PriceMatch {
  product: PricedProduct;
  source: PriceSource;
}

/**
 * Answers price filters. One implementation over products in memory serves the bundled snapshot and
 * the snapshots a live refresh writes (live products first, bundled ones for what the refresh did not
 * fetch), so both use the same matching rule.
 */
export interface PriceBook {
  readonly region: string;
  readonly description: PriceBookDescription;
  lookup(filter: PriceFilter): PriceMatch | null;
  /** The gap a filter falls into when the book has no price for it (see PricingSnapshot.gaps). */
  gapFor(filter: PriceFilter): PriceGap | null;
  /** A gap by id (terms such as Savings Plans are not filters). */
  gap(id: string): PriceGap | null;
}

interface DescriptionCommon {
  region: string;
  sources: PricingSnapshot['sources'];
  derivationRules: PricingSnapshot['derivationRules'];
  gaps: PricingSnapshot['gaps'];
}

export type PriceBookDescription =
  | (DescriptionCommon & { kind: 'snapshot'; pricesAsOf: string })
  | (DescriptionCommon & {
      kind: 'live';
      fetchedAt: string;
      endpoint: string;
      servicesFetched: string[];
      servicesFailed: { serviceCode: string; reason: string }[];
    });

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

function gapMatches(gap: PriceGap, filter: PriceFilter): boolean {
  for (const [key, value] of Object.entries(gap.match)) {
    const actual =
      key === 'serviceCode'
        ? filter.serviceCode
        : key === 'productFamily'
          ? filter.productFamily
          : Object.hasOwn(filter.attributes, key)
            ? filter.attributes[key]
            : undefined;
    if (actual !== value) return false;
  }
  return Object.keys(gap.match).length > 0;
}

export function describeSnapshot(snapshot: PricingSnapshot): PriceBookDescription {
  const common = {
    region: snapshot.region,
    sources: snapshot.sources,
    derivationRules: snapshot.derivationRules,
    gaps: snapshot.gaps,
  };
  if (snapshot.origin.kind === 'live')
    return {
      ...common,
      kind: 'live',
      fetchedAt: snapshot.origin.fetchedAt,
      endpoint: snapshot.origin.endpoint,
      servicesFetched: snapshot.origin.servicesFetched,
      servicesFailed: snapshot.origin.servicesFailed,
    };
  return { ...common, kind: 'snapshot', pricesAsOf: snapshot.builtAt };
}

/** The price book over a snapshot, bundled or written by a live refresh. */
export function createSnapshotPriceBook(snapshot: PricingSnapshot): PriceBook {
  const index = indexProducts(snapshot.products);
  // License Included prices of types without a stored row are derived from the Linux row on first
  // ask (derived-products.ts), so loading a snapshot stays quick; stored rows (a live refresh's
  // observed Windows prices) always win.
  const linuxByType = new Map<string, PricedProduct>();
  for (const p of snapshot.products)
    if (isDerivationBase(p) && p.attributes.instanceType && !linuxByType.has(p.attributes.instanceType))
      linuxByType.set(p.attributes.instanceType, p);
  const derivedByType = new Map<string, PricedProduct[]>();
  const derivedFor = (filter: PriceFilter): readonly PricedProduct[] => {
    const type = Object.hasOwn(filter.attributes, 'instanceType')
      ? filter.attributes.instanceType
      : undefined;
    if (
      type === undefined ||
      filter.serviceCode !== 'AmazonEC2' ||
      filter.productFamily !== 'Compute Instance'
    )
      return [];
    let list = derivedByType.get(type);
    if (!list) {
      const base = linuxByType.get(type);
      list = base ? deriveLicenceIncludedVariants(base, snapshot.licenceRates) : [];
      derivedByType.set(type, list);
    }
    return list;
  };
  const sources = new Map(snapshot.sources.map((s) => [s.id, s]));
  const cache = new Map<string, PriceMatch | null>();
  const gaps = new Map(snapshot.gaps.map((g) => [g.id, g]));
  const sourceOf = (product: PricedProduct): PriceSource => {
    const src = sources.get(product.provenance.sourceId);
    if (src?.fetchedAt)
      return {
        kind: 'live',
        region: snapshot.region,
        sourceId: product.provenance.sourceId,
        fetchedAt: src.fetchedAt,
        derived: product.provenance.derived,
      };
    return {
      kind: 'snapshot',
      region: snapshot.region,
      sourceId: product.provenance.sourceId,
      sourceFile: src?.file ?? product.provenance.sourceId,
      publishedAt: src?.publishedAt ?? null,
      derived: product.provenance.derived,
    };
  };
  return {
    region: snapshot.region,
    description: describeSnapshot(snapshot),
    lookup(filter) {
      const key = filterKey(filter);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const product =
        candidatesFor(index, filter).find((p) => matchesFilter(p, filter)) ??
        derivedFor(filter).find((p) => matchesFilter(p, filter));
      const match: PriceMatch | null = product ? { product, source: sourceOf(product) } : null;
      cache.set(key, match);
      return match;
    },
    gapFor(filter) {
      return snapshot.gaps.find((g) => gapMatches(g, filter)) ?? null;
    },
    gap(id) {
      return gaps.get(id) ?? null;
    },
  };
}

/** Validates a snapshot read from disk (bundled or refreshed). */
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
  const version = (raw as { version?: unknown }).version;
  if (version !== SNAPSHOT_VERSION) {
    return {
      ok: false,
      issues: [
        snapshotIssue(
          'pricing.snapshot-old-version',
          `${fileName} is a version ${String(version)} price snapshot; this Architecture Planner reads version ${SNAPSHOT_VERSION}.`,
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
        'Rebuild the snapshot with `npm run pricing:build`, or refresh it with `archplan pricing refresh`.',
      ),
    };
  return { ok: true, value: parsed.data, issues: [] };
}

function snapshotIssue(code: string, message: string, file: string): Issue {
  return {
    code,
    severity: 'error',
    message,
    hint: 'Reinstall Architecture Planner, rebuild the snapshot with `npm run pricing:build`, or refresh it with `archplan pricing refresh`.',
    path: { file },
  };
}

/** Oldest and newest AWS publication dates among a snapshot's sources ("2024-07-18", "2025-10-28"). */
export function publicationRange(
  sources: PricingSnapshot['sources'],
): { oldest: string; newest: string } | null {
  const dates = sources
    .filter((s) => !s.fetchedAt)
    .map((s) => s.publishedAt?.slice(0, 10))
    .filter((d): d is string => !!d)
    .sort();
  const oldest = dates[0];
  const newest = dates[dates.length - 1];
  return oldest && newest ? { oldest, newest } : null;
}

/** "2026-11-23 14:05 UTC" from an ISO time. */
export function formatFetchTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** One line saying where the prices come from, for the CLI, the UI and the proposal. */
export function describePriceBook(description: PriceBookDescription): string {
  if (description.kind === 'live') {
    const fallback =
      description.servicesFailed.length > 0
        ? `; ${description.servicesFailed.length} service${description.servicesFailed.length === 1 ? '' : 's'} from the bundled snapshot`
        : '';
    return `live AWS Price List refresh of ${formatFetchTime(description.fetchedAt)} for ${description.region}${fallback}`;
  }
  const range = publicationRange(description.sources);
  const when = range
    ? range.oldest === range.newest
      ? `published ${range.oldest}`
      : `published ${range.oldest} to ${range.newest}`
    : 'publication date unknown';
  return `bundled AWS price snapshot for ${description.region} (AWS price files ${when})`;
}
