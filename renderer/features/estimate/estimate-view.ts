import { type PriceBookDescription, describePriceBook } from '../../../core/pricing/price-book';

/**
 * The provenance line under the totals: where every figure above it comes from (for a snapshot, the
 * publication dates of the AWS price files in it, as the CLI and the proposal say), and how many
 * lines use a derived rather than a published price.
 */
export function describePriceSource(source: PriceBookDescription, linesWithDerivedPrice: number): string {
  const derived =
    linesWithDerivedPrice > 0
      ? `; ${linesWithDerivedPrice} line${linesWithDerivedPrice === 1 ? '' : 's'} priced with derived Windows/SQL Server licence prices, marked †`
      : '';
  return `prices: ${describePriceBook(source)}${derived}`;
}

/** The derivation rules in full, for the provenance line's tooltip. */
export function describeDerivations(source: PriceBookDescription): string {
  if (source.kind === 'live') return 'Prices fetched from the AWS Price List Query API.';
  return source.derivationRules.map((r) => r.text).join('\n\n');
}
