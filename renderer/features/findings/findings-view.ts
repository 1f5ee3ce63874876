import type { CheckResult } from '../../../core/security/evaluate';
import { SEVERITY_ORDER, summarizeChecks } from '../../../core/security/evaluate';
import type { CheckStatus, RuleSeverity } from '../../../core/security/rule';

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

/** Node id → the failing checks that name it (suppressed checks do not flag). */
export function flagsByResource(checks: readonly CheckResult[]): Map<string, NodeFlag> {
  const flags = new Map<string, NodeFlag>();
  for (const check of checks) {
    if (check.status !== 'fail') continue;
    for (const id of check.resources) {
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
