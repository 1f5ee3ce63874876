import { PURCHASE_OPTIONS, type PurchaseOption } from '../model/options';
import type { Topology } from '../model/topology';
import { Money } from '../util/money';
import type { CostComponent } from './cost-component';
import { costComponentsFor, formatCents, priceComponent } from './estimate';
import { filterKey } from './price-filter';
import type { PriceBook } from './price-book';
import { parsePurchaseOption, purchaseOptionLabel } from './purchase-options';
import { DEFAULT_USAGE, type ResolvedUsage } from './usage';

/** One purchase option's totals, for the side-by-side comparison in the app, estimate.json and the proposal. */
export interface PurchaseOptionSummary {
  purchaseOption: PurchaseOption;
  label: string;
  termMonths: number | null;
  /** False when some instance has no price under this option (e.g. Savings Plans without their rates). */
  available: boolean;
  /** Why the option is not available: the first missing line's reason. */
  unavailableReason: string | null;
  /** Null when the option is not available: a total without its instances would mislead. */
  monthlyUsd: string | null;
  upfrontUsd: string | null;
  effectiveMonthlyUsd: string | null;
  /** Effective monthly × 12. */
  effectiveYearlyUsd: string | null;
  linesWithoutPrice: number;
  /** Instances and databases priced On-Demand although the option was chosen (RDS without RI rates…). */
  linesOnDemandInstead: number;
  /** Saving on the effective monthly total against On-Demand, in percent with one decimal; null when not comparable. */
  savingVsOnDemandPercent: string | null;
}

/**
 * Every purchase option (or the ones asked for) priced side by side. Only committed components (EC2
 * and RDS instances) change with the option, so everything else is priced once.
 */
export function comparePurchaseOptions(
  topology: Topology,
  book: PriceBook,
  usage: ResolvedUsage = DEFAULT_USAGE,
  options: readonly PurchaseOption[] = PURCHASE_OPTIONS,
): PurchaseOptionSummary[] {
  const components = costComponentsFor(topology, usage);
  // Identical committed components (same type, licence, quantity) price identically: price each
  // distinct one once per option and count it, so comparing 25 options stays cheap for 1,000 servers.
  const groups = new Map<string, { component: CostComponent; count: number }>();
  const fixed = { monthly: 0, upfront: 0, effective: 0, withoutPrice: 0 };
  for (const c of components) {
    if (c.commitment) {
      const licence = c.commitment.kind === 'ec2-instance' ? c.commitment.licence : null;
      const key = `${c.commitment.kind}|${c.monthlyQuantity}|${licence?.activeVcpu ?? ''}|${licence?.minimumVcpu ?? ''}|${filterKey(c.filter)}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { component: c, count: 1 });
      continue;
    }
    const p = priceComponent(c, book, 'on-demand');
    if (!p.cents) fixed.withoutPrice++;
    else {
      fixed.monthly += p.cents.monthly;
      fixed.upfront += p.cents.upfront;
      fixed.effective += p.cents.effective;
    }
  }
  const totalsFor = (option: PurchaseOption) => {
    const t = { ...fixed, onDemandInstead: 0, reason: null as string | null };
    for (const { component, count } of groups.values()) {
      const p = priceComponent(component, book, option);
      if (!p.cents) {
        t.withoutPrice += count;
        t.reason ??= p.line.priceNotFound?.reason ?? null;
        continue;
      }
      t.monthly += p.cents.monthly * count;
      t.upfront += p.cents.upfront * count;
      t.effective += p.cents.effective * count;
      if (option !== 'on-demand' && p.line.purchaseOption !== option) t.onDemandInstead += count;
    }
    return t;
  };
  const onDemand = totalsFor('on-demand');
  const base = new Money(formatCents(onDemand.effective));
  return options.map((option) => {
    const t = option === 'on-demand' ? onDemand : totalsFor(option);
    const available = t.reason === null;
    const p = parsePurchaseOption(option);
    const comparable = available && t.withoutPrice === onDemand.withoutPrice && !base.isZero();
    return {
      purchaseOption: option,
      label: purchaseOptionLabel(option),
      termMonths: p.kind === 'on-demand' ? null : p.termMonths,
      available,
      unavailableReason: t.reason,
      monthlyUsd: available ? formatCents(t.monthly) : null,
      upfrontUsd: available ? formatCents(t.upfront) : null,
      effectiveMonthlyUsd: available ? formatCents(t.effective) : null,
      effectiveYearlyUsd: available ? formatCents(t.effective * 12) : null,
      linesWithoutPrice: t.withoutPrice,
      linesOnDemandInstead: t.onDemandInstead,
      savingVsOnDemandPercent: comparable
        ? base.minus(formatCents(t.effective)).div(base).times(100).toFixed(1)
        : null,
    };
  });
}
