import type { Suppression } from '../model/suppression';
import type { Topology } from '../model/topology';
import { RULES } from './catalog';
import type { CheckStatus, ControlRefs, RuleCategory, RuleSeverity, SecurityRule } from './rule';

/** One entry of checks.json (ARCHITECTURE.md contract). */
export interface CheckResult {
  ruleId: string;
  title: string;
  category: RuleCategory;
  severity: RuleSeverity;
  status: CheckStatus;
  resources: string[];
  controls: ControlRefs;
  detail: string;
  fix?: string;
  suppression?: Suppression;
}

export const SEVERITY_ORDER: readonly RuleSeverity[] = ['low', 'medium', 'high', 'critical'];

export function atOrAbove(severity: RuleSeverity, threshold: RuleSeverity): boolean {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(threshold);
}

/** Runs every rule over the design; a suppression turns a fail into "suppressed" but keeps the detail. */
export function evaluateChecks(
  topology: Topology,
  suppressions: readonly Suppression[] = [],
  rules: readonly SecurityRule[] = RULES,
): CheckResult[] {
  return rules.map((rule) => {
    const outcome = rule.check(topology);
    const suppression =
      outcome.status === 'fail'
        ? suppressions.find(
            (s) =>
              s.ruleId === rule.id &&
              (s.resourceIds.length === 0 || outcome.resources.every((r) => s.resourceIds.includes(r))),
          )
        : undefined;
    return {
      ruleId: rule.id,
      title: rule.title,
      category: rule.category,
      severity: rule.severity,
      status: suppression ? 'suppressed' : outcome.status,
      resources: outcome.resources,
      controls: rule.controls,
      detail: outcome.detail,
      ...(outcome.status === 'fail' ? { fix: rule.fix } : {}),
      ...(suppression ? { suppression } : {}),
    };
  });
}

export function summarizeChecks(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, manual: 0, suppressed: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
