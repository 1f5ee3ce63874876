import { buildTemplate } from '../cloudformation/build-template';
import type { Project } from '../project/schema';
import { RULES } from './catalog';
import type { RuleOutcome, SecurityRule, TemplateResources } from './rule';

/**
 * Every resource of the CloudFormation the project exports, by logical id. Today one template; when
 * the export is split into stacks, this is the place that merges their Resources (logical ids are
 * unique across the stacks).
 */
export function templateResourcesOf(project: Project): TemplateResources {
  return buildTemplate(project).Resources;
}

export interface TemplateCheckResult extends RuleOutcome {
  ruleId: string;
}

/** The template side of every rule that has one, over the project's exported CloudFormation. */
export function evaluateTemplateChecks(
  project: Project,
  rules: readonly SecurityRule[] = RULES,
): TemplateCheckResult[] {
  const resources = templateResourcesOf(project);
  return rules.flatMap((rule) =>
    rule.checkTemplate ? [{ ruleId: rule.id, ...rule.checkTemplate(resources) }] : [],
  );
}
