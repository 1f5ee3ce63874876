import type { Estimate } from '../core/pricing/estimate';
import { monthlyByService } from '../core/pricing/estimate';
import { type CheckResult, summarizeChecks } from '../core/security/evaluate';
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
    ? `${base}; ${derived} line${derived === 1 ? '' : 's'} use derived Windows/SQL licence prices`
    : base;
}

export function renderEstimateText(estimate: Estimate): string {
  const rows = [['Resource', 'Component', 'Quantity', 'Unit price', 'Monthly']];
  for (const l of estimate.lines) {
    const derived = l.source?.kind === 'snapshot' && l.source.derived ? ' *' : '';
    rows.push([
      l.resourceName,
      l.component,
      `${l.quantity} ${l.unit}`,
      l.unitPriceUsd === null ? '—' : `$${l.unitPriceUsd}`,
      l.monthlyUsd === null ? 'NO PRICE' : `${formatUsd(l.monthlyUsd)}${derived}`,
    ]);
  }
  const services = monthlyByService(estimate).map(
    (s) => `  ${s.service.padEnd(24)} ${formatUsd(s.monthlyUsd).padStart(14)}`,
  );
  const missing = estimate.totals.linesWithoutPrice;
  return [
    table(rows, new Set([3, 4])),
    '',
    'By service:',
    ...services,
    '',
    `Monthly total: ${formatUsd(estimate.totals.monthlyUsd)}   Yearly: ${formatUsd(estimate.totals.yearlyUsd)}${missing > 0 ? `   (${missing} line${missing === 1 ? '' : 's'} without a price are not included)` : ''}`,
    `Prices: ${priceSourceText(estimate)}.${estimate.totals.linesWithDerivedPrice > 0 ? ' * = derived price.' : ''}`,
  ].join('\n');
}

export function renderChecksText(checks: readonly CheckResult[]): string {
  const counts = summarizeChecks(checks);
  const rows = [['Rule', 'Severity', 'Status', 'Title']];
  for (const c of checks) rows.push([c.ruleId, c.severity, c.status.toUpperCase(), c.title]);
  const details = checks
    .filter((c) => c.status === 'fail')
    .map((c) => `  ${c.ruleId}: ${c.detail}${c.fix ? `\n    Fix: ${c.fix}` : ''}`);
  return [
    table(rows),
    '',
    `${counts.pass} pass, ${counts.fail} fail, ${counts.manual} manual, ${counts.suppressed} suppressed`,
    ...(details.length ? ['', 'Failures:', ...details] : []),
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
