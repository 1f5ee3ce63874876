import type { Attestation } from '../model/attestation';
import type { Suppression } from '../model/suppression';
import type { Topology } from '../model/topology';
import { RULES } from './catalog';
import { withNodesBehind } from './design-query';
import {
  RULE_CATEGORIES,
  type CheckStatus,
  type ControlRefs,
  type RuleCategory,
  type RuleMode,
  type RuleSeverity,
  type SecurityRule,
} from './rule';

/** One entry of checks.json (ARCHITECTURE.md contract, extended with mode, texts and sign-offs). */
export interface CheckResult {
  ruleId: string;
  title: string;
  category: RuleCategory;
  severity: RuleSeverity;
  mode: RuleMode;
  status: CheckStatus;
  /** Node, security-group or network-ACL ids the outcome is about (the failing ones for a fail). */
  resources: string[];
  /**
   * The nodes to badge on the canvas: `resources` plus, for a failing check, the nodes behind a named
   * security group (its users) or network ACL (its subnets). Absent in results made by hand.
   */
  nodeIds?: string[];
  controls: ControlRefs;
  detail: string;
  why: string;
  verify: string;
  /** What to change; present when the rule fails, is suppressed or waits for a sign-off. */
  fix?: string;
  /** Whether the checklist can apply the fix to the design in one click. */
  fixable: boolean;
  suppression?: Suppression;
  /** A suppression whose review date has passed: it no longer applies and the rule fails again. */
  expiredSuppression?: Suppression;
  attestation?: Attestation;
}

export interface EvaluateOptions {
  rules?: readonly SecurityRule[];
  /** Sign-offs for attestation rules; a signed-off rule passes and carries who signed it and when. */
  attestations?: readonly Attestation[];
  /** ISO date (YYYY-MM-DD) suppressions are reviewed against; without it none expires. */
  today?: string;
}

export const SEVERITY_ORDER: readonly RuleSeverity[] = ['low', 'medium', 'high', 'critical'];

export function atOrAbove(severity: RuleSeverity, threshold: RuleSeverity): boolean {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(threshold);
}

/** The suppression covering a failing outcome: same rule, and (if it names resources) all of them. */
export function findSuppression(
  ruleId: string,
  resources: readonly string[],
  suppressions: readonly Suppression[],
): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.ruleId === ruleId &&
      (s.resourceIds.length === 0 || resources.every((r) => s.resourceIds.includes(r))),
  );
}

/**
 * Runs every rule over the design. A suppression turns a fail into "suppressed" but keeps the detail
 * (until its review date passes); a sign-off turns an attestation's "manual" into "pass".
 */
export function evaluateChecks(
  topology: Topology,
  suppressions: readonly Suppression[] = [],
  options: EvaluateOptions = {},
): CheckResult[] {
  const rules = options.rules ?? RULES;
  const attestations = options.attestations ?? [];
  return rules.map((rule) => {
    const outcome = rule.check(topology);
    const found =
      outcome.status === 'fail' ? findSuppression(rule.id, outcome.resources, suppressions) : undefined;
    const expired = found !== undefined && options.today !== undefined && found.reviewBy < options.today;
    const suppression = expired ? undefined : found;
    const attestation =
      rule.mode === 'attestation' && outcome.status === 'manual'
        ? [...attestations].reverse().find((a) => a.ruleId === rule.id)
        : undefined;
    const status: CheckStatus = suppression ? 'suppressed' : attestation ? 'pass' : outcome.status;
    return {
      ruleId: rule.id,
      title: rule.title,
      category: rule.category,
      severity: rule.severity,
      mode: rule.mode,
      status,
      resources: outcome.resources,
      nodeIds: outcome.status === 'fail' ? withNodesBehind(topology, outcome.resources) : outcome.resources,
      controls: rule.controls,
      detail: attestation
        ? `Signed off by ${attestation.signedBy} on ${attestation.date}${attestation.note ? `: ${attestation.note}` : '.'}`
        : outcome.detail,
      why: rule.why,
      verify: rule.verify,
      ...(status === 'fail' || status === 'suppressed' || status === 'manual' ? { fix: rule.fix } : {}),
      fixable: outcome.status === 'fail' && rule.mode === 'automatic' && rule.fixTopology(topology) !== null,
      ...(suppression ? { suppression } : {}),
      ...(expired && found ? { expiredSuppression: found } : {}),
      ...(attestation ? { attestation } : {}),
    };
  });
}

export type CheckCounts = Record<CheckStatus, number>;

export function summarizeChecks(results: readonly CheckResult[]): CheckCounts {
  const counts: CheckCounts = { pass: 0, fail: 0, manual: 0, suppressed: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** Counts per checklist category, every category present (zeros included), in the checklist's order. */
export function summarizeByCategory(results: readonly CheckResult[]): Record<RuleCategory, CheckCounts> {
  const out = Object.fromEntries(
    RULE_CATEGORIES.map((c) => [c, { pass: 0, fail: 0, manual: 0, suppressed: 0 }]),
  ) as Record<RuleCategory, CheckCounts>;
  for (const r of results) out[r.category][r.status]++;
  return out;
}

/** Checks failing at or above a severity (suppressed ones are accepted risks and do not count). */
export function failingAtOrAbove(results: readonly CheckResult[], threshold: RuleSeverity): CheckResult[] {
  return results.filter((r) => r.status === 'fail' && atOrAbove(r.severity, threshold));
}
