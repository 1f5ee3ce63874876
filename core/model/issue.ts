/**
 * A problem the user can cause (bad file, bad value, missing price), reported as a value, never thrown.
 * `path` names where it is: a row and column of an input file, or a field path in a project.
 */
export type Severity = 'error' | 'warning' | 'notice';

export interface Issue {
  code: string;
  severity: Severity;
  message: string;
  hint: string;
  path?: IssuePath;
}

export interface IssuePath {
  file?: string;
  /** 1-based line number in the source file, header = 1 */
  row?: number;
  column?: string;
  field?: string;
}

export function formatIssue(issue: Issue): string {
  const where: string[] = [];
  if (issue.path?.file) where.push(issue.path.file);
  if (issue.path?.row !== undefined) where.push(`row ${issue.path.row}`);
  if (issue.path?.column) where.push(`column "${issue.path.column}"`);
  if (issue.path?.field) where.push(`field ${issue.path.field}`);
  const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
  return `${issue.severity} ${issue.code}: ${prefix}${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** A result that is either a value or the issues that stopped it. */
export type Result<T> = { ok: true; value: T; issues: Issue[] } | { ok: false; issues: Issue[] };
