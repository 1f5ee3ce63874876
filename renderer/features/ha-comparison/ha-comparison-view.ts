import type { SqlHaPattern } from '../../../core/model/options';
import { type HaComparisonRow, compareHaPatterns } from '../../../core/plan/compare-ha-patterns';
import type { PricingSnapshot } from '../../../core/pricing/snapshot';
import type { Project } from '../../../core/project/schema';
import { Money, formatUsd } from '../../../core/util/money';
import { analyzeProjectCached, priceContextFor, selectSnapshot } from '../../store/analysis';
import type { AppState } from '../../store/app-store';

/** One row of the comparison table, formatted for display. */
export interface HaRowView {
  pattern: SqlHaPattern;
  title: string;
  summary: string;
  selected: boolean;
  highlyAvailable: boolean;
  monthly: string;
  /** Against the project's pattern: "+$1,234.56", "−$80.00", "current". */
  delta: string;
  deltaTone: 'more' | 'less' | 'same';
  database: string;
  lowerBound: boolean;
  rpo: string;
  rto: string;
  serverFailure: string;
  azFailure: string;
  licences: string;
  fits: boolean;
  fitReasons: string[];
  constraints: string[];
  operations: string[];
  failingChecks: string[];
}

export function toHaRowViews(rows: readonly HaComparisonRow[]): HaRowView[] {
  return rows.map((r) => {
    const delta = new Money(r.deltaMonthlyUsd);
    return {
      pattern: r.pattern,
      title: r.title,
      summary: r.summary,
      selected: r.selected,
      highlyAvailable: r.highlyAvailable,
      monthly: formatUsd(r.monthlyUsd),
      delta: r.selected ? 'current' : delta.isZero() ? '—' : `${delta.gt(0) ? '+' : ''}${formatUsd(delta)}`,
      deltaTone: r.selected || delta.isZero() ? 'same' : delta.gt(0) ? 'more' : 'less',
      database: formatUsd(r.databaseMonthlyUsd),
      lowerBound: r.linesWithoutPrice > 0,
      rpo: r.rpo,
      rto: r.rto,
      serverFailure: r.serverFailure,
      azFailure: r.azFailure,
      licences: r.licences.map((l) => l.text).join('; ') || 'No SQL Server licences',
      fits: r.fits,
      fitReasons: r.fitReasons,
      constraints: r.constraints,
      operations: r.operations,
      failingChecks: r.failingChecks.map((c) => `${c.ruleId} (${c.severity}): ${c.detail}`),
    };
  });
}

interface Inputs {
  inventory: Project['inventory'];
  options: Project['options'];
  suppressions: Project['suppressions'];
  snapshot: PricingSnapshot;
}
let last: { inputs: Inputs; rows: HaRowView[] } | null = null;

/**
 * The comparison for the open project, memoised on what it reads (inventory, options, suppressions,
 * prices), so it is computed when the dialog opens and again only after a change. Null until the
 * region's prices are loaded.
 */
export function selectHaComparison(state: AppState): HaRowView[] | null {
  const snapshot = selectSnapshot(state);
  if (!snapshot) return null;
  // The settled project: re-planning five patterns waits until an edit's total is on screen.
  const project = state.settledProject;
  const inputs: Inputs = {
    inventory: project.inventory,
    options: project.options,
    suppressions: project.suppressions,
    snapshot,
  };
  if (
    last &&
    last.inputs.inventory === inputs.inventory &&
    last.inputs.options === inputs.options &&
    last.inputs.suppressions === inputs.suppressions &&
    last.inputs.snapshot === inputs.snapshot
  )
    return last.rows;
  const { sizing } = analyzeProjectCached(project, snapshot);
  const rows = toHaRowViews(
    compareHaPatterns(
      project.inventory,
      sizing,
      project.options,
      priceContextFor(snapshot),
      project.suppressions,
    ),
  );
  last = { inputs, rows };
  return rows;
}
