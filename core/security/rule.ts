import type { CfnResource } from '../cloudformation/template';
import type { Topology } from '../model/topology';

export type RuleSeverity = 'critical' | 'high' | 'medium' | 'low';

/** The checklist's groups, in the order it shows them (the seeds' themes). */
export const RULE_CATEGORIES = [
  'network',
  'edge',
  'encryption',
  'backup',
  'identity',
  'detection',
  'operations',
  'resilience',
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<RuleCategory, string>> = {
  network: 'Network placement',
  edge: 'Edge protection',
  encryption: 'Encryption and data protection',
  backup: 'Backups',
  identity: 'Identity and credentials',
  detection: 'Detection and logging',
  operations: 'Operations',
  resilience: 'Resilience',
};

export type CheckStatus = 'pass' | 'fail' | 'manual' | 'suppressed';

/** Automatic rules are decided by the design; attestations by the architect's sign-off. */
export type RuleMode = 'automatic' | 'attestation';

/**
 * Cross-references to the controls auditors know. Every id was confirmed against the public source
 * (Security Hub control pages, CIS AWS Foundations v3.0.0 ids as Security Hub maps them, cfn_nag
 * custom_rules, checkov's CloudFormation checks); ids that could not be confirmed, or that check
 * something else, are left out with a comment in the rule.
 */
export interface ControlRefs {
  /** AWS Security Hub control ids (FSBP and the Security Hub CIS controls). */
  fsbp?: string[];
  /** CIS AWS Foundations Benchmark v3.0.0 recommendation ids. */
  cis?: string[];
  /** cfn_nag rule ids (W = warning, F = failure). */
  cfnNag?: string[];
  /** checkov CloudFormation check ids. */
  checkov?: string[];
}

export interface RuleOutcome {
  status: 'pass' | 'fail' | 'manual';
  /**
   * What the outcome is about: node or security-group ids for the design check, logical ids for the
   * template check (failing resources for a fail).
   */
  resources: string[];
  /** One sentence naming what was found, e.g. "BOT-03 has a public IP". */
  detail: string;
}

/** Every resource of the exported CloudFormation, by logical id (across all the stacks it produces). */
export type TemplateResources = Readonly<Record<string, CfnResource>>;

/**
 * One checklist rule. One rule per file under rules/; pure functions over the design and over the
 * generated template, so the design check and the template check can be held to agree.
 */
export interface SecurityRule {
  /** Stable id ("NET-01"): it appears in checks.json, suppressions and exported metadata. */
  id: string;
  title: string;
  category: RuleCategory;
  severity: RuleSeverity;
  mode: RuleMode;
  /** Why it matters, in the seed documents' terms. */
  why: string;
  /** What to change; for automatic rules, what `fixTopology` does. */
  fix: string;
  /** How to confirm it on the deployed account. */
  verify: string;
  /** Where the requirement comes from: "case study", "whitepaper" or both. */
  source: string;
  controls: ControlRefs;
  /** The check on the design. Attestations return `manual`. */
  check(topology: Topology): RuleOutcome;
  /**
   * The same check on the exported template. Absent when the template cannot show it (an account
   * setting, or something deployed after the stack); the rule says why.
   */
  checkTemplate?(resources: TemplateResources): RuleOutcome;
  /**
   * A new design that passes this rule, changing as little as it can; null for attestations and
   * when the change needs a decision the tool cannot make (the rule's fix text says what to do).
   */
  fixTopology(topology: Topology): Topology | null;
}

/** Outcome helpers so rule files read as the rule, not as bookkeeping. */
export function passed(detail: string): RuleOutcome {
  return { status: 'pass', resources: [], detail };
}

export function failed(resources: readonly string[], detail: string): RuleOutcome {
  return { status: 'fail', resources: [...new Set(resources)], detail };
}

export function manual(detail: string): RuleOutcome {
  return { status: 'manual', resources: [], detail };
}

/** "A, B and 3 more": names for a detail sentence. */
export function listNames(names: readonly string[], max = 4): string {
  const unique = [...new Set(names)];
  if (unique.length <= max) {
    if (unique.length <= 1) return unique.join('');
    return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1) as string}`;
  }
  return `${unique.slice(0, max - 1).join(', ')} and ${unique.length - (max - 1)} more`;
}

/** "is" / "are" by count. */
export function verb(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
