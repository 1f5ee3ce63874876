import type { Topology } from '../model/topology';

export type RuleSeverity = 'critical' | 'high' | 'medium' | 'low';
export type RuleCategory =
  'network' | 'edge' | 'compute' | 'data' | 'identity' | 'detection' | 'operations' | 'resilience';
export type CheckStatus = 'pass' | 'fail' | 'manual' | 'suppressed';

/** Cross-references to the controls auditors know; ids confirmed against the public control lists. */
export interface ControlRefs {
  fsbp?: string[];
  cis?: string[];
  cfnNag?: string[];
  checkov?: string[];
}

export interface RuleOutcome {
  status: 'pass' | 'fail' | 'manual';
  /** Node ids the outcome is about (failing resources for a fail). */
  resources: string[];
  /** One sentence naming what was found, e.g. "BOT-03 has a public IP". */
  detail: string;
}

/** One checklist rule: pure, over the topology. One rule per file under rules/. */
export interface SecurityRule {
  id: string;
  title: string;
  category: RuleCategory;
  severity: RuleSeverity;
  /** Why it matters, in the seed documents' terms. */
  rationale: string;
  /** Where the requirement comes from: "case study", "whitepaper" or both. */
  source: string;
  controls: ControlRefs;
  mode: 'automatic' | 'attestation';
  fix: string;
  verify: string;
  check(topology: Topology): RuleOutcome;
}
