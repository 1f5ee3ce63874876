import type { Project } from '../../../core/project/schema';
import { type PurchaseOptionSummary, comparePurchaseOptions } from '../../../core/pricing/compare';
import { type PriceBookDescription, describePriceBook } from '../../../core/pricing/price-book';
import type { PricingSnapshot } from '../../../core/pricing/snapshot';
import { resolveUsage } from '../../../core/pricing/usage';
import type { PurchaseOption } from '../../../core/model/options';
import { priceContextFor } from '../../store/analysis';

/**
 * The provenance line under the totals: where every figure above it comes from (for a snapshot, the
 * publication dates of the AWS price files in it; for a live refresh, when it was fetched), and how
 * many lines use a derived rather than a published price.
 */
export function describePriceSource(source: PriceBookDescription, linesWithDerivedPrice: number): string {
  const derived =
    linesWithDerivedPrice > 0
      ? `; ${linesWithDerivedPrice} line${linesWithDerivedPrice === 1 ? '' : 's'} priced with derived figures (Windows/SQL Server licence rule, Reserved Instance licence part), marked †`
      : '';
  return `prices: ${describePriceBook(source)}${derived}`;
}

/** The derivation rules in full, for the provenance line's tooltip. */
export function describeDerivations(source: PriceBookDescription): string {
  const fetched =
    source.kind === 'live'
      ? `Prices fetched from the AWS Price List Query API on ${source.fetchedAt}${source.servicesFailed.length > 0 ? `; from the bundled snapshot: ${source.servicesFailed.map((f) => f.serviceCode).join(', ')}` : ''}.\n\n`
      : '';
  return `${fetched}${source.derivationRules.map((r) => r.text).join('\n\n')}`;
}

/** The purchase options the estimate panel compares: the ones presales conversations start from. */
export const PANEL_OPTIONS: readonly PurchaseOption[] = [
  'on-demand',
  'ri-standard-1yr-no-upfront',
  'ri-standard-3yr-no-upfront',
  'ri-standard-3yr-all-upfront',
  'ri-convertible-3yr-no-upfront',
  'sp-compute-3yr-no-upfront',
];

let lastComparison: {
  topology: Project['topology'];
  options: Project['options'];
  snapshot: PricingSnapshot;
  rows: PurchaseOptionSummary[];
} | null = null;

/** Purchase options side by side for the open project; recomputed only when the design, options or prices change. */
export function purchaseOptionRows(
  project: Pick<Project, 'topology' | 'options'>,
  snapshot: PricingSnapshot,
): PurchaseOptionSummary[] {
  const l = lastComparison;
  if (l && l.topology === project.topology && l.options === project.options && l.snapshot === snapshot)
    return l.rows;
  const { usage } = resolveUsage(project.options.usageProfile, project.options.usageOverrides);
  const rows = comparePurchaseOptions(project.topology, priceContextFor(snapshot).book, usage, PANEL_OPTIONS);
  lastComparison = { topology: project.topology, options: project.options, snapshot, rows };
  return rows;
}
