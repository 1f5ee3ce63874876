import type { Suppression } from '../model/suppression';
import { text, type CfnObject, type CfnValue } from './intrinsics';
import { literalText, truncateCodePoints } from './sanitize';
import { collectValueRefs } from './template-refs';
import type { CfnResource, CfnTemplate } from './template';

/**
 * A finding the architect accepted (a suppression in the project) is also accepted by the scanners the
 * delivery team runs on the templates: cfn_nag reads `Metadata.cfn_nag.rules_to_suppress: [{id, reason}]`
 * and checkov `Metadata.checkov.skip: [{id, comment}]` on the resource. Only rules whose checklist entry
 * maps to cfn_nag or checkov ids produce metadata; the reason carries the justification, owner and date.
 */

export interface SuppressedFinding {
  suppression: Suppression;
  /** cfn_nag and checkov ids of the rule (from the security catalog's controls). */
  cfnNag: readonly string[];
  checkov: readonly string[];
  /** Node, security-group or logical ids the suppression covers (the rule's flagged resources when it names none). */
  resources: readonly string[];
}

/** The suppression's reason as one clean line scanners print. */
export function suppressionReason(s: Suppression): string {
  return truncateCodePoints(
    literalText(
      `${s.justification} (accepted by ${s.owner}, review by ${s.reviewBy}; Architecture Planner rule ${s.ruleId})`,
    ),
    1000,
  );
}

const SG_RULE_TYPES = new Set(['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']);

/** A security group's separate rule resources carry the findings scanners report on the group's rules. */
function withSecurityGroupRules(template: CfnTemplate, ids: ReadonlySet<string>): Set<string> {
  const out = new Set(ids);
  for (const [id, r] of Object.entries(template.Resources))
    if (SG_RULE_TYPES.has(r.Type) && collectValueRefs(r.Properties).some((ref) => ids.has(ref.target)))
      out.add(id);
  return out;
}

function appendList(metadata: CfnObject, tool: string, key: string, entries: CfnObject[]): CfnObject {
  const existing = (metadata[tool] as CfnObject | undefined) ?? {};
  const list = (existing[key] as readonly CfnValue[] | undefined) ?? [];
  const seen = new Set(list.map((e) => JSON.stringify(e)));
  const added = entries.filter((e) => !seen.has(JSON.stringify(e)));
  return { ...metadata, [tool]: { ...existing, [key]: [...list, ...added] } };
}

/**
 * A copy of `template` with cfn_nag and checkov suppression metadata on the resources each finding
 * covers. `logicalIdOf` maps node and security-group ids to logical ids (from buildTemplateParts).
 */
export function applySuppressionMetadata(
  template: CfnTemplate,
  findings: readonly SuppressedFinding[],
  logicalIdOf: (sourceId: string) => string | undefined,
): CfnTemplate {
  const resources: Record<string, CfnResource> = { ...template.Resources };
  for (const f of findings) {
    if (f.cfnNag.length === 0 && f.checkov.length === 0) continue;
    const direct = new Set(
      f.resources
        .map((id) => logicalIdOf(id) ?? (id in resources ? id : undefined))
        .filter((id): id is string => id !== undefined),
    );
    const reason = text(suppressionReason(f.suppression));
    for (const id of withSecurityGroupRules(template, direct)) {
      const r = resources[id];
      if (!r) continue;
      let metadata: CfnObject = r.Metadata ?? {};
      if (f.cfnNag.length > 0)
        metadata = appendList(
          metadata,
          'cfn_nag',
          'rules_to_suppress',
          f.cfnNag.map((rule) => ({ id: rule, reason })),
        );
      if (f.checkov.length > 0)
        metadata = appendList(
          metadata,
          'checkov',
          'skip',
          f.checkov.map((rule) => ({ id: rule, comment: reason })),
        );
      resources[id] = { ...r, Metadata: metadata };
    }
  }
  return { ...template, Resources: resources };
}
