import type { PricingSnapshot } from './snapshot';

/**
 * A snapshot as text: the header pretty-printed, then one instance type and one product per line,
 * so a price change is a one-line diff and the file stays plain JSON. Used for the bundled snapshots
 * and for the snapshots a live refresh writes.
 */
export function serializeSnapshot(snapshot: PricingSnapshot): string {
  const { instanceTypes, products, ...header } = snapshot;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const list = (items: unknown[]): string =>
    items.length === 0 ? '[]' : `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return `${head},\n  "instanceTypes": ${list(instanceTypes)},\n  "products": ${list(products)}\n}\n`;
}
