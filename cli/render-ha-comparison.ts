import type { HaComparisonRow } from '../core/plan/compare-ha-patterns';
import { formatUsd } from '../core/util/money';

function table(rows: string[][], alignRight: ReadonlySet<number>): string {
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

/** "+$1,234.56", "-$80.00", "—" for no difference. */
export function formatDelta(delta: string): string {
  if (/^[+-]?0(\.0+)?$/.test(delta)) return '—';
  return delta.startsWith('-') ? formatUsd(delta) : `+${formatUsd(delta.replace(/^\+/, ''))}`;
}

function checksText(row: HaComparisonRow): string {
  return row.failingChecks.length === 0
    ? 'all pass'
    : `${row.failingChecks.map((c) => c.ruleId).join(', ')} fail${row.failingChecks.length === 1 ? 's' : ''}`;
}

/**
 * `archplan plan --compare-ha`: the patterns side by side (whole-design monthly cost under the same
 * purchase option, the database tier's share, licences, checks), then each pattern's RPO, RTO and
 * what happens when a server or an AZ fails.
 */
export function renderHaComparisonText(rows: readonly HaComparisonRow[]): string {
  const first = rows[0];
  if (!first) return 'No SQL Server HA patterns to compare.';
  const lowerBound = rows.some((r) => r.linesWithoutPrice > 0);
  const header = [
    ['', 'Pattern', 'HA', 'Monthly', 'vs current', 'Database', 'Fits', 'Checks'],
    ...rows.map((r) => [
      r.selected ? '*' : '',
      r.title,
      r.highlyAvailable ? 'yes' : 'no',
      `${formatUsd(r.monthlyUsd)}${r.linesWithoutPrice > 0 ? ' +' : ''}`,
      r.selected ? '(current)' : formatDelta(r.deltaMonthlyUsd),
      formatUsd(r.databaseMonthlyUsd),
      r.fits ? 'yes' : 'no',
      checksText(r),
    ]),
  ];
  const out: string[] = [
    `SQL Server high availability, compared (${first.purchaseOption} prices; monthly cost of the whole design; * = the project's pattern)`,
    '',
    table(header, new Set([3, 4, 5])),
  ];
  if (lowerBound)
    out.push('', '+ some lines have no price: that total is a lower bound (see estimate.json).');
  for (const r of rows) {
    out.push(
      '',
      `${r.title}${r.selected ? ' (the project’s pattern)' : ''}`,
      `  ${r.summary}`,
      `  RPO: ${r.rpo}`,
      `  RTO: ${r.rto}`,
      `  A server fails: ${r.serverFailure}`,
      `  An AZ fails: ${r.azFailure}`,
      `  Licences: ${r.licences.length > 0 ? r.licences.map((l) => l.text).join('; ') : 'none'}. ${r.licensing}`,
      `  Fits this inventory: ${r.fits ? 'yes' : 'no'}`,
      ...r.fitReasons.map((x) => `    - ${x}`),
      '  Constraints:',
      ...r.constraints.map((x) => `    - ${x}`),
      '  Operations:',
      ...r.operations.map((x) => `    - ${x}`),
      `  Checklist: ${r.failingChecks.length === 0 ? 'every automatic check passes' : r.failingChecks.map((c) => `${c.ruleId} (${c.severity}) ${c.detail}`).join(' ')}`,
    );
  }
  return out.join('\n');
}
