import type { PriceBookDescription } from '../../../core/pricing/price-book';

/** "2025-10-28T17:54:55Z" → "2025-10-28": the same on every machine, whatever its locale. */
export function isoDay(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(timestamp) ? timestamp.slice(0, 10) : timestamp;
}

/** The provenance line under the totals: where every figure above it comes from. */
export function describePriceSource(source: PriceBookDescription, linesWithDerivedPrice: number): string {
  if (source.kind === 'live') return `prices: live AWS Price List, fetched ${isoDay(source.fetchedAt)}`;
  return `prices: snapshot of ${isoDay(source.pricesAsOf)}${linesWithDerivedPrice > 0 ? ', derived licence prices marked †' : ''}`;
}

/** The derivation rules in full, for the provenance line's tooltip. */
export function describeDerivations(source: PriceBookDescription): string {
  if (source.kind === 'live') return 'Prices fetched from the AWS Price List Query API.';
  return source.derivationRules.map((r) => r.text).join('\n\n');
}
