/**
 * Reading the AWS price files staged in ../shared/pricing-source: the pricing-page JSON
 * ("meteredUnitMaps": regions → key → {price, rateCode}) and the label-keyed "processed" copies
 * (key → "<location> (…)" → price). Every figure in a snapshot passes through here, unmodified
 * except for dropping trailing zeros.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PriceDimension, PricedProduct, Provenance, SnapshotSource } from '../../core/pricing/snapshot';
import { Money } from '../../core/util/money';

export interface RegionSpec {
  region: string;
  location: string;
  /** Prefix AWS puts in front of usage types in this region ("APS3-" for Mumbai, none for N. Virginia). */
  usagePrefix: string;
}

export const REGIONS: RegionSpec[] = [
  { region: 'ap-south-1', location: 'Asia Pacific (Mumbai)', usagePrefix: 'APS3-' },
  { region: 'us-east-1', location: 'US East (N. Virginia)', usagePrefix: '' },
];

/** What every builder gets: where the files are, the region, and the list of sources it adds to. */
export interface BuildContext {
  sourceDir: string;
  spec: RegionSpec;
  sources: SnapshotSource[];
}

export interface MeteredEntry {
  rateCode?: string;
  price: string;
}
export interface MeteredFile {
  manifest?: { hawkFilePublicationDate?: string; source?: string; serviceId?: string };
  regions: Record<string, Record<string, MeteredEntry>>;
}

const cache = new Map<string, unknown>();

/** Parsed JSON of a source file, read once per build (both regions read the same files). */
export function readSourceJson<T>(sourceDir: string, file: string): T {
  const path = join(sourceDir, file);
  let value = cache.get(path);
  if (value === undefined) {
    value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    cache.set(path, value);
  }
  return value as T;
}

/** "0.2020000000" → "0.202" (exact; decimal text only). */
export function normalizePrice(raw: string, where: string): string {
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new Error(`${where}: price ${JSON.stringify(raw)} is not a decimal`);
  return new Money(raw).toFixed();
}

export function dimension(
  unit: string,
  price: string,
  rateCode: string | null,
  description: string,
  beginRange = '0',
  endRange = 'Inf',
): PriceDimension {
  return { unit, usd: price, rateCode, beginRange, endRange, description };
}

/** Adds a source once (both the metered and the processed copy of a service may be read). */
export function addSource(ctx: BuildContext, source: SnapshotSource): void {
  if (!ctx.sources.some((s) => s.id === source.id)) ctx.sources.push(source);
}

/** One product read from a pricing-page file: one key, or one key per price tier. */
export interface ServiceItem {
  key: string | string[];
  serviceCode: string;
  productFamily: string;
  attributes: Record<string, string>;
  unit: string;
  description: string;
  /** Tier bounds when `key` is a list (one key per tier). */
  tiers?: [string, string][];
  /**
   * Region key of the file when the price is not filed under the region's location: Route 53 and
   * CloudWatch dashboards are global ("Any" or ""). The product then carries no regionCode.
   */
  regionKey?: string;
  /**
   * Several unlabelled keys that must all hold the same price in this region (FSx: AWS's key text is
   * a hash). The price is read from the first; a disagreement stops the build.
   */
  sameAs?: string[];
  derived?: Provenance['derived'];
}

export interface MeteredSource {
  id: string;
  file: string;
  description: string;
  origin: string;
}

export function meteredProducts(
  ctx: BuildContext,
  src: MeteredSource,
  items: ServiceItem[],
): PricedProduct[] {
  const data = readSourceJson<MeteredFile>(ctx.sourceDir, src.file);
  addSource(ctx, {
    id: src.id,
    description: src.description,
    file: src.file,
    publishedAt: data.manifest?.hawkFilePublicationDate ?? null,
    origin: src.origin,
  });
  const { spec } = ctx;
  return items.map((item) => {
    const regionKey = item.regionKey ?? spec.location;
    const table = data.regions[regionKey];
    if (!table) throw new Error(`${src.file}: no prices under region key "${regionKey}"`);
    const keys = Array.isArray(item.key) ? item.key : [item.key];
    const onDemand = keys.map((key, i) => {
      const entry = table[key];
      if (!entry) throw new Error(`${src.file}: key "${key}" missing for ${regionKey}`);
      const price = normalizePrice(entry.price, `${src.file} ${key}`);
      for (const other of item.sameAs ?? []) {
        const o = table[other];
        if (!o || normalizePrice(o.price, `${src.file} ${other}`) !== price)
          throw new Error(`${src.file}: keys "${key}" and "${other}" disagree for ${regionKey}`);
      }
      const [begin, end] = item.tiers?.[i] ?? ['0', 'Inf'];
      return dimension(
        item.unit,
        price,
        entry.rateCode ?? null,
        `${item.description} — AWS key "${key}"`,
        begin,
        end,
      );
    });
    const place: Record<string, string> =
      item.regionKey === undefined
        ? { regionCode: spec.region, location: spec.location }
        : { location: item.regionKey === '' ? 'Global' : item.regionKey };
    return {
      serviceCode: item.serviceCode,
      productFamily: item.productFamily,
      attributes: { ...item.attributes, ...place },
      onDemand,
      provenance: { sourceId: src.id, derived: item.derived ?? null },
    };
  });
}

/** A label-keyed "processed" file: key → "<location>[ (details)]" → price. */
export type ProcessedFile = Record<string, Record<string, string>>;

/** The entries of a processed key for one location: [label details, price]. */
export function processedEntries(
  data: ProcessedFile,
  key: string,
  location: string,
): { details: string; price: string }[] {
  const out: { details: string; price: string }[] = [];
  for (const [label, price] of Object.entries(data[key] ?? {})) {
    if (label === location) out.push({ details: '', price });
    else if (label.startsWith(`${location} (`))
      out.push({ details: label.slice(location.length + 2, -1), price });
  }
  return out;
}
