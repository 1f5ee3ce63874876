import { findRule } from '../../core/security/catalog';
import {
  type CheckResult,
  evaluateChecks,
  failingAtOrAbove,
  SEVERITY_ORDER,
  summarizeByCategory,
  summarizeChecks,
} from '../../core/security/evaluate';
import { CATEGORY_LABELS, RULE_CATEGORIES, type RuleSeverity } from '../../core/security/rule';
import type { ParsedArgs } from '../args';
import { readProjectFile } from '../context';
import { EXIT, usageError } from '../errors';

function projectArg(args: ParsedArgs): string {
  const [path, ...extra] = args.positionals;
  if (!path)
    throw usageError(
      'archplan check needs a project file.',
      'Example: archplan check /tmp/plan/project.archplan.json --fail-on high',
    );
  if (extra.length > 0) throw usageError(`Unexpected argument "${extra[0]}".`, 'Give one project file.');
  return path;
}

function parseThreshold(value: string | boolean | undefined): RuleSeverity {
  const failOn = value ?? 'high';
  if (typeof failOn !== 'string' || !(SEVERITY_ORDER as readonly string[]).includes(failOn)) {
    throw usageError(
      `--fail-on ${String(failOn)} is not a severity.`,
      `Use one of: ${SEVERITY_ORDER.join(', ')} (checks failing at or above it make the exit code 1).`,
    );
  }
  return failOn as RuleSeverity;
}

const MARK: Record<CheckResult['status'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  manual: 'SIGN-OFF',
  suppressed: 'ACCEPTED',
};

/** The checklist as text: one block per category with its counts, then what to do about each failure. */
export function renderChecklistText(checks: readonly CheckResult[], threshold: RuleSeverity): string {
  const lines: string[] = [];
  const byCategory = summarizeByCategory(checks);
  for (const category of RULE_CATEGORIES) {
    const items = checks.filter((c) => c.category === category);
    if (items.length === 0) continue;
    const n = byCategory[category];
    lines.push(
      `${CATEGORY_LABELS[category]} — ${n.pass} pass, ${n.fail} fail, ${n.manual} to sign off${n.suppressed ? `, ${n.suppressed} accepted` : ''}`,
    );
    for (const c of items) {
      lines.push(`  ${MARK[c.status].padEnd(8)}  ${c.ruleId}  ${c.severity.padEnd(8)}  ${c.title}`);
      if (c.status === 'fail') {
        lines.push(`            ${c.detail}`);
        if (c.fix) lines.push(`            Fix: ${c.fix}`);
      }
      if (c.suppression)
        lines.push(
          `            Accepted by ${c.suppression.owner} until ${c.suppression.reviewBy}: ${c.suppression.justification}`,
        );
      if (c.expiredSuppression)
        lines.push(
          `            Suppression by ${c.expiredSuppression.owner} expired on ${c.expiredSuppression.reviewBy}.`,
        );
      if (c.attestation) lines.push(`            ${c.detail}`);
    }
    lines.push('');
  }
  const counts = summarizeChecks(checks);
  const blocking = failingAtOrAbove(checks, threshold);
  lines.push(
    `${checks.length} rules: ${counts.pass} pass, ${counts.fail} fail, ${counts.manual} to sign off, ${counts.suppressed} accepted risk${counts.suppressed === 1 ? '' : 's'}.`,
    blocking.length > 0
      ? `${blocking.length} failing at or above ${threshold}: ${blocking.map((c) => c.ruleId).join(', ')}.`
      : `Nothing fails at or above ${threshold}.`,
  );
  return lines.join('\n');
}

/**
 * `archplan check <project> [--json] [--fail-on <severity>]`: runs the checklist over the saved design
 * with its suppressions and sign-offs. Exit 1 when a rule at or above the threshold fails (suppressed
 * rules are accepted risks and do not count; a suppression past its review date no longer applies).
 */
export function runCheck(args: ParsedArgs, now: () => Date = () => new Date()): number {
  const threshold = parseThreshold(args.values['fail-on']);
  const project = readProjectFile(projectArg(args));
  const checks = evaluateChecks(project.topology, project.suppressions, {
    attestations: project.attestations,
    today: now().toISOString().slice(0, 10),
  });
  const unknown = project.suppressions.filter((s) => !findRule(s.ruleId));
  process.stdout.write(
    args.values.json ? `${JSON.stringify(checks, null, 2)}\n` : `${renderChecklistText(checks, threshold)}\n`,
  );
  if (unknown.length > 0)
    process.stderr.write(
      `archplan: ignored suppressions for unknown rules: ${unknown.map((s) => s.ruleId).join(', ')}.\n`,
    );
  return failingAtOrAbove(checks, threshold).length > 0 ? EXIT.checksFailed : EXIT.ok;
}
