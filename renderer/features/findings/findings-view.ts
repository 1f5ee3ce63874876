import type { CheckCounts, CheckResult } from '../../../core/security/evaluate';
import { SEVERITY_ORDER, summarizeByCategory, summarizeChecks } from '../../../core/security/evaluate';
import {
  CATEGORY_LABELS,
  type ControlRefs,
  type CheckStatus,
  RULE_CATEGORIES,
  type RuleCategory,
  type RuleSeverity,
} from '../../../core/security/rule';

export interface FindingsSummary {
  counts: Record<CheckStatus, number>;
  /** Failing checks, most severe first. */
  failing: CheckResult[];
  /** Checks the design cannot answer; the architect confirms them with the customer. */
  manual: CheckResult[];
}

function bySeverity(a: CheckResult, b: CheckResult): number {
  return (
    SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export function summarizeFindings(checks: readonly CheckResult[]): FindingsSummary {
  return {
    counts: summarizeChecks(checks),
    failing: checks.filter((c) => c.status === 'fail').sort(bySeverity),
    manual: checks.filter((c) => c.status === 'manual').sort(bySeverity),
  };
}

/** Badge colour on the canvas: red for critical/high, amber for medium/low. */
export type FlagTone = 'danger' | 'warning';

export interface NodeFlag {
  tone: FlagTone;
  /** The most severe failing check naming the node. */
  severity: RuleSeverity;
  ruleIds: string[];
}

export function toneOf(severity: RuleSeverity): FlagTone {
  return severity === 'critical' || severity === 'high' ? 'danger' : 'warning';
}

/**
 * Node id → the failing checks that name it, directly or through its security group or network ACL
 * (suppressed checks do not flag).
 */
export function flagsByResource(checks: readonly CheckResult[]): Map<string, NodeFlag> {
  const flags = new Map<string, NodeFlag>();
  for (const check of checks) {
    if (check.status !== 'fail') continue;
    for (const id of check.nodeIds ?? check.resources) {
      const current = flags.get(id);
      const severity =
        current && SEVERITY_ORDER.indexOf(current.severity) >= SEVERITY_ORDER.indexOf(check.severity)
          ? current.severity
          : check.severity;
      flags.set(id, {
        tone: toneOf(severity),
        severity,
        ruleIds: [...(current?.ruleIds ?? []), check.ruleId],
      });
    }
  }
  return flags;
}

export interface ChecklistGroup {
  category: RuleCategory;
  label: string;
  counts: CheckCounts;
  /** Failing first, then waiting for a sign-off, accepted risks, passing; by severity within each. */
  checks: CheckResult[];
}

const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'manual', 'suppressed', 'pass'];

/** The checklist grouped by category, in the checklist's order, with each category's counts. */
export function groupChecklist(checks: readonly CheckResult[]): ChecklistGroup[] {
  const counts = summarizeByCategory(checks);
  return RULE_CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    counts: counts[category],
    checks: checks
      .filter((c) => c.category === category)
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || bySeverity(a, b)),
  })).filter((g) => g.checks.length > 0);
}

/** "FSBP EC2.19 · CIS 5.2 · cfn_nag W2 · checkov CKV_AWS_24": the controls a check maps to. */
export function describeControls(controls: ControlRefs): string {
  const parts: string[] = [];
  if (controls.fsbp?.length) parts.push(`FSBP ${controls.fsbp.join(', ')}`);
  if (controls.cis?.length) parts.push(`CIS ${controls.cis.join(', ')}`);
  if (controls.cfnNag?.length) parts.push(`cfn_nag ${controls.cfnNag.join(', ')}`);
  if (controls.checkov?.length) parts.push(`checkov ${controls.checkov.join(', ')}`);
  return parts.join(' · ');
}

/** The label of a status chip. */
export const STATUS_LABEL: Readonly<Record<CheckStatus, string>> = {
  pass: 'Pass',
  fail: 'Fail',
  manual: 'Sign-off needed',
  suppressed: 'Accepted risk',
};

/** A review date three months ahead: the default the suppression form offers. */
export function defaultReviewDate(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 3);
  return d.toISOString().slice(0, 10);
}
