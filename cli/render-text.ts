import type { PurchaseOptionSummary } from '../core/pricing/compare';
import type { Estimate } from '../core/pricing/estimate';
import { monthlyByService, monthlyByTier } from '../core/pricing/estimate';
import { purchaseOptionLabel } from '../core/pricing/purchase-options';
import type { SizingResult } from '../core/sizing/size-server';
import { formatUsd } from '../core/util/money';
import { describePriceBook } from '../core/pricing/price-book';

function table(rows: string[][], alignRight: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (alignRight.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function priceSourceText(estimate: Estimate): string {
  const derived = estimate.totals.linesWithDerivedPrice;
  const base = describePriceBook(estimate.priceSource);
  return derived > 0
    ? `${base}; ${derived} line${derived === 1 ? '' : 's'} use derived prices (marked *)`
    : base;
}

export function renderEstimateText(
  estimate: Estimate,
  purchaseOptions?: readonly PurchaseOptionSummary[],
): string {
  const rows = [['Resource', 'Component', 'Quantity', 'Unit price', 'Monthly', 'Upfront']];
  for (const l of estimate.lines) {
    const derived = l.source?.derived ? ' *' : '';
    rows.push([
      l.resourceName,
      l.component,
      `${l.quantity} ${l.unit}`,
      l.unitPriceUsd === null ? '—' : `$${l.unitPriceUsd}`,
      l.monthlyUsd === null ? 'NO PRICE' : `${formatUsd(l.monthlyUsd)}${derived}`,
      l.upfrontUsd === null || l.upfrontUsd === '0.00' ? '' : formatUsd(l.upfrontUsd),
    ]);
  }
  const services = monthlyByService(estimate).map(
    (s) => `  ${s.service.padEnd(26)} ${formatUsd(s.monthlyUsd).padStart(14)}`,
  );
  const tiers = monthlyByTier(estimate).map(
    (t) =>
      `  ${t.label.padEnd(26)} ${formatUsd(t.monthlyUsd).padStart(14)}${t.linesWithoutPrice > 0 ? `   (${t.linesWithoutPrice} without a price)` : ''}`,
  );
  const missing = estimate.lines.filter((l) => l.priceNotFound);
  const t = estimate.totals;
  const upfront =
    t.upfrontUsd !== '0.00'
      ? `   Upfront: ${formatUsd(t.upfrontUsd)}   Effective monthly: ${formatUsd(t.effectiveMonthlyUsd)}`
      : '';
  const comparison = purchaseOptions
    ? [
        '',
        'Purchase options side by side (effective monthly = monthly + upfront ÷ term):',
        table(
          [
            ['Option', 'Monthly', 'Upfront', 'Effective monthly', 'Saving'],
            ...purchaseOptions.map((o) => [
              o.label,
              o.monthlyUsd !== null ? formatUsd(o.monthlyUsd) : 'needs a live price refresh',
              o.upfrontUsd !== null ? formatUsd(o.upfrontUsd) : '',
              o.effectiveMonthlyUsd !== null ? formatUsd(o.effectiveMonthlyUsd) : '',
              o.savingVsOnDemandPercent !== null ? `${o.savingVsOnDemandPercent}%` : '',
            ]),
          ],
          new Set([1, 2, 3, 4]),
        )
          .split('\n')
          .map((line) => `  ${line}`)
          .join('\n'),
      ]
    : [];
  return [
    table(rows, new Set([3, 4, 5])),
    '',
    'By tier:',
    ...tiers,
    '',
    'By service:',
    ...services,
    '',
    `Monthly total: ${formatUsd(t.monthlyUsd)}   Yearly: ${formatUsd(t.yearlyUsd)}${upfront}${t.linesWithoutPrice > 0 ? `   (${t.linesWithoutPrice} line${t.linesWithoutPrice === 1 ? '' : 's'} without a price are not included)` : ''}`,
    `Purchase option: ${purchaseOptionLabel(estimate.purchaseOption)}; usage profile: ${estimate.usageProfile}.`,
    `Prices: ${priceSourceText(estimate)}.`,
    ...(missing.length > 0
      ? [
          '',
          'Lines without a price:',
          ...missing.map((l) => `  ${l.resourceName}: ${l.component} — ${l.priceNotFound?.reason ?? ''}`),
        ]
      : []),
    ...comparison,
  ].join('\n');
}

export function renderSizingText(sizing: readonly SizingResult[]): string {
  const rows = [['Server', 'Role', 'Current', 'Required', 'Chosen', '$/hour']];
  for (const s of sizing) {
    rows.push([
      s.server,
      s.role,
      `${s.current.vcpu} vCPU / ${s.current.memoryGib} GiB`,
      `${s.required.vcpu} vCPU / ${s.required.memoryGib} GiB`,
      s.chosen?.instanceType ?? 'NONE FITS',
      s.chosen ? s.chosen.hourlyUsd : '—',
    ]);
  }
  return table(rows, new Set([5]));
}
