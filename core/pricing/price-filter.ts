import type { PricedProduct } from './snapshot';

/**
 * What a cost component asks the price book for, in Price List API terms: GetProducts with
 * TERM_MATCH filters (`attributes`) and CONTAINS filters (`contains`, used where the attribute value
 * carries a region prefix, e.g. usagetype "APS3-NatGateway-Hours").
 */
export interface PriceFilter {
  serviceCode: string;
  productFamily: string;
  attributes: Readonly<Record<string, string>>;
  contains?: Readonly<Record<string, string>>;
}

/** The one matching rule, used for the snapshot and for live products alike. */
export function matchesFilter(product: PricedProduct, filter: PriceFilter): boolean {
  if (product.serviceCode !== filter.serviceCode || product.productFamily !== filter.productFamily)
    return false;
  for (const [key, value] of Object.entries(filter.attributes)) {
    if (!Object.hasOwn(product.attributes, key) || product.attributes[key] !== value) return false;
  }
  for (const [key, value] of Object.entries(filter.contains ?? {})) {
    const actual = Object.hasOwn(product.attributes, key) ? product.attributes[key] : undefined;
    if (actual === undefined || !actual.includes(value)) return false;
  }
  return true;
}

/** Stable text form of a filter, for cache keys and "price not found" messages. */
export function describeFilter(filter: PriceFilter): string {
  const parts = [`${filter.serviceCode}/${filter.productFamily}`];
  for (const [k, v] of Object.entries(filter.attributes).sort(([a], [b]) => a.localeCompare(b)))
    parts.push(`${k}=${v}`);
  for (const [k, v] of Object.entries(filter.contains ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    parts.push(`${k}~${v}`);
  return parts.join(' ');
}

/**
 * A cache key for a filter: cheaper than describeFilter (no sorting). Filters built by the same code
 * list their attributes in the same order, so equal filters get equal keys; a different order only
 * costs a cache miss, never a wrong answer.
 */
export function filterKey(filter: PriceFilter): string {
  let key = `${filter.serviceCode}\u0000${filter.productFamily}`;
  for (const k in filter.attributes) key += `\u0000${k}=${filter.attributes[k]}`;
  if (filter.contains) for (const k in filter.contains) key += `\u0000${k}~${filter.contains[k]}`;
  return key;
}
