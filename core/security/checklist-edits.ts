import { type Attestation, attestationSchema } from '../model/attestation';
import type { Issue, Result } from '../model/issue';
import { type Suppression, suppressionSchema } from '../model/suppression';
import type { Project } from '../project/schema';
import { findRule } from './catalog';

/**
 * The checklist's edits to a project, pure: apply a rule's fix, accept a failing rule as a risk (with
 * a justification, an owner and a review date), sign off an attestation. The UI and the CLI call these;
 * every error is an Issue naming the field.
 */

function issue(code: string, message: string, hint: string, field?: string): Issue {
  return { code, severity: 'error', message, hint, ...(field ? { path: { field } } : {}) };
}

function unknownRule(ruleId: string): Result<never> {
  return {
    ok: false,
    issues: [
      issue(
        'check.unknown-rule',
        `There is no checklist rule ${ruleId}.`,
        'Pick a rule from the checklist.',
        'ruleId',
      ),
    ],
  };
}

/** The project with the rule's one-click fix applied to its design; an issue when there is nothing to apply. */
export function applyRuleFix(project: Project, ruleId: string): Result<Project> {
  const rule = findRule(ruleId);
  if (!rule) return unknownRule(ruleId);
  if (rule.check(project.topology).status !== 'fail')
    return {
      ok: false,
      issues: [
        issue(
          'check.not-failing',
          `${ruleId} does not fail: nothing to fix.`,
          'Fixes apply to failing checks.',
        ),
      ],
    };
  const topology = rule.fixTopology(project.topology);
  if (!topology)
    return {
      ok: false,
      issues: [issue('check.no-automatic-fix', `${ruleId} cannot be fixed automatically.`, rule.fix)],
    };
  return { ok: true, value: { ...project, topology }, issues: [] };
}

export interface SuppressionInput {
  ruleId: string;
  justification: string;
  owner: string;
  /** YYYY-MM-DD */
  reviewBy: string;
  /** Resources covered; empty = everything the rule flags. */
  resourceIds?: readonly string[];
}

function zodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }, code: string): Issue[] {
  return error.issues.map((i) =>
    issue(
      code,
      `${String(i.path[0] ?? 'value')}: ${i.message}.`,
      'Correct the field and try again.',
      String(i.path[0] ?? ''),
    ),
  );
}

/**
 * Accepts a failing rule as a documented risk. Replaces an earlier suppression of the same rule. The
 * review date must not be in the past (`today`, YYYY-MM-DD).
 */
export function addSuppression(project: Project, input: SuppressionInput, today: string): Result<Project> {
  const rule = findRule(input.ruleId);
  if (!rule) return unknownRule(input.ruleId);
  if (rule.mode === 'attestation')
    return {
      ok: false,
      issues: [
        issue(
          'suppression.attestation',
          `${rule.id} is signed off, not suppressed.`,
          'Use “Sign off” for this item.',
          'ruleId',
        ),
      ],
    };
  const parsed = suppressionSchema.safeParse({
    ruleId: rule.id,
    resourceIds: [...(input.resourceIds ?? [])],
    justification: input.justification.trim(),
    owner: input.owner.trim(),
    reviewBy: input.reviewBy,
  });
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, 'suppression.invalid') };
  if (parsed.data.reviewBy < today)
    return {
      ok: false,
      issues: [
        issue(
          'suppression.past-review',
          `The review date ${parsed.data.reviewBy} has already passed.`,
          'Choose a date from today on.',
          'reviewBy',
        ),
      ],
    };
  const suppression: Suppression = parsed.data;
  return {
    ok: true,
    value: {
      ...project,
      suppressions: [...project.suppressions.filter((s) => s.ruleId !== rule.id), suppression],
    },
    issues: [],
  };
}

export function removeSuppression(project: Project, ruleId: string): Project {
  return project.suppressions.some((s) => s.ruleId === ruleId)
    ? { ...project, suppressions: project.suppressions.filter((s) => s.ruleId !== ruleId) }
    : project;
}

export interface AttestationInput {
  ruleId: string;
  signedBy: string;
  /** YYYY-MM-DD */
  date: string;
  note?: string;
}

/** Signs off an attestation item (who confirmed it with the customer, when, how). Replaces an earlier sign-off. */
export function signOffAttestation(project: Project, input: AttestationInput): Result<Project> {
  const rule = findRule(input.ruleId);
  if (!rule) return unknownRule(input.ruleId);
  if (rule.mode !== 'attestation')
    return {
      ok: false,
      issues: [
        issue(
          'attestation.automatic',
          `${rule.id} is checked on the design; it cannot be signed off.`,
          rule.fix,
          'ruleId',
        ),
      ],
    };
  const parsed = attestationSchema.safeParse({
    ruleId: rule.id,
    signedBy: input.signedBy,
    date: input.date,
    note: (input.note ?? '').trim(),
  });
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, 'attestation.invalid') };
  const attestation: Attestation = parsed.data;
  return {
    ok: true,
    value: {
      ...project,
      attestations: [...project.attestations.filter((a) => a.ruleId !== rule.id), attestation],
    },
    issues: [],
  };
}

export function withdrawAttestation(project: Project, ruleId: string): Project {
  return project.attestations.some((a) => a.ruleId === ruleId)
    ? { ...project, attestations: project.attestations.filter((a) => a.ruleId !== ruleId) }
    : project;
}
